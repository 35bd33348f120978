import "server-only";
import type { ActionStatus } from "@/generated/prisma/client";
import { actionTypeLabel } from "@/lib/labels";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { conflict, notFound } from "@/server/http/app-error";
import { refreshInvestigationStatus } from "@/server/investigations/refresh-investigation-status";
import { getMailConnector } from "@/server/connectors/get-mail-connector";
import { runWithCanary } from "@/server/connectors/run-with-canary";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { canarySettings, getAutomationSettings } from "@/server/settings/automation-settings.service";
import { ranOutcome } from "./decide-action";
import { isEmailAction } from "./email-locations";
import { logReversals } from "./log-reversals";
import { recordReversals } from "./record-reversals";
import { withActionLock } from "./with-action-lock";

const RETRYABLE: ActionStatus[] = ["PartiallyCompleted", "StoppedAfterCanary", "Failed"];

/**
 * Runs an email action that partly or wholly failed (a mailbox server that was down, a login refused) again. The
 * connector keeps each copy's result, so only what failed is tried; the row lock makes two retries one.
 */
export async function retryEmailAction(id: number, actor: TPrincipal, now = new Date()) {
  return withActionLock(id, () => retryLocked(id, actor, now));
}

function retryLocked(id: number, actor: TPrincipal, now: Date) {
  return prisma.$transaction(
    async (tx) => {
      const [action] = await tx.$queryRaw<
        {
          id: number;
          type: string;
          status: ActionStatus;
          clusterId: number | null;
          investigationId: number | null;
          decidedBy: string | null;
          source: string;
          revertOfId: number | null;
        }[]
      >`
        select id, type, status, "clusterId", "investigationId", "decidedBy", source, "revertOfId" from "Action" where id = ${id} for update`;
      if (!action) throw notFound(`Action ${id}`);
      if (!isEmailAction(action.type) || !action.clusterId)
        throw conflict(
          `Action ${id} (${actionTypeLabel(action.type)}) is not an email action: there is nothing to retry`,
        );
      if (!RETRYABLE.includes(action.status))
        throw conflict(
          `Action ${id} is ${action.status.toLowerCase()}: only a failed, partly completed or stopped action is retried`,
        );
      const connector = await getMailConnector(await getMailSystemSettings(tx));
      // A retry of a stopped canary run tries a sample again first: the mail system may still be down.
      const execution = await runWithCanary(
        connector,
        {
          id,
          clusterId: action.clusterId,
          type: action.type,
          actionType:
            action.source === "AutomatedEmailAction" || action.source === "AutomatedInvestigation"
              ? "Automated Remediation"
              : "Manual Remediation",
          actionTrigger: action.decidedBy === "Automation" ? "Automation" : "AdminAction",
          ...(action.revertOfId ? { revertOf: { actionId: action.revertOfId } } : {}),
        },
        canarySettings(await getAutomationSettings(tx)),
        tx,
      );
      const updated = await tx.action.update({ where: { id }, data: { ...ranOutcome(execution), executedAt: now } });
      // A retried revert may move back more copies: of its original and of overlapping clusters' actions.
      if (action.revertOfId) {
        const reversals = await recordReversals(id, tx);
        await logReversals(
          id,
          action.type,
          reversals.filter((reversal) => reversal.actionId !== action.revertOfId),
          tx,
        );
      }
      await writeAudit(
        {
          actor,
          action: "action.retry",
          targetType: "action",
          targetId: id,
          before: { status: action.status },
          after: { status: updated.status, result: execution },
        },
        tx,
      );
      if (action.investigationId) {
        // A finished run's status follows its actions: a retry that completes turns Partially remediated into Remediated.
        const run = await tx.investigation.findUnique({
          where: { id: action.investigationId },
          select: { status: true },
        });
        if (run && ["Remediated", "PartiallyRemediated"].includes(run.status))
          await refreshInvestigationStatus(action.investigationId, {}, tx);
        await tx.investigationLog.create({
          data: {
            investigationId: action.investigationId,
            message: `${actionTypeLabel(action.type)} (#${id}) retried by ${actor.name}: ${updated.successCount} done, ${updated.failedCount} failed`,
          },
        });
      }
      return {
        id,
        status: updated.status,
        successCount: updated.successCount,
        failedCount: updated.failedCount,
        result: execution,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
