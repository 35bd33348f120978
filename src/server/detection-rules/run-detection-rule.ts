import "server-only";
import { Prisma, type DetectionRule } from "@/generated/prisma/client";
import { errorText } from "@/lib/error-text";
import { raiseAlert } from "@/server/alerts/raise-alert";
import { writeAudit } from "@/server/audit/write-audit";
import { AUTOMATION } from "@/server/auth/principal";
import { remediateActionsAutomatically } from "@/server/actions/remediate-automatically";
import { createCluster } from "@/server/clusters/create-cluster";
import { prisma } from "@/server/db";
import { postgresError } from "@/server/db/postgres-error";
import type { TStartedRun } from "@/server/investigations/start-investigation";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { AppError } from "@/server/http/app-error";
import { MESSAGE_COLUMN, USER_COLUMNS } from "./validate-rule-query";
import { startRuleInvestigation } from "./start-rule-investigation";

/** Runs in a row that fail before Breakwater switches the rule off (Defender's Auto-disabled). */
export const FAILURES_BEFORE_DISABLE = 3;
/** The same read-only role, timeout and row limit as a person's hunting query. */
const RULE_ROW_LIMIT = 10_000;
const RULE_TIMEOUT_MS = 10_000;
/** The Manual playbook takes at most this many NetworkMessageIds (Threat Explorer's selection limit). */
const MAX_MESSAGES_PER_RUN = 1000;

export type TRuleRunResult = {
  runId: bigint;
  rowCount: number;
  alertCount: number;
  newAlertIds: number[];
  investigationIds: number[];
  /** The email actions it recommended: Pending, or carried out where the automation settings allow it. */
  actionIds: number[];
  error: string | null;
  isDisabled: boolean;
};

type TRow = Record<string, unknown>;

/**
 * One run of a rule at `now`: the query's rows with a Timestamp after the watermark (never further back than the
 * look-back), grouped by the first entity column, one alert per value (an alert still open for it counts the new rows
 * instead), then the rule's action on the new alerts. A failure is recorded and counted; the third in a row switches
 * the rule off, saying why.
 */
