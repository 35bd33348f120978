// A small organisation and one of its users taken over, fed through the public ingestion API as a mail system
// would: the same path production data takes, so the detections, the restriction and the playbook all fire for real.
import { expect, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";

export const DOMAIN = "contoso.test";
const ATTACKER_IP = "192.0.2.66";
const DAY_MS = 86_400_000;
const PEOPLE = ["dana", "alex", "bea", "chris", "eli", "fran", "gus", "hana", "ivan", "jo"];
const AUTH = { spf: "pass", dkim: "pass", dmarc: "pass", compAuth: "pass" };

export type TCompromise = { victim: string; colleagues: string[]; forwardTo: string };

const iso = (time: number) => new Date(time).toISOString();

async function ingest(request: APIRequestContext, kind: "identity-events" | "email-events", events: unknown[]) {
  const response = await request.post(`/api/v1/ingest/${kind}`, { data: events });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** One message from `sender`, one row per recipient, as EmailEvents has it. */
export function outboundMessage(sender: string, recipients: string[], timestamp: number, subject: string) {
  const networkMessageId = randomUUID();
  return {
    networkMessageId,
    rows: recipients.map((recipient) => {
      const isExternal = !recipient.endsWith(`@${DOMAIN}`);
      return {
        timestamp: iso(timestamp),
        networkMessageId,
        internetMessageId: `<${networkMessageId}@${DOMAIN}>`,
        senderFromAddress: sender,
        senderMailFromAddress: sender,
        senderDisplayName: "Dana Whitfield",
        senderIPv4: "203.0.113.10",
        recipientEmailAddress: recipient,
        subject,
        emailDirection: isExternal ? "Outbound" : "Intra-org",
        deliveryAction: "Delivered",
        deliveryLocation: isExternal ? "On-premises/external" : "Inbox/folder",
        authenticationDetails: AUTH,
        emailSize: 12_000,
      };
    }),
  };
}

export async function sendMail(request: APIRequestContext, rows: unknown[]) {
  return ingest(request, "email-events", rows);
}

/**
 * Ten mailboxes with a few days of ordinary sign-ins, a baseline of ordinary mail from the victim, then her
 * compromise: failed sign-ins and a success from VN, a hidden rule forwarding outside, and a burst of 40 messages in
 * under a minute, past the 30-a-minute limit. Fresh addresses each call, so runs on one database never collide.
 */
export async function compromiseUser(request: APIRequestContext, now = Date.now()): Promise<TCompromise> {
  const tag = randomUUID().slice(0, 8);
  const people = PEOPLE.map((name) => ({ name, address: `${name}.${tag}@${DOMAIN}` }));
  const [victim, ...colleagues] = people.map((person) => person.address);
  const forwardTo = `drop-${tag}@mailbox-relay.example`;

  const signIn = (
    address: string,
    time: number,
    actionType: "LogonSuccess" | "LogonFailed",
    country = "US",
    ip = "203.0.113.10",
  ) => ({
    type: "signIn",
    timestamp: iso(time),
    accountUpn: address,
    accountDisplayName: address.split(".")[0],
    actionType,
    application: "Office 365 Exchange Online",
    logonType: "Interactive",
    protocol: "Browser",
    failureReason: actionType === "LogonFailed" ? "Invalid username or password" : null,
    ipAddress: ip,
    countryCode: country,
  });
  const mailboxes = people.map((person) => ({
    type: "mailbox",
    address: person.address,
    displayName: person.name,
    department: "Finance",
    country: "US",
    createdAt: iso(now - 30 * DAY_MS),
  }));
  const usualSignIns = people.flatMap((person) =>
    [1, 2, 3, 4].map((day) => signIn(person.address, now - day * DAY_MS + 8 * 3_600_000, "LogonSuccess")),
  );
  await ingest(request, "identity-events", [...mailboxes, ...usualSignIns]);

  // Her usual mail: a handful of messages a day to colleagues and one customer.
  const baseline = [1, 2, 3, 4].flatMap((day) =>
    [0, 1, 2].flatMap(
      (index) =>
        outboundMessage(
          victim,
          [colleagues[(day + index) % colleagues.length], `buyer.${tag}@fabrikam.example`],
          now - day * DAY_MS + (9 + index) * 3_600_000,
          "Weekly figures",
        ).rows,
    ),
  );
  await sendMail(request, baseline);

  // The takeover, 30 minutes ago: guessing, getting in from abroad, hiding a rule that forwards her mail away.
  const start = now - 30 * 60_000;
  await ingest(request, "identity-events", [
    ...Array.from({ length: 6 }, (_, index) =>
      signIn(victim, start + index * 30_000, "LogonFailed", "VN", ATTACKER_IP),
    ),
    signIn(victim, start + 4 * 60_000, "LogonSuccess", "VN", ATTACKER_IP),
    {
      type: "inboxRule",
      operation: "create",
      mailbox: victim,
      name: ".",
      isHidden: true,
      forwardTo,
      markAsRead: true,
      createdAt: iso(start + 6 * 60_000),
      createdFromIPAddress: ATTACKER_IP,
    },
  ]);

  // Then 40 messages within one minute, ten minutes ago, each to 3–5 recipients inside and outside.
  const burstStart = now - 10 * 60_000;
  const burst = Array.from({ length: 40 }, (_, index) => {
    const recipients = Array.from({ length: 3 + (index % 3) }, (_, r) =>
      r % 2 ? `contact${index}-${r}.${tag}@customer.example` : colleagues[(index + r) % colleagues.length],
    );
    return outboundMessage(victim, recipients, burstStart + index * 1_000, "Overdue invoice – action required today")
      .rows;
  }).flat();
  const result = await sendMail(request, burst);
  expect(result.detections.restrictedUsers).toEqual([victim]);
  return { victim, colleagues, forwardTo };
}
