import type { ActionStatus, InvestigationStatus } from "@/generated/prisma/enums";

const FAILED_OR_DECLINED: ActionStatus[] = [
  "Rejected",
  "Failed",
  "Expired",
  "PartiallyCompleted",
  "StoppedAfterCanary",
];

/**
 * Where a run ends once its steps are done, from what it found and what became of its actions: it waits while any
 * action is pending; with every action carried out it is Remediated; with some declined or failed, Partially.
 */
export function endStatus(threatCount: number, actionStatuses: ActionStatus[]): InvestigationStatus {
  if (actionStatuses.includes("Pending")) return "PendingAction";
  if (actionStatuses.some((status) => status === "Expired")) return "TerminatedBySystem";
  if (actionStatuses.length === 0) return threatCount > 0 ? "PartiallyInvestigated" : "NoThreatsFound";
  return actionStatuses.some((status) => FAILED_OR_DECLINED.includes(status)) ? "PartiallyRemediated" : "Remediated";
}
