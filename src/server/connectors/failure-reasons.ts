import { FOLDERS } from "@/server/actions/email-locations";

/**
 * Why a copy failed, in the same words whichever connector tried it: EmailActionResult.reason, the action's failures
 * by reason on History, and what a canary run names when it stops. One place, so the same failure reads the same.
 */
export const FAILURE_REASONS = {
  outside: "Recipient outside the organisation: the copy is not in a mailbox Breakwater can reach",
  mailboxLeft: "Mailbox no longer in the organisation",
  movedSince: "No longer where the reverted action put it (moved since): left where it is",
  movedMeanwhile: "Moved by something else while the action ran: left where it is",
  notFound: `Message not found in the mailbox (looked in ${Object.values(FOLDERS).join(", ")})`,
  mailboxGone: "Mailbox gone: the mail server does not know this user",
  dovecotNotSetUp:
    "Dovecot is not set up: give a doveadm URL and API key, or an IMAP host and master user, on Settings › Mail system",
  imapMasterRefused: "IMAP master user login failed: AUTHENTICATIONFAILED",
  imapUnreachable: (address: string, detail: string) => `IMAP unreachable: ${address} ${detail}`,
  imapError: (detail: string) => `IMAP error: ${detail}`,
  doveadmUnreachable: (detail: string) => `doveadm API unreachable: ${detail}`,
} as const;
