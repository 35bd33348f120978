import "server-only";
import { prisma } from "@/server/db";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";

export const TREND_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

// Investigation statuses as an analyst reads a trend: still working, waiting for someone, done clean, done by acting,
// and ended some other way (failed, stopped, partially investigated).
export const INVESTIGATION_GROUPS = {
  running: ["Starting", "Running", "QueuedByThrottling"],
  pendingAction: ["PendingAction"],
  noThreats: ["NoThreatsFound"],
  remediated: ["Remediated", "PartiallyRemediated"],
  other: ["PartiallyInvestigated", "Failed", "TerminatedBySystem", "TerminatedByUser", "TerminatedByThrottling"],
} as const;

export type TDayCounts<K extends string> = { day: Date } & Record<K, number>;
export type THomeTrends = {
  from: Date;
  alerts: TDayCounts<"New" | "InProgress" | "Resolved">[];
  investigations: TDayCounts<keyof typeof INVESTIGATION_GROUPS>[];
  /** Pending actions by whole days waiting (0 = less than a day), up to the expiry; the last day expires next. */
  pendingByAge: { ageDays: number; count: number }[];
  pendingExpiryDays: number;
  /** Actions decided in the window: by automation, and in all (automation and people). */
  decided: { automated: number; total: number };
  /** Investigations whose first remediation ran in the window, and the mean time from their first alert to it. */
  remediation: { investigations: number; meanSeconds: number | null };
};

/** Home's trends over the last 30 days (UTC days, today included): each figure one set-based statement. */
export async function getHomeTrends(now = new Date()): Promise<THomeTrends> {
  const from = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - (TREND_DAYS - 1) * DAY_MS);
  const last = new Date(from.getTime() + (TREND_DAYS - 1) * DAY_MS);
  const { pendingExpiryDays } = await getAutomationSettings();
  const g = INVESTIGATION_GROUPS;
  const [alerts, investigations, pending, decided, remediation] = await Promise.all([
    prisma.$queryRaw<THomeTrends["alerts"]>`
      select d.day,
        count(a.id) filter (where a.status = 'New')::int as "New",
        count(a.id) filter (where a.status = 'InProgress')::int as "InProgress",
        count(a.id) filter (where a.status = 'Resolved')::int as "Resolved"
      from generate_series(${from}::timestamp, ${last}::timestamp, interval '1 day') d(day)
      left join "Alert" a on a."createdAt" >= d.day and a."createdAt" < d.day + interval '1 day'
      group by d.day order by d.day`,
    prisma.$queryRaw<THomeTrends["investigations"]>`
      select d.day,
        count(i.id) filter (where i.status::text = any(${g.running}))::int as "running",
        count(i.id) filter (where i.status::text = any(${g.pendingAction}))::int as "pendingAction",
        count(i.id) filter (where i.status::text = any(${g.noThreats}))::int as "noThreats",
        count(i.id) filter (where i.status::text = any(${g.remediated}))::int as "remediated",
        count(i.id) filter (where i.status::text = any(${g.other}))::int as "other"
      from generate_series(${from}::timestamp, ${last}::timestamp, interval '1 day') d(day)
      left join "Investigation" i on i."createdAt" >= d.day and i."createdAt" < d.day + interval '1 day'
      group by d.day order by d.day`,
    // An action older than the expiry is expired by the next sweep; until then it counts in the last day.
    prisma.$queryRaw<THomeTrends["pendingByAge"]>`
      select a.age as "ageDays", count(p.id)::int as count
      from generate_series(0, ${pendingExpiryDays - 1}::int) a(age)
      left join "Action" p on p.status = 'Pending'
        and greatest(0, least(floor(extract(epoch from (${now}::timestamp - p."createdAt")) / 86400), ${pendingExpiryDays - 1})) = a.age
      group by a.age order by a.age`,
    prisma.$queryRaw<{ automated: number; total: number }[]>`
      select count(*) filter (where "decidedBy" = 'Automation')::int as automated, count(*)::int as total
      from "Action" where "decidedBy" is not null and "decidedAt" >= ${from}`,
    prisma.$queryRaw<{ investigations: number; meanSeconds: number | null }[]>`
      with remediated as (
        select "investigationId", min("executedAt") as at from "Action"
        where "investigationId" is not null and "executedAt" >= ${from} and status in ('Completed', 'PartiallyCompleted', 'Reverted')
        group by "investigationId"
      ), raised as (
        select r."investigationId", r.at, min(a."createdAt") as alerted
        from remediated r join "Alert" a on a."investigationId" = r."investigationId" group by r."investigationId", r.at
      )
      select count(*)::int as investigations, extract(epoch from avg(at - alerted))::float8 as "meanSeconds" from raised`,
  ]);
  return {
    from,
    alerts,
    investigations,
    pendingByAge: pending,
    pendingExpiryDays,
    decided: decided[0],
    remediation: remediation[0],
  };
}
