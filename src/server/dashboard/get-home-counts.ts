import "server-only";
import { prisma } from "@/server/db";

export type THomeCounts = {
  activeAlerts: number;
  runningInvestigations: number;
  pendingActions: number;
  restrictedUsers: number;
  mailboxes: number;
  emailEventsLast24h: number;
  threatsLast24h: number;
  emailEventsTotal: number;
  isEmailEventsTotalEstimated: boolean;
};

const EXACT_BELOW = 1_000_000;
const RUNNING = ["Starting", "Running", "PendingAction", "QueuedByThrottling"] as const;

/** The live figures on the home page, each one indexed count. */
export async function getHomeCounts(now = new Date()): Promise<THomeCounts> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [
    activeAlerts,
    runningInvestigations,
    pendingActions,
    restrictedUsers,
    mailboxes,
    emailEventsLast24h,
    threatsLast24h,
    estimate,
  ] = await Promise.all([
    prisma.alert.count({ where: { status: { not: "Resolved" } } }),
    prisma.investigation.count({ where: { status: { in: [...RUNNING] } } }),
    prisma.action.count({ where: { status: "Pending" } }),
    prisma.restrictedUser.count({ where: { releasedAt: null } }),
    prisma.mailbox.count(),
    prisma.emailEvent.count({ where: { timestamp: { gte: dayAgo } } }),
    prisma.emailEvent.count({ where: { timestamp: { gte: dayAgo }, threatTypes: { not: "" } } }),
    // An exact count over millions of rows is a full scan; the planner's estimate is instant and close enough.
    prisma.$queryRaw<
      { estimate: number }[]
    >`select greatest(reltuples, 0)::float8 as estimate from pg_class where relname = 'EmailEvent'`,
  ]);
  // Right after a bulk load the statistics still say 0; below a million rows an exact count is cheap anyway.
  const estimated = Math.round(estimate[0]?.estimate ?? 0);
  const isEmailEventsTotalEstimated = estimated >= EXACT_BELOW;
  const emailEventsTotal = isEmailEventsTotalEstimated ? estimated : await prisma.emailEvent.count();
  return {
    activeAlerts,
    runningInvestigations,
    pendingActions,
    restrictedUsers,
    mailboxes,
    emailEventsLast24h,
    threatsLast24h,
    emailEventsTotal,
    isEmailEventsTotalEstimated,
  };
}
