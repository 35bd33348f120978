// Who reported an item. Anyone can write to the reporting mailbox, and From or the envelope sender can be anything:
// only what the organisation's own server wrote is trusted. Postfix with `smtpd_sasl_authenticated_header = yes`
// puts "(Authenticated sender: user@domain)" in the Received header it adds when it accepts a message from a user
// who logged in. That header is the topmost one once the local delivery hop (Dovecot's "with LMTP") is passed over;
// an "Authenticated sender" in any header below it was written by someone else and proves nothing.

export type TReporterResult = { reporter: string } | { reason: string };

const DELIVERY_HOP = /\bwith\s+LMTPS?A?\b/i;
const AUTHENTICATED = /\(Authenticated sender:\s*<?([^\s<>()]+?)>?\s*\)/i;

/** `received` is every Received header of the item, topmost first (as the message holds them). */
export function findReporter(received: readonly string[], orgDomains: readonly string[]): TReporterResult {
  const acceptedBy = received.find((header) => !DELIVERY_HOP.test(header));
  if (!acceptedBy) return { reason: "no Received header from the organisation's mail server" };
  const match = AUTHENTICATED.exec(acceptedBy);
  if (!match)
    return {
      reason:
        "not sent by an authenticated user of the organisation (the receiving server's Received header names no authenticated sender)",
    };
  const reporter = match[1].toLowerCase();
  // A login name without a domain ("alice") cannot be written back to: the server must log users in by address.
  if (!/^[^@]+@[^@]+\.[^@]+$/.test(reporter))
    return { reason: `the authenticated sender "${reporter}" is not an email address` };
  const domain = reporter.split("@")[1];
  const isOrganisation = orgDomains.some(
    (org) => domain === org.toLowerCase() || domain.endsWith(`.${org.toLowerCase()}`),
  );
  if (!isOrganisation) return { reason: `sent by ${reporter}, who is not in the organisation's domains` };
  return { reporter };
}
