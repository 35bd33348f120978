import "server-only";
import type { DetectionRule, Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { conflict, notFound } from "@/server/http/app-error";
import { FREQUENCIES, frequencyOf, type TDetectionRuleBody } from "./detection-rules.schemas";
import { validateRuleQuery } from "./validate-rule-query";

/** A rule as the API and YAML speak of it, with its state. */
export type TDetectionRule = TDetectionRuleBody & {
  id: string;
  isBuiltIn: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  watermark: Date | null;
  lastRunAt: Date | null;
  nextRunAt: Date;
  createdByName: string;
  createdAt: Date;
  updatedAt: Date;
};

export function toRule(row: DetectionRule): TDetectionRule {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    query: row.query,
    severity: row.severity,
    category: row.category,
    frequency: frequencyOf(row.frequency),
    lookBackMinutes: row.lookBackMinutes,
    entityColumns: row.entityColumns as TDetectionRuleBody["entityColumns"],
    action: row.action,
    isEnabled: row.isEnabled,
    isBuiltIn: row.isBuiltIn,
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    watermark: row.watermark,
    lastRunAt: row.lastRunAt,
    nextRunAt: row.nextRunAt,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The body's fields as stored. Switching a rule on clears its failures and Auto-disabled reason: it starts afresh. */
function toData(body: TDetectionRuleBody) {
  return {
    ...body,
    frequency: FREQUENCIES[body.frequency],
    ...(body.isEnabled ? { disabledReason: null, consecutiveFailures: 0 } : {}),
  } satisfies Prisma.DetectionRuleUpdateInput;
}

const isDuplicateName = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
const duplicate = (name: string) => conflict(`A detection rule named "${name}" already exists`);

export type TRuleListItem = TDetectionRule & {
  alertCount: number;
  lastRun: { startedAt: Date; rowCount: number; alertCount: number; error: string | null } | null;
};

/** Settings › Detection rules: every rule with its last run and how many alerts it raised. */
export async function listDetectionRules(): Promise<TRuleListItem[]> {
  const rows = await prisma.detectionRule.findMany({
    orderBy: { name: "asc" },
    include: {
      _count: { select: { alerts: true } },
      runs: {
        orderBy: { startedAt: "desc" },
        take: 1,
        select: { startedAt: true, rowCount: true, alertCount: true, error: true },
      },
    },
  });
  return rows.map(({ _count, runs, ...row }) => ({
    ...toRule(row),
    alertCount: _count.alerts,
    lastRun: runs[0] ?? null,
  }));
}

export async function getDetectionRule(id: string): Promise<TDetectionRule> {
  const row = await prisma.detectionRule.findUnique({ where: { id } });
  if (!row) throw notFound("The detection rule");
  return toRule(row);
}

/** A rule's page: its run history and the alerts it raised, newest first. */
export async function getDetectionRuleDetails(id: string) {
  const rule = await getDetectionRule(id);
  const [runs, alerts] = await Promise.all([
    prisma.detectionRuleRun.findMany({ where: { ruleId: id }, orderBy: { startedAt: "desc" }, take: 50 }),
    prisma.alert.findMany({
      where: { detectionRuleId: id },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        id: true,
        title: true,
        severity: true,
        status: true,
        eventCount: true,
        createdAt: true,
        investigationId: true,
      },
    }),
  ]);
  return { rule, runs: runs.map((run) => ({ ...run, id: String(run.id) })), alerts };
}

export async function createDetectionRule(
  body: TDetectionRuleBody,
  principal: TPrincipal,
  options: { isBuiltIn?: boolean; db?: Prisma.TransactionClient } = {},
): Promise<TDetectionRule> {
  validateRuleQuery(body);
  const write = async (tx: Prisma.TransactionClient) => {
    const row = await tx.detectionRule.create({
      data: { ...toData(body), isBuiltIn: options.isBuiltIn ?? false, createdByName: principal.name },
    });
    await writeAudit(
      { actor: principal, action: "detectionRule.create", targetType: "detectionRule", targetId: row.id, after: body },
      tx,
    );
    return toRule(row);
  };
  try {
    return await (options.db ? write(options.db) : prisma.$transaction(write));
  } catch (error) {
    throw isDuplicateName(error) ? duplicate(body.name) : error;
  }
}

/** Editing re-validates the query; a changed query or window keeps the watermark, so nothing already seen is raised again. */
export async function updateDetectionRule(
  id: string,
  body: TDetectionRuleBody,
  principal: TPrincipal,
): Promise<TDetectionRule> {
  validateRuleQuery(body);
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.detectionRule.findUnique({ where: { id } });
      if (!before) throw notFound("The detection rule");
      const row = await tx.detectionRule.update({ where: { id }, data: toData(body) });
      await writeAudit(
        {
          actor: principal,
          action: "detectionRule.update",
          targetType: "detectionRule",
          targetId: id,
          before: bodyOf(before),
          after: body,
        },
        tx,
      );
      return toRule(row);
    });
  } catch (error) {
    throw isDuplicateName(error) ? duplicate(body.name) : error;
  }
}

/** Switches a rule on or off; switching on re-validates it (the tables may have changed since it was switched off). */
export async function setDetectionRuleEnabled(
  id: string,
  isEnabled: boolean,
  principal: TPrincipal,
): Promise<TDetectionRule> {
  const current = await getDetectionRule(id);
  if (isEnabled) validateRuleQuery(current);
  return prisma.$transaction(async (tx) => {
    const row = await tx.detectionRule.update({
      where: { id },
      data: isEnabled ? { isEnabled, disabledReason: null, consecutiveFailures: 0 } : { isEnabled },
    });
    await writeAudit(
      {
        actor: principal,
        action: isEnabled ? "detectionRule.enable" : "detectionRule.disable",
        targetType: "detectionRule",
        targetId: id,
        before: { isEnabled: current.isEnabled, disabledReason: current.disabledReason },
        after: { isEnabled },
      },
      tx,
    );
    return toRule(row);
  });
}

/** Deletes a rule and its run history; its alerts stay, no longer linked. */
export async function deleteDetectionRule(id: string, principal: TPrincipal): Promise<{ id: string }> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.detectionRule.findUnique({ where: { id } });
    if (!before) throw notFound("The detection rule");
    await tx.detectionRule.delete({ where: { id } });
    await writeAudit(
      {
        actor: principal,
        action: "detectionRule.delete",
        targetType: "detectionRule",
        targetId: id,
        before: bodyOf(before),
      },
      tx,
    );
    return { id };
  });
}

/** The fields a person writes, from a stored row: what an export writes and an audit record keeps. */
export function bodyOf(row: DetectionRule): TDetectionRuleBody {
  const { name, description, query, severity, category, frequency, lookBackMinutes, entityColumns, action, isEnabled } =
    toRule(row);
  return { name, description, query, severity, category, frequency, lookBackMinutes, entityColumns, action, isEnabled };
}
