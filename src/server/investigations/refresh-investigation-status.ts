import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { resolveRunAlerts } from "@/server/alerts/resolve-run-alerts";
import { prisma } from "@/server/db";
import { endStatus } from "./end-status";

type TDb = Pick<Prisma.TransactionClient, "evidence" | "action" | "investigation" | "$executeRaw">;

/**
 * Recomputes a finished run's status and counts from its evidence and actions (after its last step or a decision),
 * and resolves its alerts when it ends Remediated or No threats found (Automation settings).
 */
export async function refreshInvestigationStatus(
  investigationId: number,
  options: { endedAt?: Date } = {},
  db: TDb = prisma,
): Promise<void> {
  const [threatCount, actions, current] = await Promise.all([
    db.evidence.count({ where: { investigationId, verdict: { in: ["Malicious", "Suspicious"] } } }),
    db.action.findMany({ where: { investigationId }, select: { status: true } }),
    db.investigation.findUnique({ where: { id: investigationId }, select: { status: true } }),
  ]);
  // A run someone stopped stays stopped: a later decision on one of its actions (or its expiry) changes only the counts.
  if (current?.status === "TerminatedByUser") {
    await db.investigation.update({
      where: { id: investigationId },
      data: { threatCount, actionCount: actions.length },
    });
    return;
  }
  const status = endStatus(
    threatCount,
    actions.map((action) => action.status),
  );
  await db.investigation.update({
    where: { id: investigationId },
    data: {
      status,
      threatCount,
      actionCount: actions.length,
      ...(status !== "PendingAction" ? { endedAt: options.endedAt ?? new Date() } : {}),
    },
  });
  await resolveRunAlerts(investigationId, status, db);
}
