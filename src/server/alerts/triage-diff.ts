// What a Manage alert request changes on one alert: pure, so the single PATCH, the bulk route and their tests
// agree on what counts as a change and on the words the history, the audit log and the feed show.
import type { AlertClassification, AlertDetermination, AlertStatus } from "@/generated/prisma/enums";

export type TTriageState = {
  status: AlertStatus;
  assigneeId: string | null;
  /** The assignee's name as shown; null when unassigned. */
  assigneeName: string | null;
  classification: AlertClassification | null;
  determination: AlertDetermination | null;
};

export type TTriageRequest = {
  status?: AlertStatus;
  assigneeId?: string | null;
  classification?: AlertClassification | null;
  determination?: AlertDetermination;
};

export type TFieldChange = { from: string | null; to: string | null };
export type TTriageChanges = Partial<
  Record<"status" | "assignedTo" | "classification" | "determination", TFieldChange>
>;

/** The state after the request: fields left out keep their value; a new classification brings its own determination (or none). */
export function nextTriageState(
  current: TTriageState,
  request: TTriageRequest,
  assigneeName: string | null,
): TTriageState {
  const isAssigning = request.assigneeId !== undefined;
  const isClassifying = request.classification !== undefined;
  return {
    status: request.status ?? current.status,
    assigneeId: isAssigning ? (request.assigneeId ?? null) : current.assigneeId,
    assigneeName: isAssigning ? (request.assigneeId ? assigneeName : null) : current.assigneeName,
    classification: isClassifying ? (request.classification ?? null) : current.classification,
    determination: isClassifying
      ? request.classification
        ? (request.determination ?? null)
        : null
      : current.determination,
  };
}

/** The fields that differ, by the names the history shows; empty when the request changes nothing. */
export function triageChanges(before: TTriageState, after: TTriageState): TTriageChanges {
  const changes: TTriageChanges = {};
  if (before.status !== after.status) changes.status = { from: before.status, to: after.status };
  if (before.assigneeId !== after.assigneeId)
    changes.assignedTo = { from: before.assigneeName, to: after.assigneeName };
  if (before.classification !== after.classification)
    changes.classification = { from: before.classification, to: after.classification };
  if (before.determination !== after.determination)
    changes.determination = { from: before.determination, to: after.determination };
  return changes;
}

/** The audit log's before/after view of an alert's triage: names rather than ids, so a reader needs no lookup. */
export function triageAuditView(state: TTriageState) {
  return {
    status: state.status,
    assignedTo: state.assigneeName,
    classification: state.classification,
    determination: state.determination,
  };
}
