import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { parseAction } from "@/lib/actions/action-catalogue";
import { createCluster } from "@/server/clusters/create-cluster";
import { prisma } from "@/server/db";
import type { TStepInfo, TStepResult } from "@/server/playbooks/playbook.types";

/**
 * Writes everything one step found in one transaction, together with the step's Completed status: a worker that
 * dies before the commit leaves nothing behind and the step runs again; after it, the step is never run again.
 */
export async function saveStepResult(investigationId: number, step: TStepInfo, result: TStepResult): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    // Stop investigation holds this row FOR UPDATE while it ends the run: a step that finishes after the stop commits
    // nothing (no evidence, no actions recommended after the analyst said stop) and reads Skipped.
    const [run] = await tx.$queryRaw<
      { status: string }[]
    >`select status from "Investigation" where id = ${investigationId} for share`;
    if (run?.status === "TerminatedByUser") {
      await tx.investigationStep.update({
        where: { investigationId_key: { investigationId, key: step.key } },
        data: { status: "Skipped", endedAt: new Date() },
      });
      return false;
    }
    // A worker presumed dead may only have been slow: if another worker already committed this step, the later
    // one writes nothing. The row lock makes the check and the commit one.
    const [current] = await tx.$queryRaw<{ status: string }[]>`
      select status from "InvestigationStep" where "investigationId" = ${investigationId} and key = ${step.key} for update`;
    if (current?.status === "Completed") return false;
    if (result.evidence?.length) {
      await tx.evidence.createMany({
        data: result.evidence.map((item) => ({
          investigationId,
          stepKey: step.key,
          kind: item.kind,
          entity: item.entity,
          verdict: item.verdict,
          details: (item.details ?? {}) as Prisma.InputJsonValue,
        })),
        skipDuplicates: true,
      });
    }
    const clusterIds = new Map<string, number>();
    for (const cluster of result.clusters ?? [])
      clusterIds.set(cluster.name, await createCluster({ ...cluster, investigationId }, tx));
    if (result.actions?.length) {
      await tx.action.createMany({
        data: result.actions.map((action) => ({
          investigationId,
          clusterId: action.clusterName ? clusterIds.get(action.clusterName) : undefined,
          type: action.type,
          source: "AutomatedInvestigation" as const,
          entity: action.entity,
          // Checked against the catalogue as it is written: a playbook cannot recommend what no executor can carry out.
          target: parseAction(action.type, action.target).target as Prisma.InputJsonValue,
          dedupKey: `investigation:${investigationId}:${action.type}:${action.entityKey}`,
        })),
        skipDuplicates: true,
      });
    }
    await tx.investigationStep.update({
      where: { investigationId_key: { investigationId, key: step.key } },
      data: { status: "Completed", findings: result.findings, risk: result.risk, endedAt: new Date() },
    });
    await tx.investigationLog.create({
      data: {
        investigationId,
        stepKey: step.key,
        level: result.risk === "None" ? "info" : "warning",
        message: `${step.name}: ${result.findings.join("; ") || "nothing suspicious found"}`,
      },
    });
    return true;
  });
}
