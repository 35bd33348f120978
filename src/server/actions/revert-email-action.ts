import "server-only";
import type { ActionStatus, Prisma } from "@/generated/prisma/client";
import { BLOCK_LIFTS } from "@/lib/actions/block-actions";
import { type TActionType, isBlockAction } from "@/lib/actions/action-catalogue";
import { actionTypeLabel } from "@/lib/labels";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { conflict, notFound } from "@/server/http/app-error";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";
import { executeAction } from "./catalogue/registry";
import { executionOutcome } from "./decide-action";
import { REVERT_ACTIONS, isEmailAction, type TRevertDestination } from "./email-locations";
import type { TExecution } from "@/server/connectors/execution.types";
import { logReversals } from "./log-reversals";
import { recordReversals } from "./record-reversals";
import { withActionLock } from "./with-action-lock";

// A stopped canary run moved part of its sample: those copies can go back too.
const REVERTABLE: ActionStatus[] = ["Completed", "PartiallyCompleted", "StoppedAfterCanary"];

export type TRevert = {
  id: number;
  revertOfId: number;
  status: ActionStatus;
  successCount: number;
  failedCount: number;
  result: TExecution;
};

type TOriginal = {
  id: number;
  type: string;
  status: ActionStatus;
  clusterId: number | null;
  investigationId: number | null;
  entity: string;
  target: unknown;
  executedAt: Date | null;
};

/**
 * Undoes an executed email action from the History tab: Move to Inbox or Move to Junk, as an action of its own
 * (source Manual) so that History shows who reverted what. Only what is still where the action put it moves back: Move to
 * Inbox returns each copy to its own folder, Move to Junk puts each in Junk (see REVERT_ACTIONS). Every action whose
 * copies it moved back, the original and those of overlapping clusters, shows "Reverted by" it, wholly or partly.
 * The original is row-locked, so two clicks revert once; the second gets a 409.
 */
export async function revertEmailAction(
  id: number,
  to: TRevertDestination,
  comment: string | undefined,
  actor: TPrincipal,
  now = new Date(),
): Promise<TRevert> {
  const { retentionDays } = await getAutomationSettings();
  return revertWith(id, comment, actor, now, {
    isOfKind: (original) => isEmailAction(original.type) && original.clusterId !== null,
    kindRefusal: "is not an email action: there is nothing to move back",
    choose(original) {
      const type = REVERT_ACTIONS[to];
      if (original.type === "hardDelete")
        throw conflict("Hard-deleted messages are gone for good and cannot be restored");
      if (original.type === type)
        throw conflict(`Action ${id} already moved its messages to ${to === "inbox" ? "the Inbox" : "Junk"}`);
      const keptUntil = original.executedAt
        ? new Date(original.executedAt.getTime() + retentionDays * 24 * 3600_000)
        : now;
      if (original.type === "softDelete" && keptUntil < now) {
        throw conflict(
          `Soft-deleted messages are kept for ${retentionDays} days; these were deleted on ${original.executedAt?.toISOString().slice(0, 10)} and are gone`,
        );
      }
      return { type, to };
    },
  });
}

/** Lifts an executed block (Block URL, Block sender) with an Unblock action of its own: the indicator it added goes. */
export function revertBlockAction(
  id: number,
  comment: string | undefined,
  actor: TPrincipal,
  now = new Date(),
): Promise<TRevert> {
  return revertWith(id, comment, actor, now, {
    isOfKind: (original) => isBlockAction(original.type) && Object.hasOwn(BLOCK_LIFTS, original.type),
    kindRefusal: "is not a block: there is nothing to lift",
    choose: (original) => ({ type: BLOCK_LIFTS[original.type as keyof typeof BLOCK_LIFTS] }),
  });
}

/**
 * Which actions a revert applies to, and what undoes the original: the revert's type, and for email actions where it
 * moves the copies (choose throws a 409 for an original that cannot be undone).
 */
type TPlan = {
  isOfKind: (original: TOriginal) => boolean;
  kindRefusal: string;
  choose: (original: TOriginal) => { type: TActionType; to?: TRevertDestination };
};

function revertWith(
  id: number,
  comment: string | undefined,
  actor: TPrincipal,
  now: Date,
  plan: TPlan,
): Promise<TRevert> {
  return withActionLock(id, () =>
    prisma.$transaction(
      async (tx) => {
        const [original] = await tx.$queryRaw<TOriginal[]>`
          select id, type, status, "clusterId", "investigationId", entity, target, "executedAt" from "Action" where id = ${id} for update`;
        if (!original) throw notFound(`Action ${id}`);
        if (!plan.isOfKind(original))
          throw conflict(`Action ${id} (${actionTypeLabel(original.type)}) ${plan.kindRefusal}`);
        if (original.status === "Reverted") throw conflict(`Action ${id} was already reverted`);
        if (!REVERTABLE.includes(original.status))
          throw conflict(`Action ${id} is ${original.status.toLowerCase()}: only a carried-out action can be reverted`);
        const { type, to } = plan.choose(original);
        const revert = await tx.action.create({
          data: {
            investigationId: original.investigationId,
            clusterId: original.clusterId,
            type,
            source: "Manual",
            status: "Running",
            entity: original.entity,
            // An email revert names what it reverts; a lift names the blocked entity, as the block did.
            target: (isEmailAction(type) ? { revertOf: id } : original.target) as Prisma.InputJsonValue,
            // A revert that moved nothing may be tried again later: each attempt is its own action.
            dedupKey: `revert:${id}:${await tx.action.count({ where: { revertOfId: id } })}`,
            revertOfId: id,
            decidedBy: "User",
            decidedById: actor.id,
            decidedByName: actor.name,
            decidedAt: now,
            comment: comment ?? null,
          },
        });
        const execution = await executeAction(revert, { tx, actor, remediation: "Manual Remediation", revertOf: id });
        const updated = await tx.action.update({
          where: { id: revert.id },
          data: { ...executionOutcome(execution), executedAt: now },
        });
        // A revert that moved nothing back (all moved since, or gone) leaves the original as it was, so it can be retried.
        if (execution.succeeded + execution.alreadyInDestination > 0)
          await tx.action.update({ where: { id }, data: { status: "Reverted" } });
        const reversals = isEmailAction(type) ? await recordReversals(revert.id, tx) : [];
        const alsoReverted = reversals.filter((reversal) => reversal.actionId !== id);
        await writeAudit(
          {
            actor,
            action: "action.revert",
            targetType: "action",
            targetId: id,
            before: { status: original.status },
            after: { status: "Reverted", revertedBy: revert.id, to, comment, result: execution, alsoReverted },
          },
          tx,
        );
        if (original.investigationId) {
          const counts = isEmailAction(type)
            ? `${execution.succeeded} moved${execution.alreadyInDestination ? `, ${execution.alreadyInDestination} already there` : ""}${execution.failed ? `, ${execution.failed} failed` : ""}`
            : execution.succeeded
              ? "lifted"
              : "already lifted";
          await tx.investigationLog.create({
            data: {
              investigationId: original.investigationId,
              message: `${actionTypeLabel(original.type)} (#${id}) reverted by ${actor.name}: ${actionTypeLabel(type)}, ${counts}`,
            },
          });
        }
        await logReversals(revert.id, type, alsoReverted, tx);
        return {
          id: revert.id,
          revertOfId: id,
          status: updated.status,
          successCount: updated.successCount,
          failedCount: updated.failedCount,
          result: execution,
        };
      },
      { timeout: 120_000, maxWait: 30_000 },
    ),
  );
}
