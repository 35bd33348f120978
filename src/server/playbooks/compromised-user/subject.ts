import "server-only";
import { prisma } from "@/server/db";
import { internalDomains } from "@/server/detection/sending-activity";
import type { TInvestigationSubject } from "../playbook.types";

// Configuration changes and sign-ins are looked at this far back from the alert: attackers prepare before they send.
const LOOKBACK_DAYS = 7;

/** Measured back from the activity that raised the alert (mail can be ingested late), else from the run's start. */
export function suspectWindow(subject: TInvestigationSubject): { since: Date; until: Date } {
  const until = dateInput(subject, "activityAt") ?? subject.createdAt;
  return { since: new Date(until.getTime() - LOOKBACK_DAYS * 24 * 3600_000), until };
}

/** The time the suspicious sending began (from the alert), or the last day. */
export function sendingSince(subject: TInvestigationSubject): Date {
  return dateInput(subject, "since") ?? new Date(suspectWindow(subject).until.getTime() - 24 * 3600_000);
}

function dateInput(subject: TInvestigationSubject, key: string): Date | null {
  const value = subject.input[key];
  const date = typeof value === "string" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

// Read once per run, not once per step: most steps start from the same mailbox and the organisation's domains.
const mailboxes = new WeakMap<TInvestigationSubject, ReturnType<typeof loadMailbox>>();
const domains = new WeakMap<TInvestigationSubject, Promise<string[]>>();

async function loadMailbox(address: string) {
  return { address, mailbox: await prisma.mailbox.findUnique({ where: { address } }) };
}

export function subjectMailbox(subject: TInvestigationSubject) {
  if (!mailboxes.has(subject)) mailboxes.set(subject, loadMailbox(subject.users[0]));
  return mailboxes.get(subject)!;
}

export function subjectDomains(subject: TInvestigationSubject): Promise<string[]> {
  if (!domains.has(subject)) domains.set(subject, internalDomains());
  return domains.get(subject)!;
}

export async function isExternalAddress(subject: TInvestigationSubject, address: string): Promise<boolean> {
  const domain = address.split("@")[1]?.toLowerCase() ?? "";
  return !(await subjectDomains(subject)).includes(domain);
}