export async function runDetectionRule(rule: DetectionRule, now = new Date()): Promise<TRuleRunResult> {
  const started = performance.now();
  const lookBackStart = new Date(now.getTime() - rule.lookBackMinutes * 60_000);
  const from = rule.watermark && rule.watermark > lookBackStart ? rule.watermark : lookBackStart;
  const window = { from, to: now };
  let result: Awaited<ReturnType<typeof runHuntingQuery>>;
  try {
    result = await runHuntingQuery(rule.query, { rowLimit: RULE_ROW_LIMIT, timeoutMs: RULE_TIMEOUT_MS, window });
  } catch (error) {
    return recordFailure(rule, window, now, Math.round(performance.now() - started), error);
  }
  const groups = groupByEntity(result.rows, rule.entityColumns);
  const { runId, newAlertIds, runs, actionIds } = await prisma.$transaction(
    async (tx) => {
      const newAlertIds: number[] = [];
      const runs: TStartedRun[] = [];
      const actionIds: number[] = [];
      for (const [entity, rows] of groups) {
        const alert = await raiseAlert(
          {
            policyId: "custom-detection-rule",
            userAddress: userOf(rows[0], rule.entityColumns),
            dedupKey: `detection-rule:${rule.id}:${entity}`,
            title: `${rule.name}: ${entity}`,
            detectionSource: `Custom detection: ${rule.name}`,
            details: {
              ruleId: rule.id,
              ruleName: rule.name,
              query: rule.query,
              window: { from: from.toISOString(), to: now.toISOString() },
              entities: entitiesOf(rows, rule.entityColumns),
            },
            eventCount: rows.length,
            activityAt: latestTimestamp(rows) ?? now,
            detectionRule: { id: rule.id, severity: rule.severity, category: rule.category },
          },
          tx,
        );
        if (!alert?.isNew) continue;
        newAlertIds.push(alert.id);
        const outcome = await actOnMatch(rule, alert.id, rows, tx);
        runs.push(...outcome.runs);
        actionIds.push(...outcome.actionIds);
      }
      const run = await tx.detectionRuleRun.create({
        data: {
          ruleId: rule.id,
          startedAt: now,
          windowFrom: from,
          windowTo: now,
          durationMs: Math.round(performance.now() - started),
          rowCount: result.rowCount,
          isTruncated: result.truncated,
          alertCount: newAlertIds.length,
        },
      });
      await tx.detectionRule.update({
        where: { id: rule.id },
        data: { watermark: now, lastRunAt: now, consecutiveFailures: 0 },
      });
      return { runId: run.id, newAlertIds, runs, actionIds };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  // Once committed, as a playbook's remediation step does: automation decides what the settings let it, like an approver.
  if (actionIds.length) await remediateActionsAutomatically(actionIds);
  return {
    runId,
    rowCount: result.rowCount,
    alertCount: newAlertIds.length,
    newAlertIds,
    investigationIds: runs.filter((run) => run.isNew).map((run) => run.id),
    actionIds,
    error: null,
    isDisabled: false,
  };
}

/**
 * The kind of cluster a rule's matched messages make, by what each alert is about (the first entity column): one file's
 * copies are Similar files, one URL's messages Similar URLs, whose automation switches then apply to them; any other
 * grouping is a plain selection, which always waits for a person.
 */
const CLUSTER_KIND_BY_ENTITY: Partial<Record<string, "similarFiles" | "similarUrls">> = {
  SHA256: "similarFiles",
  Url: "similarUrls",
};

type TMatchOutcome = { runs: TStartedRun[]; actionIds: number[] };

/** The rule's action on one new alert's rows: the runs it started and the email action it recommended (with the transaction). */
async function actOnMatch(
  rule: DetectionRule,
  alertId: number,
  rows: TRow[],
  tx: Prisma.TransactionClient,
): Promise<TMatchOutcome> {
  const messages = distinct(rows, MESSAGE_COLUMN).slice(0, MAX_MESSAGES_PER_RUN);
  if (rule.action === "StartInvestigation") {
    if (rule.entityColumns.includes(MESSAGE_COLUMN) && messages.length) {
      const run = await startRuleInvestigation(
        { kind: "messages", networkMessageIds: messages },
        { ruleName: rule.name, alertId },
        tx,
      );
      return { runs: [run], actionIds: [] };
    }
    const userColumn = USER_COLUMNS.find((column) => rule.entityColumns.includes(column));
    const users = userColumn ? distinct(rows, userColumn) : [];
    const runs: TStartedRun[] = [];
    for (const user of users)
      runs.push(await startRuleInvestigation({ kind: "user", user }, { ruleName: rule.name, alertId }, tx));
    return { runs, actionIds: [] };
  }
  if (rule.action === "RecommendEmailAction" && messages.length) {
    // Pending in the Action center unless the automation settings take its cluster kind (see remediateAutomatically).
    const name = `${messages.length.toLocaleString("en-US")} messages matched by the detection rule ${rule.name}`;
    const clusterId = await createCluster(
      {
        investigationId: null,
        kind: CLUSTER_KIND_BY_ENTITY[rule.entityColumns[0]] ?? "selection",
        name,
        queryText: rule.query,
        query: { detectionRuleId: rule.id, selection: { networkMessageIds: messages } },
        verdict: "Unknown",
        where: Prisma.sql`"EmailEvent"."networkMessageId" = any(${messages}::uuid[])`,
      },
      tx,
    );
    const action = await tx.action.create({
      data: {
        clusterId,
        type: "softDelete",
        source: "AutomatedEmailAction",
        status: "Pending",
        entity: name,
        dedupKey: `detection-rule:${rule.id}:alert:${alertId}`,
      },
    });
    return { runs: [], actionIds: [action.id] };
  }
  return { runs: [], actionIds: [] };
}

async function recordFailure(
  rule: DetectionRule,
  window: { from: Date; to: Date },
  now: Date,
  durationMs: number,
  error: unknown,
): Promise<TRuleRunResult> {
  // A query mistake (a 400) says what to change; a database error (a column the query reads is gone) says PostgreSQL's
  // own words without the driver's wrapping; anything else is said as it is.
  const reason = error instanceof AppError ? error.message : (postgresError(error)?.message ?? errorText(error));
  const failures = rule.consecutiveFailures + 1;
  const isDisabled = failures >= FAILURES_BEFORE_DISABLE;
  const disabledReason = isDisabled
    ? `Auto-disabled: the query failed ${failures} times in a row. Last error: ${reason}`
    : null;
  const runId = await prisma.$transaction(async (tx) => {
    const run = await tx.detectionRuleRun.create({
      data: {
        ruleId: rule.id,
        startedAt: now,
        windowFrom: window.from,
        windowTo: window.to,
        durationMs,
        error: reason,
      },
    });
    await tx.detectionRule.update({
      where: { id: rule.id },
      data: {
        lastRunAt: now,
        consecutiveFailures: failures,
        ...(isDisabled ? { isEnabled: false, disabledReason } : {}),
      },
    });
    if (isDisabled) {
      await writeAudit(
        {
          actor: AUTOMATION,
          action: "detectionRule.autoDisable",
          targetType: "detectionRule",
          targetId: rule.id,
          before: { isEnabled: true },
          after: { isEnabled: false, disabledReason },
        },
        tx,
      );
    }
    return run.id;
  });
  return {
    runId,
    rowCount: 0,
    alertCount: 0,
    newAlertIds: [],
    investigationIds: [],
    actionIds: [],
    error: reason,
    isDisabled,
  };
}

const valueText = (value: unknown) =>
  value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);

/** Rows by the value of the rule's first entity column: one alert per entity. Rows with no value there are left out. */
export function groupByEntity(rows: TRow[], entityColumns: string[]): Map<string, TRow[]> {
  const groups = new Map<string, TRow[]>();
  const key = entityColumns[0];
  for (const row of rows) {
    const entity = valueText(row[key]);
    if (!entity) continue;
    const group = groups.get(entity);
    if (group) group.push(row);
    else groups.set(entity, [row]);
  }
  return groups;
}

function distinct(rows: TRow[], column: string): string[] {
  return [...new Set(rows.map((row) => valueText(row[column])).filter(Boolean))];
}

/** Each entity column's distinct values (the first 100), for the alert's page and the SIEM. */
function entitiesOf(rows: TRow[], columns: string[]): Record<string, string[]> {
  return Object.fromEntries(columns.map((column) => [column, distinct(rows, column).slice(0, 100)]));
}

function userOf(row: TRow, columns: string[]): string | null {
  const column =
    USER_COLUMNS.find((name) => columns.includes(name)) ??
    (columns.includes("RecipientEmailAddress") ? "RecipientEmailAddress" : null);
  return column ? valueText(row[column]).toLowerCase() || null : null;
}

function latestTimestamp(rows: TRow[]): Date | null {
  const times = rows.map((row) => Date.parse(valueText(row.Timestamp))).filter(Number.isFinite);
  return times.length ? new Date(Math.max(...times)) : null;
}
