import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { actionTypeLabel } from "@/lib/labels";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { createCluster } from "@/server/clusters/create-cluster";
import { prisma } from "@/server/db";
import { ZText } from "@/server/http/safe-text";
import { ZSelection, countSelection, freezeSelection, selectionWhereSql } from "@/server/explorer/selection";
import { executionOutcome } from "./decide-action";
import { EMAIL_ACTION_TYPES } from "@/lib/actions/action-catalogue";
import { executeAction } from "./catalogue/registry";

export const ZTakeActionBody = z.strictObject({
  selection: ZSelection,
  action: z.enum(EMAIL_ACTION_TYPES),
  comment: ZText(1000).optional(),
});
export type TTakeActionBody = z.infer<typeof ZTakeActionBody>;

/**
 * Threat Explorer's Take action: a Security Operator's own remediation of the selected messages, carried out at once
 * and filed in the Action center's History with Action source = Manual, on a cluster of its own.
 */
export async function takeAction(
  { selection, action: type, comment }: TTakeActionBody,
  principal: TPrincipal,
  now = new Date(),
) {
  const frozen = freezeSelection(selection, now);
  const messageCount = await countSelection(frozen);
  return prisma.$transaction(
    async (tx) => {
      const name = `${messageCount.toLocaleString("en-US")} messages selected in Threat Explorer by ${principal.name}`;
      const clusterId = await createCluster(
        {
          investigationId: null,
          kind: "selection",
          name,
          queryText: `Threat Explorer selection ${JSON.stringify(frozen)}`,
          query: { selection: frozen },
          verdict: "Unknown",
          where: Prisma.sql`"EmailEvent".id in (select e.id from "EmailEvent" e where ${selectionWhereSql(frozen)})`,
        },
        tx,
      );
      const created = await tx.action.create({
        data: {
          clusterId,
          type,
          source: "Manual",
          status: "Running",
          entity: name,
          dedupKey: `manual:${clusterId}`,
          decidedBy: "User",
          decidedById: principal.id,
          decidedByName: principal.name,
          decidedAt: now,
          comment: comment ?? null,
        },
      });
      const execution = await executeAction(created, { tx, actor: principal, remediation: "Manual Remediation" });
      const updated = await tx.action.update({
        where: { id: created.id },
        data: { ...executionOutcome(execution), executedAt: now },
      });
      await writeAudit(
        {
          actor: principal,
          action: "action.take",
          targetType: "action",
          targetId: created.id,
          after: { type, messageCount, selection: frozen, comment, result: execution },
        },
        tx,
      );
      return {
        id: created.id,
        clusterId,
        type: actionTypeLabel(type),
        status: updated.status,
        successCount: updated.successCount,
        failedCount: updated.failedCount,
        result: execution,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
