// A recipient's outcome in Postfix's log as an EmailEvents row (the ingestion's input shape).
import type { TEmailEventInput } from "@/server/ingestion/ingestion.schemas";
import { parseFromHeader } from "./header-words";
import type { TMaillogDelivery } from "./parse-maillog";

export type TMaillogContext = {
  /** The organisation's domains (those of its mailboxes): they decide a message's direction. */
  orgDomains: readonly string[];
  /** Gets a copy of every message for its content: not a recipient anyone sent to, so it has no row. */
  journalMailbox: string | null;
};

// Agents that put mail in a mailbox on this system; any other (smtp, relay, ...) hands it to another server.
const MAILBOX_TRANSPORTS = new Set(["lmtp", "local", "virtual", "pipe"]);
// Postfix writes no authentication results to its log: the verdicts are unknown, not failed.
const UNKNOWN_AUTHENTICATION = { spf: "none", dkim: "none", dmarc: "none", compAuth: "none" } as const;

type TDisposition = Pick<TEmailEventInput, "deliveryAction" | "deliveryLocation">;

export function maillogEmailEvent(
  delivery: TMaillogDelivery,
  { orgDomains, journalMailbox }: TMaillogContext,
): TEmailEventInput | null {
  if (journalMailbox && delivery.recipient === journalMailbox.toLowerCase()) return null;
  const header = delivery.headerFrom ? parseFromHeader(delivery.headerFrom) : null;
  const mailFrom = delivery.envelopeFrom || null;
  const senderFromAddress = header?.address ?? mailFrom ?? mailerDaemon(delivery);
  const isInternal = (address: string) => {
    const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
    return orgDomains.some((org) => domain === org || domain.endsWith(`.${org}`));
  };
  // The envelope sender is who Postfix accepted the message from; the From header is only what it claims.
  const isFromOrg = isInternal(mailFrom ?? senderFromAddress);
  return {
    timestamp: new Date(delivery.receivedAt).toISOString(),
    networkMessageId: delivery.networkMessageId,
    internetMessageId:
      delivery.messageId && /^<[^<>\s]+>$/.test(delivery.messageId)
        ? delivery.messageId
        : `<${delivery.networkMessageId}@postfix.invalid>`,
    senderFromAddress,
    senderMailFromAddress: mailFrom ?? senderFromAddress,
    senderDisplayName: withoutNul(header?.name ?? "").slice(0, 256),
    senderIPv4: ipv4(delivery.clientIp),
    recipientEmailAddress: delivery.recipient,
    subject: withoutNul(delivery.subject ?? "").slice(0, 1000),
    emailDirection: isFromOrg ? (isInternal(delivery.recipient) ? "Intra-org" : "Outbound") : "Inbound",
    ...disposition(delivery),
    authenticationDetails: UNKNOWN_AUTHENTICATION,
    emailSize: delivery.size ?? 0,
  };
}

function disposition({ outcome, transport }: TMaillogDelivery): TDisposition {
  switch (outcome) {
    case "sent":
      if (transport === "discard") return { deliveryAction: "Blocked", deliveryLocation: "Dropped" };
      return {
        deliveryAction: "Delivered",
        deliveryLocation: transport && MAILBOX_TRANSPORTS.has(transport) ? "Inbox/folder" : "On-premises/external",
      };
    case "bounced":
    case "expired":
      return { deliveryAction: "Blocked", deliveryLocation: "Failed" };
    case "refused":
    case "discarded":
    case "removed":
      return { deliveryAction: "Blocked", deliveryLocation: "Dropped" };
  }
}

// A bounce (null envelope sender, no From in the log) comes from the mail system itself, named after its host
// (which Postfix puts in the Message-IDs it makes).
function mailerDaemon({ messageId }: TMaillogDelivery): string {
  const domain = messageId ? /@([a-z0-9-]+(?:\.[a-z0-9-]+)+)>$/i.exec(messageId)?.[1] : undefined;
  return `mailer-daemon@${domain?.toLowerCase() ?? "localhost.invalid"}`;
}

function ipv4(ip: string | null): string | null {
  const address = ip?.replace(/^::ffff:/i, "") ?? null;
  return address && /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(address) ? address : null;
}

const withoutNul = (text: string) => text.replaceAll("\u0000", "");
