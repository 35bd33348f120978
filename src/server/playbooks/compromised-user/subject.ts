import type { TCompromisedUserInput } from "../playbook-inputs";
import type { TInvestigationSubject, TStepContext } from "../playbook.types";
import type { TCompromisedUserQueries } from "./compromised-user.queries";

export type TCompromisedUserContext = TStepContext<TCompromisedUserInput, TCompromisedUserQueries>;
type TSubject = TInvestigationSubject<TCompromisedUserInput>;

// Configuration changes and sign-ins are looked at this far back from the alert: attackers prepare before they send.
const LOOKBACK_DAYS = 7;

/** Measured back from the activity that raised the alert (mail can be ingested late), else from the run's start. */
export function suspectWindow(subject: TSubject): { since: Date; until: Date } {
  const until = subject.input.activityAt ?? subject.createdAt;
  return { since: new Date(until.getTime() - LOOKBACK_DAYS * 24 * 3600_000), until };
}

/** The time the suspicious sending began (from the alert), or the last day. */
export function sendingSince(subject: TSubject): Date {
  return subject.input.since ?? new Date(suspectWindow(subject).until.getTime() - 24 * 3600_000);
}

// Read once per run, not once per step: most steps start from the same mailbox and the organisation's domains.
const mailboxes = new WeakMap<TSubject, ReturnType<typeof loadMailbox>>();
const domains = new WeakMap<TSubject, Promise<string[]>>();

async function loadMailbox({ subject, queries }: TCompromisedUserContext) {
  const address = subject.users[0];
  return { address, mailbox: await queries.mailbox(address) };
}

export function subjectMailbox(context: TCompromisedUserContext) {
  if (!mailboxes.has(context.subject)) mailboxes.set(context.subject, loadMailbox(context));
  return mailboxes.get(context.subject)!;
}

export function subjectDomains({ subject, queries }: TCompromisedUserContext): Promise<string[]> {
  if (!domains.has(subject)) domains.set(subject, queries.internalDomains());
  return domains.get(subject)!;
}

export async function isExternalAddress(context: TCompromisedUserContext, address: string): Promise<boolean> {
  const domain = address.split("@")[1]?.toLowerCase() ?? "";
  return !(await subjectDomains(context)).includes(domain);
}
