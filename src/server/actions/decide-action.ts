import "server-only";
import type { ActionStatus, Prisma } from "@/generated/prisma/client";
import { ACTION_STATUS_LABELS, actionTypeLabel } from "@/lib/labels";
import { writeAudit } from "@/server/audit/write-audit";
import { AUTOMATION, type TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { refreshInvestigationStatus } from "@/server/investigations/refresh-investigation-status";
import { AppError, conflict, notFound } from "@/server/http/app-error";
import { executeAction } from "./catalogue/registry";
import type { TExecution } from "@/server/connectors/execution.types";
import { previewAction } from "./preview-action";
import { withActionLock } from "./with-action-lock";
import { getApprovalRules } from "@/server/approval-rules/approval-rules.service";
import { describeApprovalRule, matchApprovalRule } from "@/server/approval-rules/match-approval-rule";
import { actionIdsInvolvingPriority } from "@/server/mailboxes/priority-accounts";

export type TDecision = "approve" | "reject";

const APPROVED: ActionStatus[] = [
  "Running",
  "Completed",
  "PartiallyCompleted",
  "StoppedAfterCanary",
  "Failed",
  "Reverted",
];

export type TDecidedAction = {
  id: number;
  status: ActionStatus;
  isNewDecision: boolean;
  decidedByName: string | null;
  successCount: number;
  failedCount: number;
  /** Set while a two-person rule waits for a second approver: who gave the first approval. */
  firstApprovedByName?: string | null;
};

/**
 * Approves (and carries out) or rejects one pending action. The row is locked for the decision, so two analysts
 * clicking at once get one execution; deciding the same way again is a no-op, deciding otherwise a 409.
 * The automation principal approves what the automation settings allow: its decisions read "Decided by Automation".
 * An action that matches a two-person rule (Settings › Approval rules) runs on the second approval by someone other
 * than the first approver; the first leaves it Pending, "Awaiting second approval". Automation counts as one approver.
 */
export async function decideAction(
  id: number,
  decision: TDecision,
  comment: string | undefined,
  actor: TPrincipal,
): Promise<TDecidedAction> {
  return withActionLock(id, async () => {
    // Those who queued behind the deciding request read the outcome in one statement, without a transaction: a decided
    // action never returns to Pending, and a Pending one is decided under the row lock below.
    const current = await prisma.action.findUnique({
      where: { id },
      select: { status: true, decidedByName: true, successCount: true, failedCount: true },
    });
    if (!current) throw notFound(`Action ${id}`);
    return current.status === "Pending"
      ? decideLocked(id, decision, comment, actor)
      : alreadyDecided(id, decision, current);
  });
}

type TDecisionState = Pick<TDecidedAction, "status" | "decidedByName" | "successCount" | "failedCount">;

/** Deciding the same way again is a no-op; deciding otherwise a 409. */
function alreadyDecided(id: number, decision: TDecision, action: TDecisionState): TDecidedAction {
  const isSame = decision === "approve" ? APPROVED.includes(action.status) : action.status === "Rejected";
  if (!isSame) throw conflict(`Action ${id} is already ${action.status.toLowerCase()}`);
  return {
    id,
    status: action.status,
    isNewDecision: false,
    decidedByName: action.decidedByName,
    successCount: action.successCount,
    failedCount: action.failedCount,
  };
}

function decideLocked(
  id: number,
  decision: TDecision,
  comment: string | undefined,
  actor: TPrincipal,
): Promise<TDecidedAction> {
  return prisma.$transaction(
    async (tx) => {
      const [action] = await tx.$queryRaw<TLockedAction[]>`
        select id, status, type, "clusterId", "investigationId", target, "successCount", "failedCount", "decidedByName", "firstApprovedById", "firstApprovedByName"
        from "Action" where id = ${id} for update`;
      if (!action) throw notFound(`Action ${id}`);
      if (action.status !== "Pending") return alreadyDecided(id, decision, action);
      if (decision === "approve" && !action.firstApprovedByName) {
        const rule = await twoPersonRule(action, tx);
        if (rule) return approveFirst(action, rule, comment, actor, tx);
      }
      // Compared by id, and by name for principals without one, so neither can stand in for the second person.
      if (
        decision === "approve" &&
        action.firstApprovedByName &&
        (actor.id ?? actor.name) === (action.firstApprovedById ?? action.firstApprovedByName)
      ) {
        throw conflict(
          `Action ${id} needs a second approval by someone other than ${action.firstApprovedByName}, who approved it first`,
        );
      }
      const isAutomation = actor === AUTOMATION;
      const decided = {
        decidedBy: isAutomation ? ("Automation" as const) : ("User" as const),
        decidedById: actor.id,
        decidedByName: actor.name,
        decidedAt: new Date(),
        comment: comment ?? null,
        // Defender files automatically remediated clusters under the source "Automated email action".
        ...(isAutomation ? { source: "AutomatedEmailAction" as const } : {}),
      };
      // Counted under the row lock just before the action runs: what the approver approved, kept for History.
      const decisionPreview = (await previewAction(id, tx)) as unknown as Prisma.InputJsonValue;
      const data: Prisma.ActionUpdateInput =
        decision === "reject"
          ? { ...decided, decisionPreview, status: "Rejected" }
          : {
              ...decided,
              decisionPreview,
              ...ranOutcome(
                await executeAction(action, { tx, actor, remediation: "Automated Remediation", isCanaryAllowed: true }),
              ),
              executedAt: new Date(),
            };
      const updated = await tx.action.update({ where: { id }, data });
      await writeAudit(
        {
          actor,
          action: `action.${decision}`,
          targetType: "action",
          targetId: id,
          before: { status: action.status },
          after: { status: updated.status, comment, result: updated.result },
        },
        tx,
      );
      if (action.investigationId) {
        await tx.investigationLog.create({
          data: {
            investigationId: action.investigationId,
            message: `${actionTypeLabel(action.type)} ${decision === "approve" ? `${isAutomation ? "carried out by automation" : `approved by ${actor.name}`}: ${ACTION_STATUS_LABELS[updated.status].toLowerCase()}` : `rejected by ${actor.name}`}${comment ? ` (“${comment}”)` : ""}${canaryWords(updated.canary)}`,
          },
        });
        await refreshIfWaiting(action.investigationId, tx);
      }
      return {
        id,
        status: updated.status,
        isNewDecision: true,
        decidedByName: actor.name,
        successCount: updated.successCount,
        failedCount: updated.failedCount,
      };
    },
    // Email actions on large clusters run inside the decision; give them time.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

type TLockedAction = {
  id: number;
  status: ActionStatus;
  type: string;
  clusterId: number | null;
  investigationId: number | null;
  target: unknown;
  successCount: number;
  failedCount: number;
  decidedByName: string | null;
  firstApprovedById: string | null;
  firstApprovedByName: string | null;
};

/** The rule that asks for a second approval, read through the decision's transaction (no second connection). */
async function twoPersonRule(action: TLockedAction, tx: Prisma.TransactionClient) {
  const { rules } = await getApprovalRules(tx);
  if (!rules.length) return null;
  const cluster = action.clusterId
    ? await tx.emailCluster.findUnique({ where: { id: action.clusterId }, select: { messageCount: true } })
    : null;
  // Only worth the walk from the priority mailboxes to the cluster when a rule asks about them.
  const involvesPriorityAccount =
    rules.some((rule) => rule.condition === "priorityAccount") &&
    (await actionIdsInvolvingPriority([action.id], tx)).length > 0;
  return matchApprovalRule(rules, { type: action.type, messages: cluster?.messageCount ?? 0, involvesPriorityAccount });
}

/** Records the first of two approvals: the action stays Pending, awaiting someone else's. */
async function approveFirst(
  action: TLockedAction,
  rule: Parameters<typeof describeApprovalRule>[0],
  comment: string | undefined,
  actor: TPrincipal,
  tx: Prisma.TransactionClient,
): Promise<TDecidedAction> {
  const approvedAt = new Date();
  await tx.action.update({
    where: { id: action.id },
    data: { firstApprovedById: actor.id ?? actor.name, firstApprovedByName: actor.name, firstApprovedAt: approvedAt },
  });
  const ruleName = describeApprovalRule(rule);
  await writeAudit(
    {
      actor,
      action: "action.approve.first",
      targetType: "action",
      targetId: action.id,
      before: { status: action.status },
      after: { status: action.status, awaiting: "second approval", rule: ruleName, comment },
    },
    tx,
  );
  if (action.investigationId) {
    await tx.investigationLog.create({
      data: {
        investigationId: action.investigationId,
        message: `${actionTypeLabel(action.type)} approved by ${actor.name}: awaiting second approval (rule: ${ruleName})${comment ? ` (“${comment}”)` : ""}`,
      },
    });
  }
  return {
    id: action.id,
    status: action.status,
    isNewDecision: true,
    decidedByName: null,
    successCount: 0,
    failedCount: 0,
    firstApprovedByName: actor.name,
  };
}

export type TDecideManyResult = {
  results: (
    | (TDecidedAction & { error: null })
    | {
        id: number;
        status: ActionStatus | null;
        decidedByName: string | null;
        isNewDecision: false;
        error: { code: string; message: string };
      }
  )[];
};

/**
 * Decides many at once, each in its own transaction, so one conflict does not undo the others. A conflict carries the
 * action's current status and who decided it, so the console can say "1 already rejected by Olga".
 */
export async function decideActions(
  ids: number[],
  decision: TDecision,
  comment: string | undefined,
  actor: TPrincipal,
): Promise<TDecideManyResult> {
  const results: TDecideManyResult["results"] = [];
  for (const id of ids) {
    try {
      results.push({ ...(await decideAction(id, decision, comment, actor)), error: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const current =
        error.code === "CONFLICT"
          ? await prisma.action.findUnique({ where: { id }, select: { status: true, decidedByName: true } })
          : null;
      results.push({
        id,
        status: current?.status ?? null,
        decidedByName: current?.decidedByName ?? null,
        isNewDecision: false,
        error: { code: error.code, message: error.message },
      });
    }
  }
  return { results };
}

/** The outcome of a run that may have been a canary run: one whose sample failed past the threshold says it stopped there. */
export function ranOutcome(execution: TExecution): Prisma.ActionUpdateInput {
  const { canary } = execution;
  const outcome = executionOutcome(execution);
  if (!canary) return outcome;
  return {
    ...outcome,
    canary: canary as unknown as Prisma.InputJsonValue,
    ...(canary.isStopped ? { status: "StoppedAfterCanary" as const } : {}),
  };
}

/** The canary's own sentence for the investigation's log, when the action ran as one. */
const canaryWords = (canary: Prisma.JsonValue | null) =>
  canary && typeof canary === "object" && "summary" in canary ? `. ${String(canary.summary)}` : "";

/**
 * An action's status and counts from what its execution did: partly failed says so. A copy found already where the
 * action puts it counts as done (the status) but apart (alreadyCount), so History never reads "116 succeeded" for an
 * action that moved nothing.
 */
export function executionOutcome(execution: TExecution): Prisma.ActionUpdateInput {
  const status: ActionStatus =
    execution.failed === 0
      ? "Completed"
      : execution.succeeded + execution.alreadyInDestination > 0
        ? "PartiallyCompleted"
        : "Failed";
  return {
    status,
    successCount: execution.succeeded + execution.alreadyInDestination,
    alreadyCount: execution.alreadyInDestination,
    failedCount: execution.failed,
    result: execution,
  };
}

// A decision taken while the run is still going changes nothing yet: the run settles its status when it ends.
async function refreshIfWaiting(investigationId: number, tx: Prisma.TransactionClient) {
  const investigation = await tx.investigation.findUnique({ where: { id: investigationId }, select: { status: true } });
  if (investigation?.status !== "PendingAction") return;
  await tx.investigation.update({ where: { id: investigationId }, data: { status: "Running" } });
  await refreshInvestigationStatus(investigationId, {}, tx);
}
