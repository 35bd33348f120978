import "server-only";
import type { Prisma, Severity } from "@/generated/prisma/client";

export type TRaiseAlert = {
  policyId: string;
  userAddress: string | null;
  /** Alerts with the same key, while still open, are one alert with a growing count. */
  dedupKey: string;
  title: string;
  detectionSource: string;
  details: Record<string, unknown>;
  eventCount?: number;
  activityAt: Date;
  restrictedUserId?: number;
  /** A custom detection rule's alert: the rule's own severity and category, not the policy's, and a link to the rule. */
  detectionRule?: { id: string; severity: Severity; category: string };
};

export type TRaisedAlert = { id: number; isNew: boolean };

/**
 * Raises an alert under a policy, unless the policy is switched off (null). A burst from one user adds to the open
 * alert instead of making thousands; an advisory lock on the key keeps two concurrent ingests from both creating it.
 */
export async function raiseAlert(input: TRaiseAlert, db: Prisma.TransactionClient): Promise<TRaisedAlert | null> {
  const policy = await db.alertPolicy.findUnique({ where: { id: input.policyId } });
  if (!policy?.isEnabled) return null;
  await db.$executeRaw`select pg_advisory_xact_lock(hashtext(${`alert:${input.dedupKey}`}))`;
  const open = await db.alert.findFirst({
    where: { dedupKey: input.dedupKey, status: { not: "Resolved" } },
    orderBy: { createdAt: "desc" },
  });
  if (open) {
    const updated = await db.alert.update({
      where: { id: open.id },
      data: {
        eventCount: { increment: input.eventCount ?? 1 },
        lastActivity: input.activityAt > open.lastActivity ? input.activityAt : open.lastActivity,
        details: { ...(open.details as Record<string, unknown>), ...input.details } as Prisma.InputJsonValue,
      },
    });
    return { id: updated.id, isNew: false };
  }
  const created = await db.alert.create({
    data: {
      policyId: policy.id,
      title: input.title,
      severity: input.detectionRule?.severity ?? policy.severity,
      category: input.detectionRule?.category ?? policy.category,
      detectionRuleId: input.detectionRule?.id,
      userAddress: input.userAddress,
      detectionSource: input.detectionSource,
      details: input.details as Prisma.InputJsonValue,
      dedupKey: input.dedupKey,
      eventCount: input.eventCount ?? 1,
      firstActivity: input.activityAt,
      lastActivity: input.activityAt,
      restrictedUserId: input.restrictedUserId,
    },
  });
  return { id: created.id, isNew: true };
}
