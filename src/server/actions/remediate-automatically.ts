import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { AUTOMATION } from "@/server/auth/principal";
import { AppError } from "@/server/http/app-error";
import { prisma } from "@/server/db";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";
import { decideAction } from "./decide-action";
import { AUTO_REMEDIATION_LIMIT } from "./pending-reason";

export type TAutoRemediation = {
  executed: { id: number; status: string }[];
  tooLarge: { id: number; messages: number }[];
};

/**
 * Carries out a run's pending cluster actions that the automation settings allow: the cluster kinds switched on
 * (Similar files, Similar URLs), with the chosen action (soft delete), up to 10,000 messages. Each is decided like an
 * approval, by the automation principal, under the same row lock: running this twice executes nothing twice.
 */
export function remediateAutomatically(investigationId: number): Promise<TAutoRemediation> {
  return remediate({ investigationId });
}

/** The same for actions recommended outside a run (a detection rule's email action), by id. */
export function remediateActionsAutomatically(actionIds: number[]): Promise<TAutoRemediation> {
  return remediate({ id: { in: actionIds } });
}

async function remediate(scope: Prisma.ActionWhereInput): Promise<TAutoRemediation> {
  const settings = await getAutomationSettings();
  const kinds = [...(settings.similarFiles ? ["similarFiles"] : []), ...(settings.similarUrls ? ["similarUrls"] : [])];
  const result: TAutoRemediation = { executed: [], tooLarge: [] };
  if (!kinds.length) return result;
  const candidates = await prisma.action.findMany({
    where: { ...scope, status: "Pending", type: settings.action, cluster: { kind: { in: kinds } } },
    select: { id: true, cluster: { select: { messageCount: true } } },
    orderBy: { id: "asc" },
  });
  for (const action of candidates) {
    const messages = action.cluster?.messageCount ?? 0;
    if (messages > AUTO_REMEDIATION_LIMIT) {
      result.tooLarge.push({ id: action.id, messages });
      continue;
    }
    try {
      const decided = await decideAction(
        action.id,
        "approve",
        `Automated remediation (Settings › Automation settings): ${messages} messages`,
        AUTOMATION,
      );
      result.executed.push({ id: action.id, status: decided.status });
    } catch (error) {
      // An analyst rejected it between the read and the lock: their decision stands, the others still go ahead.
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
    }
  }
  return result;
}
