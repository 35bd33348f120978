import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { endStatus } from "./end-status";

type TDb = Pick<Prisma.TransactionClient, "evidence" | "action" | "investigation">;

/** Recomputes a finished run's status and counts from its evidence and actions (after its last step or a decision). */
export async function refreshInvestigationStatus(investigationId: number, options: { endedAt?: Date } = {}, db: TDb = prisma): Promise<void> {
  const [threatCount, actions] = await Promise.all([
    db.evidence.count({ where: { investigationId, verdict: { in: ["Malicious", "Suspicious"] } } }),
    db.action.findMany({ where: { investigationId }, select: { status: true } }),
  ]);
  const status = endStatus(threatCount, actions.map((action) => action.status));
  await db.investigation.update({
    where: { id: investigationId },
    data: { status, threatCount, actionCount: actions.length, ...(status !== "PendingAction" ? { endedAt: options.endedAt ?? new Date() } : {}) },
  });
}
