import type { TSendingActivity } from "./sending-activity";

// Pure rules over one sender's activity: what fired and by how much, in words an analyst reads in the alert.

/**
 * The outbound limits of the "Email sending limit exceeded" policy. recipientsPerHour is counted at SMTP by the
 * sender policy service (ingested mail carries no clock-hour counts); a policy saved before it existed lacks it and
 * gets the default: 1,000, the internal recipients per hour of Microsoft's recommended (Standard) outbound spam
 * policy: far above what a person sends in an hour, far below what a sprayed account sends, and under the daily
 * 10,000 it still lets an honest mailing run for ten hours.
 */
export type TSendingLimits = { recipientsPerDay: number; messagesPerMinute: number; recipientsPerHour: number };
export const DEFAULT_LIMITS: TSendingLimits = {
  recipientsPerDay: 10_000,
  messagesPerMinute: 30,
  recipientsPerHour: 1_000,
};

/** The policy's stored settings over the defaults: a setting an admin never saved keeps its default. */
export const sendingLimitsOf = (settings: unknown): TSendingLimits => ({
  ...DEFAULT_LIMITS,
  ...((settings ?? {}) as Partial<TSendingLimits>),
});

export type TLimitBreach = { limit: keyof TSendingLimits; observed: number; allowed: number; description: string };

/**
 * The limits one message took its sender past: the counts before it were within a limit and with it are over. Only
 * the crossing message fires, so a sender released while still over a count for the day is not restricted again by
 * its next message; a sender that comes back under (the hour turns, old hours leave the day) and crosses again is.
 */
export function crossedLimits(
  counts: { recipientsThisHour: number; recipientsLastDay: number; added: number },
  limits: TSendingLimits,
): TLimitBreach[] {
  const crossed = (total: number, allowed: number) => total > allowed && total - counts.added <= allowed;
  const breaches: TLimitBreach[] = [];
  if (crossed(counts.recipientsThisHour, limits.recipientsPerHour)) {
    breaches.push({
      limit: "recipientsPerHour",
      observed: counts.recipientsThisHour,
      allowed: limits.recipientsPerHour,
      description: `${counts.recipientsThisHour} recipients this hour (limit ${limits.recipientsPerHour})`,
    });
  }
  if (crossed(counts.recipientsLastDay, limits.recipientsPerDay)) {
    breaches.push({
      limit: "recipientsPerDay",
      observed: counts.recipientsLastDay,
      allowed: limits.recipientsPerDay,
      description: `${counts.recipientsLastDay} recipients in 24 hours (limit ${limits.recipientsPerDay})`,
    });
  }
  return breaches;
}

export function exceededLimits(activity: TSendingActivity, limits: TSendingLimits): TLimitBreach[] {
  const breaches: TLimitBreach[] = [];
  if (activity.recipientsLastDay > limits.recipientsPerDay) {
    breaches.push({
      limit: "recipientsPerDay",
      observed: activity.recipientsLastDay,
      allowed: limits.recipientsPerDay,
      description: `${activity.recipientsLastDay} recipients in 24 hours (limit ${limits.recipientsPerDay})`,
    });
  }
  if (activity.messagesLastMinute > limits.messagesPerMinute) {
    breaches.push({
      limit: "messagesPerMinute",
      observed: activity.messagesLastMinute,
      allowed: limits.messagesPerMinute,
      description: `${activity.messagesLastMinute} messages in one minute (limit ${limits.messagesPerMinute})`,
    });
  }
  return breaches;
}

export type TSignal = {
  signal: "volume" | "newRecipients" | "externalShare" | "threatShare";
  observed: number;
  baseline: number;
  description: string;
};

// Below these a sender has too little history, or sends too little, for a departure to mean anything.
const MIN_BASELINE_DAYS = 7;
const MIN_RECIPIENTS = 20;

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function suspiciousSignals(activity: TSendingActivity): TSignal[] {
  const signals: TSignal[] = [];
  const hasBaseline = activity.baselineDays >= MIN_BASELINE_DAYS;
  const daily = Math.max(activity.baselineDailyRecipients, 1);
  if (hasBaseline && activity.recipientsLastDay >= 50 && activity.recipientsLastDay >= 3 * daily) {
    signals.push({
      signal: "volume",
      observed: activity.recipientsLastDay,
      baseline: round(activity.baselineDailyRecipients),
      description: `${activity.recipientsLastDay} recipients in 24 hours, ${round(activity.recipientsLastDay / daily)}× the usual ${round(activity.baselineDailyRecipients)} a day`,
    });
  }
  const newShare = activity.distinctRecipientsLastDay
    ? activity.newRecipientsLastDay / activity.distinctRecipientsLastDay
    : 0;
  if (hasBaseline && activity.distinctRecipientsLastDay >= MIN_RECIPIENTS && newShare >= 0.6) {
    signals.push({
      signal: "newRecipients",
      observed: round(newShare),
      baseline: 0,
      description: `${percent(newShare)} of ${activity.distinctRecipientsLastDay} recipients never written to in the previous 30 days`,
    });
  }
  const externalShare = activity.recipientsLastDay
    ? activity.externalRecipientsLastDay / activity.recipientsLastDay
    : 0;
  if (
    hasBaseline &&
    activity.recipientsLastDay >= MIN_RECIPIENTS &&
    externalShare - activity.baselineExternalShare >= 0.3
  ) {
    signals.push({
      signal: "externalShare",
      observed: round(externalShare),
      baseline: round(activity.baselineExternalShare),
      description: `${percent(externalShare)} of recipients external, against ${percent(activity.baselineExternalShare)} usually`,
    });
  }
  const threatShare = activity.recipientsLastDay ? activity.threatRowsLastDay / activity.recipientsLastDay : 0;
  if (activity.recipientsLastDay >= 5 && threatShare >= 0.2) {
    signals.push({
      signal: "threatShare",
      observed: round(threatShare),
      baseline: 0,
      description: `${percent(threatShare)} of outbound mail judged spam, phish or malware by the filter`,
    });
  }
  return signals;
}

/** Two departures from the baseline together, or outbound mail the filter itself judged malicious. */
export const isSuspicious = (signals: TSignal[]) =>
  signals.length >= 2 || signals.some((signal) => signal.signal === "threatShare");

const round = (value: number) => Math.round(value * 100) / 100;
