// What the sender policy service answers, as pure functions of a request and what it knows: the server adds the
// sockets, the database and the clock.
import type { TPolicyRequest } from "./policy-protocol";

export const POLICY_ANSWERS = {
  noOpinion: "DUNNO",
  // Postfix turns it into "550 5.1.8 <addr>: Sender address rejected: Access denied, bad outbound sender", the
  // words Exchange Online uses for a user restricted from sending.
  restricted: "550 5.1.8 Access denied, bad outbound sender",
  // After DATA Postfix turns an address status (5.1.x) into 5.0.0; a policy status (5.7.1) comes through as it is.
  restrictedAfterData: "550 5.7.1 Access denied, bad outbound sender",
  blocked: "550 5.7.1 Sender blocked by the organisation's threat intelligence",
  unavailable: "451 4.3.5 Sender policy temporarily unavailable",
} as const;

export type TSenderView = {
  restricted: ReadonlySet<string>;
  blocked: ReadonlySet<string>;
  /** The lists were read recently enough to be trusted as they are. */
  isFresh: boolean;
  isFailOpen: boolean;
};

const address = (value: string | undefined) => value?.trim().toLowerCase() ?? "";

/**
 * The answer about a request's sender. The account that authenticated (sasl_username) is checked as well as MAIL
 * FROM, so a compromised account forging another MAIL FROM is still refused. With stale lists, fail-closed refuses
 * everyone for now; fail-open answers from the last lists it read: it lets unknown senders through, but a sender
 * known to be restricted stays refused (a release needs the database too, so it cannot have happened unseen).
 */
export function decideSender(request: TPolicyRequest, view: TSenderView): string {
  if (!view.isFresh && !view.isFailOpen) return POLICY_ANSWERS.unavailable;
  const sender = address(request.get("sender"));
  const login = address(request.get("sasl_username"));
  if ((sender && view.restricted.has(sender)) || (login && view.restricted.has(login))) {
    return request.get("protocol_state") === "END-OF-MESSAGE"
      ? POLICY_ANSWERS.restrictedAfterData
      : POLICY_ANSWERS.restricted;
  }
  if (sender && view.blocked.has(sender)) return POLICY_ANSWERS.blocked;
  return POLICY_ANSWERS.noOpinion;
}

/**
 * Whose sending a finished message counts towards: the authenticated account when it is one of the organisation's
 * addresses, else MAIL FROM when that is. A bare login ("alice") falls back to MAIL FROM; mail from outside the
 * organisation (relayed inbound mail, bounces with an empty MAIL FROM) counts for nobody.
 */
export function countedSender(request: TPolicyRequest, internalDomains: ReadonlySet<string>): string | null {
  for (const candidate of [address(request.get("sasl_username")), address(request.get("sender"))]) {
    const at = candidate.lastIndexOf("@");
    if (at > 0 && internalDomains.has(candidate.slice(at + 1))) return candidate;
  }
  return null;
}

/** recipient_count at END-OF-MESSAGE: the recipients Postfix accepted for this message. */
export function acceptedRecipients(request: TPolicyRequest): number {
  const count = Number(request.get("recipient_count"));
  return Number.isSafeInteger(count) && count > 0 ? count : 0;
}
