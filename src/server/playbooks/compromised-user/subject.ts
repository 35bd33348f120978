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

export async function subjectMailbox(subject: TInvestigationSubject) {
  const address = subject.users[0];
  const mailbox = await prisma.mailbox.findUnique({ where: { address } });
  return { address, mailbox };
}

export async function isExternalAddress(address: string): Promise<boolean> {
  const domain = address.split("@")[1]?.toLowerCase() ?? "";
  return !(await internalDomains()).includes(domain);
}
