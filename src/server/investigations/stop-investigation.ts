import "server-only";
import { z } from "zod";
import type { InvestigationStatus } from "@/generated/prisma/enums";
import { INVESTIGATION_STATUS_LABELS } from "@/lib/labels";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { conflict, notFound } from "@/server/http/app-error";
import { ZText } from "@/server/http/safe-text";

export const ZStopInvestigationBody = z.strictObject({ reason: ZText(1000, { min: 1 }) });
export type TStopInvestigationBody = z.infer<typeof ZStopInvestigationBody>;

/** A run that may still do something: its steps are not all done, or it waits for decisions on its actions. */
export const STOPPABLE: InvestigationStatus[] = ["Starting", "Running", "QueuedByThrottling", "PendingAction"];

/**
 * Stop investigation: the run ends as Terminated by user, with who and why. The row lock orders this against the
 * worker's step commits (save-step-result.ts takes the same lock), so no step's findings land after the stop.
 * Pending actions stay pending in the Action center: what the run found is still true, and an analyst rejects or
 * approves them there; their decisions no longer change the run's status.
 */
export async function stopInvestigation(id: number, reason: string, actor: TPrincipal, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { status: InvestigationStatus }[]
    >`select status from "Investigation" where id = ${id} for update`;
    if (!row) throw notFound(`Investigation ${id}`);
    if (!STOPPABLE.includes(row.status))
      throw conflict(`Investigation ${id} has already ended: ${INVESTIGATION_STATUS_LABELS[row.status]}`);
    const skipped = await tx.investigationStep.updateMany({
      where: { investigationId: id, status: { in: ["Pending", "Running"] } },
      data: { status: "Skipped", endedAt: now },
    });
    const investigation = await tx.investigation.update({
      where: { id },
      data: {
        status: "TerminatedByUser",
        endedAt: now,
        stoppedById: actor.id,
        stoppedByName: actor.name,
        stopReason: reason,
      },
      select: { id: true, status: true, endedAt: true, stoppedByName: true, stopReason: true },
    });
    await tx.investigationLog.create({
      data: {
        investigationId: id,
        level: "warning",
        message: `Stopped by ${actor.name}: ${reason}${skipped.count ? ` (${skipped.count} step${skipped.count === 1 ? "" : "s"} not run)` : ""}`,
      },
    });
    await writeAudit(
      {
        actor,
        action: "investigation.stop",
        targetType: "investigation",
        targetId: id,
        before: { status: row.status },
        after: { status: investigation.status, reason },
      },
      tx,
    );
    return investigation;
  });
}
