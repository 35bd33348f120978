import "server-only";
import { z } from "zod";
import type { ActionStatus } from "@/generated/prisma/client";
import { ACTION_CATALOGUE, isActionType, isRevertableAction } from "@/lib/actions/action-catalogue";
import type {
  TInvestigationRevert,
  TInvestigationRevertPreview,
  TRevertItem,
  TRevertRefusal,
} from "@/lib/investigation-revert";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { AppError, conflict, notFound } from "@/server/http/app-error";
import { ZText } from "@/server/http/safe-text";
import { revertBlockAction, revertEmailAction } from "@/server/actions/revert-email-action";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";

export const ZRevertInvestigationBody = z.strictObject({ comment: ZText(1000).optional() });

const EXECUTED: ActionStatus[] = ["Completed", "PartiallyCompleted"];

/**
 * What reverting investigation `id` would do, newest action first (so a copy moved twice goes back step by step): the
 * email actions that moved copies go back (each copy to the folder it came from) and the blocks are lifted; hard
 * deletes, soft deletes past the retention and identity actions are refused, with why. Reverts themselves are not undone.
 */
export async function previewInvestigationRevert(id: number, now = new Date()): Promise<TInvestigationRevertPreview> {
  const investigation = await prisma.investigation.findUnique({ where: { id }, select: { id: true } });
  if (!investigation) throw notFound(`Investigation ${id}`);
  const [actions, { retentionDays }] = await Promise.all([
    prisma.action.findMany({
      where: { investigationId: id, revertOfId: null, status: { in: [...EXECUTED, "Reverted"] } },
      select: {
        id: true,
        type: true,
        status: true,
        entity: true,
        executedAt: true,
        successCount: true,
        alreadyCount: true,
      },
      orderBy: [{ executedAt: "desc" }, { id: "desc" }],
    }),
    getAutomationSettings(),
  ]);
  const folders = await prisma.emailActionResult.groupBy({
    by: ["actionId", "fromFolder"],
    where: { actionId: { in: actions.map((action) => action.id) }, result: "Success" },
    _count: true,
  });
  const preview: TInvestigationRevertPreview = {
    investigationId: id,
    revertable: [],
    refused: [],
    alreadyReverted: [],
    nothingToUndo: [],
  };
  for (const action of actions) {
    const family = isActionType(action.type) ? ACTION_CATALOGUE[action.type].family : "identity";
    const about = { actionId: action.id, type: action.type, family, entity: action.entity };
    const refuse = (list: TRevertRefusal[], reason: string) => list.push({ ...about, reason });
    if (action.status === "Reverted") refuse(preview.alreadyReverted, "Already reverted");
    else if (action.type === "hardDelete")
      refuse(preview.refused, "Hard-deleted messages are gone for good and cannot be restored");
    else if (!isRevertableAction(action.type))
      refuse(
        preview.refused,
        "Identity actions cannot be undone from the console: restore them in the identity provider",
      );
    else if (
      action.type === "softDelete" &&
      action.executedAt &&
      action.executedAt.getTime() + retentionDays * 24 * 3600_000 < now.getTime()
    ) {
      refuse(preview.refused, `Soft-deleted messages are kept for ${retentionDays} days: these are gone`);
    } else if (family === "email" && action.successCount <= action.alreadyCount)
      refuse(preview.nothingToUndo, "Moved no message of its own (all were already where it puts them)");
    else {
      const byFolder = Object.fromEntries(
        folders.filter((row) => row.actionId === action.id).map((row) => [row.fromFolder ?? "INBOX", row._count]),
      );
      const item: TRevertItem = {
        ...about,
        messages: family === "email" ? action.successCount - action.alreadyCount : 0,
        // Move to Inbox puts each copy back where it was; only a Move to Inbox itself is undone by moving to Junk.
        to: family === "email" ? (action.type === "moveToInbox" ? "junk" : "inbox") : null,
        byFolder,
      };
      preview.revertable.push(item);
    }
  }
  return preview;
}

// Investigations being reverted in this process: a second click while one runs is a 409. Across processes each
// action's own row lock and Reverted status keep any action from being reverted twice.
const reverting = new Set<number>();

/**
 * Revert investigation: undoes every revertable action the run took, each as a revert of its own (Move to Inbox, Move
 * to Junk, Unblock) through the single-action revert, so History and the run's log show each; lists what it refused.
 * Clicking again afterwards is a no-op that lists everything as already reverted.
 */
export async function revertInvestigation(
  id: number,
  comment: string | undefined,
  actor: TPrincipal,
): Promise<TInvestigationRevert> {
  if (reverting.has(id))
    throw conflict(`Investigation ${id} is being reverted by another request: reload to see its outcome`);
  reverting.add(id);
  try {
    const preview = await previewInvestigationRevert(id);
    const outcome: TInvestigationRevert = { ...preview, reverted: [], skipped: [] };
    for (const item of preview.revertable) {
      try {
        const revert = item.to
          ? await revertEmailAction(item.actionId, item.to, comment, actor)
          : await revertBlockAction(item.actionId, comment, actor);
        const { succeeded, alreadyInDestination, failed } = revert.result;
        outcome.reverted.push({
          ...item,
          revertId: revert.id,
          status: revert.status,
          succeeded,
          alreadyInDestination,
          failed,
        });
      } catch (error) {
        // Reverted or changed by someone else since the preview: say so and go on with the others.
        if (!(error instanceof AppError) || error.code !== "CONFLICT") throw error;
        outcome.skipped.push({
          actionId: item.actionId,
          type: item.type,
          family: item.family,
          entity: item.entity,
          reason: error.message,
        });
      }
    }
    await writeAudit({
      actor,
      action: "investigation.revert",
      targetType: "investigation",
      targetId: id,
      after: {
        comment,
        reverted: outcome.reverted.map((item) => ({ actionId: item.actionId, revertId: item.revertId })),
        skipped: outcome.skipped,
        refused: outcome.refused.map((item) => item.actionId),
      },
    });
    await prisma.investigationLog.create({
      data: {
        investigationId: id,
        message: `Investigation reverted by ${actor.name}: ${outcome.reverted.length} action${outcome.reverted.length === 1 ? "" : "s"} undone${outcome.refused.length ? `, ${outcome.refused.length} cannot be undone` : ""}${outcome.skipped.length ? `, ${outcome.skipped.length} skipped` : ""}${comment ? ` (“${comment}”)` : ""}`,
      },
    });
    return outcome;
  } finally {
    reverting.delete(id);
  }
}
