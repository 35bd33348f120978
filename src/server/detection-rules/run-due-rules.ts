import "server-only";
import { prisma } from "@/server/db";
import { FREQUENCY_MINUTES, frequencyOf } from "./detection-rules.schemas";
import { runDetectionRule, type TRuleRunResult } from "./run-detection-rule";

// A schedule tick arrives up to a polling interval late; a rule is due this much before its time so that a 5-minute
// rule on the 5-minute schedule runs on every tick, not every other one.
const DUE_SLACK_MS = 60_000;

/**
 * Runs every enabled rule whose time has come, one after another. Each is claimed first (its next run moved on in
 * one conditional update), so two workers handed the same tick never run a rule twice.
 */
export async function runDueDetectionRules(now = new Date()): Promise<{ ruleId: string; result: TRuleRunResult }[]> {
  const due = await prisma.detectionRule.findMany({
    where: { isEnabled: true, nextRunAt: { lte: new Date(now.getTime() + DUE_SLACK_MS) } },
    orderBy: { nextRunAt: "asc" },
  });
  const results: { ruleId: string; result: TRuleRunResult }[] = [];
  for (const rule of due) {
    const nextRunAt = new Date(now.getTime() + FREQUENCY_MINUTES[frequencyOf(rule.frequency)] * 60_000);
    const { count } = await prisma.detectionRule.updateMany({
      where: { id: rule.id, isEnabled: true, nextRunAt: rule.nextRunAt },
      data: { nextRunAt },
    });
    if (count === 0) continue;
    results.push({ ruleId: rule.id, result: await runDetectionRule(rule, now) });
  }
  return results;
}
