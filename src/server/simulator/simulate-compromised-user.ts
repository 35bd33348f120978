import "server-only";
import { createRandom } from "@/lib/random";
import { prisma } from "@/server/db";
import { ingestIdentityEvents } from "@/server/ingestion/ingest-identity-events";
import type { TEmailEventInput, TIdentityEventInput } from "@/server/ingestion/ingestion.schemas";
import { receiveEmailEvents } from "@/server/ingestion/receive-email-events";

export type SimulateCompromisedUserOptions = { seed?: number; now?: Date; user?: string };

const ATTACKER = { ip: "192.0.2.66", country: "VN", mailbox: "archive.drop@mailbox-relay.example" };
const BURST_MESSAGES = 40;
const RECIPIENTS_PER_MESSAGE = 5;

/**
 * One account taken over, as seeds/003 describes it: a sign-in from a new country after a run of failures, a hidden
 * inbox rule forwarding mail outside, a new MFA method, then a burst of phish to internal and external recipients
 * past the sending limit. Everything goes through ingestion, so the detections fire as they would in production.
 */
export async function simulateCompromisedUser({
  seed = 1,
  now = new Date(),
  user,
}: SimulateCompromisedUserOptions = {}) {
  const random = createRandom(seed);
  const mailboxes = await prisma.mailbox.findMany({
    orderBy: { address: "asc" },
    select: { address: true, displayName: true },
  });
  if (mailboxes.length < 2)
    throw new Error("the compromised-user scenario needs an organisation: run `npm run simulate -- org` first");
  const victim = (user ? mailboxes.find((mailbox) => mailbox.address === user) : random.pick(mailboxes)) ?? null;
  if (!victim) throw new Error(`no mailbox ${user}`);
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

  const identity: TIdentityEventInput[] = [
    ...Array.from({ length: 6 }, (_, index) => signIn(victim, at(95 - index), "LogonFailed")),
    signIn(victim, at(88), "LogonSuccess"),
    {
      type: "inboxRule",
      operation: "create",
      mailbox: victim.address,
      name: ".",
      isHidden: true,
      forwardTo: ATTACKER.mailbox,
      markAsRead: true,
      createdAt: at(80),
      createdFromIPAddress: ATTACKER.ip,
    },
    { type: "mfaMethod", mailbox: victim.address, method: "phone", detail: "+1 555 0100", addedAt: at(78) },
  ];
  const identityResult = await ingestIdentityEvents(identity);

  const colleagues = mailboxes
    .filter((mailbox) => mailbox.address !== victim.address)
    .map((mailbox) => mailbox.address);
  const outside = Array.from({ length: 60 }, (_, index) => `contact${index}@customer-${index % 6}.example`);
  const burst: TEmailEventInput[] = [];
  for (let message = 0; message < BURST_MESSAGES; message++) {
    const networkMessageId = random.uuid();
    const timestamp = new Date(now.getTime() - 60_000 + message * 1_000).toISOString();
    for (const recipient of random.sample([...colleagues.slice(0, 40), ...outside], RECIPIENTS_PER_MESSAGE)) {
      const isExternal = !recipient.endsWith(victim.address.split("@")[1]);
      burst.push({
        timestamp,
        networkMessageId,
        internetMessageId: `<${networkMessageId}@${victim.address.split("@")[1]}>`,
        senderFromAddress: victim.address,
        senderMailFromAddress: victim.address,
        senderDisplayName: victim.displayName,
        senderIPv4: ATTACKER.ip,
        recipientEmailAddress: recipient,
        subject: "Overdue invoice – action required today",
        emailDirection: isExternal ? "Outbound" : "Intra-org",
        deliveryAction: message % 3 === 0 ? "Junked" : "Delivered",
        deliveryLocation: message % 3 === 0 ? "Junk folder" : isExternal ? "On-premises/external" : "Inbox/folder",
        threatTypes: message % 3 === 0 ? ["Phish"] : [],
        detectionMethods: message % 3 === 0 ? { Phish: ["URL detonation reputation"] } : {},
        authenticationDetails: { spf: "pass", dkim: "pass", dmarc: "pass", compAuth: "pass" },
        emailSize: 18_400,
        urls: [{ url: "https://invoice-portal.mailbox-relay.example/pay", urlLocation: "Body" }],
      });
    }
  }
  const mail = await receiveEmailEvents(burst);
  return {
    victim: victim.address,
    attacker: ATTACKER,
    identityEvents: identityResult,
    burst: { messages: BURST_MESSAGES, rows: burst.length, inserted: mail.inserted },
    detections: mail.detections,
  };
}

function signIn(
  victim: { address: string; displayName: string },
  timestamp: string,
  actionType: "LogonSuccess" | "LogonFailed",
): TIdentityEventInput {
  return {
    type: "signIn",
    timestamp,
    actionType,
    accountUpn: victim.address,
    accountDisplayName: victim.displayName,
    application: "Office 365 Exchange Online",
    logonType: "Interactive",
    protocol: "IMAP",
    failureReason: actionType === "LogonFailed" ? "Invalid username or password" : null,
    ipAddress: ATTACKER.ip,
    countryCode: ATTACKER.country,
  };
}
