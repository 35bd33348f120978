import "server-only";
import { prisma } from "@/server/db";
import { refreshInvestigationStatus } from "@/server/investigations/refresh-investigation-status";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";

/**
 * Pending actions left undecided longer than the setting (7 days by default) expire; their runs end by the system.
 * Nobody decided them, so Decided by stays empty: the Automation filter finds only what automation carried out.
 */
export async function expirePendingActions(now = new Date()): Promise<number> {
  const { pendingExpiryDays } = await getAutomationSettings();
  const cutoff = new Date(now.getTime() - pendingExpiryDays * 24 * 3600_000);
  const expired = await prisma.$queryRaw<{ investigationId: number | null }[]>`
    update "Action" set status = 'Expired', "decidedAt" = ${now}, "decidedByName" = 'System (expired)', "updatedAt" = ${now}
    where status = 'Pending' and "createdAt" < ${cutoff}
    returning "investigationId"`;
  const runs = [...new Set(expired.map((row) => row.investigationId).filter((id): id is number => id !== null))];
  for (const id of runs) await refreshInvestigationStatus(id, { endedAt: now });
  return expired.length;
}

/**
 * A day before a pending action expires, one notice (an ActionExpiringSoon record in the feed and to webhooks, written
 * by a trigger in this update's transaction). Marking the row is what makes it once: a second tick, or a second
 * worker, finds expiryNoticeAt set and changes nothing.
 */
export async function noticeExpiringActions(now = new Date()): Promise<number> {
  const { pendingExpiryDays } = await getAutomationSettings();
  const cutoff = new Date(now.getTime() - (pendingExpiryDays - 1) * 24 * 3600_000);
  return prisma.$executeRaw`
    update "Action" set "expiryNoticeAt" = ${now}
    where status = 'Pending' and "expiryNoticeAt" is null and "createdAt" < ${cutoff}`;
}
