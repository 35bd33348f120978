// What an analyst is told after approving or rejecting actions: one sentence over all the results of
// POST /api/v1/actions/decide, e.g. "3 approved; 1 already rejected by Olga Operator".
import type { ActionStatus } from "@/generated/prisma/enums";
import { ACTION_STATUS_LABELS } from "./labels";

export type TDecision = "approve" | "reject";

export type TDecisionResult = {
  id: number;
  status: ActionStatus | null;
  isNewDecision: boolean;
  decidedByName: string | null;
  error: { code: string; message: string } | null;
};

export type TDecisionOutcome = { message: string; isClean: boolean };

// Approved actions end in the status their execution reached; all of those read as "approved" to the analyst.
const APPROVED: readonly ActionStatus[] = [
  "Running",
  "Completed",
  "PartiallyCompleted",
  "StoppedAfterCanary",
  "Failed",
  "Reverted",
];

function decidedWord(status: ActionStatus): string {
  if (APPROVED.includes(status)) return "approved";
  return ACTION_STATUS_LABELS[status].toLowerCase();
}

export function summariseDecisions(decision: TDecision, results: readonly TDecisionResult[]): TDecisionOutcome {
  const parts: string[] = [];
  const decided = results.filter((result) => result.isNewDecision && !result.error);
  // A two-person rule's first approval leaves the action Pending: it has not run yet, and the analyst must know.
  const awaiting = decided.filter((result) => result.status === "Pending");
  const ran = decided.filter((result) => !awaiting.includes(result));
  if (ran.length) {
    // An approval runs the action at once; say so when it did not fully succeed.
    const unfinished = decided.filter(
      (result) =>
        result.status === "Failed" || result.status === "PartiallyCompleted" || result.status === "StoppedAfterCanary",
    );
    const detail = unfinished.length
      ? ` (${countBy(unfinished, (result) => ACTION_STATUS_LABELS[result.status!].toLowerCase())})`
      : "";
    parts.push(`${ran.length} ${decision === "approve" ? "approved" : "rejected"}${detail}`);
  }
  if (awaiting.length) parts.push(`${awaiting.length} awaiting second approval by someone else`);
  // Already decided, the same way (no error) or the other way (a conflict): who got there first.
  // A conflict on a Pending action is not an earlier decision: it is the first approver trying to give the second too.
  const earlier = results.filter(
    (result) =>
      !result.isNewDecision &&
      result.status &&
      result.status !== "Pending" &&
      (!result.error || result.error.code === "CONFLICT"),
  );
  const groups = new Map<string, number>();
  for (const result of earlier) {
    const word = decidedWord(result.status!);
    // Expiry is a timeout, not a decision anyone took; an automatic approval has no person's name.
    const by = word === "expired" ? "" : ` by ${result.decidedByName ?? "Automation"}`;
    const key = `already ${word}${by}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [text, count] of groups) parts.push(`${count} ${text}`);
  const failed = results.filter((result) => result.error && !earlier.includes(result));
  if (failed.length) parts.push(`${failed.length} could not be decided: ${failed[0].error!.message}`);
  const isClean =
    ran.length === results.length &&
    !decided.some(
      (result) =>
        result.status === "Failed" || result.status === "PartiallyCompleted" || result.status === "StoppedAfterCanary",
    );
  return { message: parts.join("; ") || "Nothing was decided", isClean };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([word, count]) => `${count} ${word}`).join(", ");
}
