// What an analyst is told after Move to Inbox / Move to Junk on a remediated cluster, from the answer of
// POST /api/v1/actions/{id}/revert: "Moved 312 messages to Inbox; 3 failed: Recipient outside the organisation".
import { formatNumber } from "./utils";

export type TRevertDestination = "inbox" | "junk";

export type TRevertResult = {
  succeeded: number;
  failed: number;
  alreadyInDestination: number;
  failures: Record<string, number>;
};

export const REVERT_DESTINATION_LABELS: Record<TRevertDestination, string> = { inbox: "Inbox", junk: "Junk" };

const messages = (count: number) => `${formatNumber(count)} message${count === 1 ? "" : "s"}`;

export function summariseRevert(to: TRevertDestination, result: TRevertResult): { message: string; isClean: boolean } {
  const parts = [`Moved ${messages(result.succeeded)} to ${REVERT_DESTINATION_LABELS[to]}`];
  if (result.alreadyInDestination) parts.push(`${formatNumber(result.alreadyInDestination)} already there`);
  if (result.failed) {
    const reasons = Object.entries(result.failures);
    // One reason reads as the cause; several each say how many they account for.
    const why =
      reasons.length === 1
        ? reasons[0][0]
        : reasons.map(([reason, count]) => `${reason} (${formatNumber(count)})`).join("; ");
    parts.push(`${formatNumber(result.failed)} failed${why ? `: ${why}` : ""}`);
  }
  return { message: parts.join("; "), isClean: result.failed === 0 };
}
