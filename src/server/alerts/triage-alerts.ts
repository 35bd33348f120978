import "server-only";
import type { AlertClassification, AlertDetermination, AlertStatus, Prisma } from "@/generated/prisma/client";
import { writeAudits, type TAuditEntry } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { AppError, conflict, notFound } from "@/server/http/app-error";
import { formatDateTime } from "@/lib/utils";
import type { TTriageAlertsBody, TTriageChange, TUpdateAlertBody } from "./alerts.schemas";
import { nextTriageState, triageAuditView, triageChanges, type TTriageState } from "./triage-diff";

export type TTriageOutcome = "updated" | "unchanged" | "notFound";
export type TTriageResult = { id: number; outcome: TTriageOutcome };

type TLockedAlert = {
  id: number;
  status: AlertStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  classification: AlertClassification | null;
  determination: AlertDetermination | null;
  version: number;
};

/**
 * Manage alert on one alert. With `version`, the change applies only if nobody triaged the alert since the caller
 * read it (409 otherwise, naming who): two analysts saving at once never silently undo each other.
 */
export async function updateAlert(id: number, body: TUpdateAlertBody, actor: TPrincipal): Promise<void> {
  const { version, ...change } = body;
  const [result] = await prisma.$transaction((tx) => triage(tx, [id], change, actor, version));
  if (result.outcome === "notFound") throw notFound(`Alert ${id}`);
}

/** Bulk triage from the Alerts list: the same change on every named alert, in one transaction, each audited. */
export async function triageAlerts({ ids, ...change }: TTriageAlertsBody, actor: TPrincipal) {
  const results = await prisma.$transaction((tx) => triage(tx, ids, change, actor));
  return { updated: results.filter((result) => result.outcome === "updated").length, results };
}

/** A comment on the alert's history (and in the audit log and the feed); it changes nothing else. */
export async function commentOnAlert(id: number, comment: string, actor: TPrincipal): Promise<void> {
  const [result] = await prisma.$transaction((tx) => triage(tx, [id], { comment }, actor));
  if (result.outcome === "notFound") throw notFound(`Alert ${id}`);
}

async function triage(
  tx: Prisma.TransactionClient,
  ids: number[],
  change: TTriageChange,
  actor: TPrincipal,
  expectedVersion?: number,
): Promise<TTriageResult[]> {
  const assigneeName = await assigneeNameOf(tx, change.assigneeId);
  // Locked in id order, so two bulk requests over overlapping alerts cannot deadlock.
  const rows = await tx.$queryRaw<TLockedAlert[]>`
    select a.id, a.status, a."assigneeId", u.name as "assigneeName", a.classification, a.determination, a.version
    from "Alert" a left join "User" u on u.id = a."assigneeId"
    where a.id = any(${ids}::int[]) order by a.id for update of a`;
  if (expectedVersion !== undefined && rows[0] && rows[0].version !== expectedVersion)
    throw await staleVersion(tx, rows[0].id);

  const changed: { row: TLockedAlert; after: TTriageState; changes: ReturnType<typeof triageChanges> }[] = [];
  for (const row of rows) {
    const after = nextTriageState(row, change, assigneeName);
    const changes = triageChanges(row, after);
    if (Object.keys(changes).length || change.comment) changed.push({ row, after, changes });
  }
  const updatedIds = changed.filter((entry) => Object.keys(entry.changes).length).map((entry) => entry.row.id);
  await applyChange(tx, updatedIds, change);
  await tx.alertHistory.createMany({
    data: changed.map(({ row, changes }) => ({
      alertId: row.id,
      actorType: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      changes: changes as Prisma.InputJsonValue,
      comment: change.comment ?? null,
    })),
  });
  await writeAudits(
    changed.map((entry) => auditEntry(entry, change.comment, actor)),
    tx,
  );

  const outcomes = new Map<number, TTriageOutcome>(rows.map((row) => [row.id, "unchanged"]));
  for (const { row } of changed) outcomes.set(row.id, "updated");
  return ids.map((id) => ({ id, outcome: outcomes.get(id) ?? "notFound" }));
}

/** Two statements whatever the number of alerts: the triage fields, then the status with its resolution time. */
async function applyChange(tx: Prisma.TransactionClient, ids: number[], change: TTriageChange) {
  if (!ids.length) return;
  const data: Prisma.AlertUncheckedUpdateManyInput = { version: { increment: 1 } };
  if (change.assigneeId !== undefined) data.assigneeId = change.assigneeId;
  if (change.classification !== undefined) {
    data.classification = change.classification;
    data.determination = change.classification ? (change.determination ?? null) : null;
  }
  await tx.alert.updateMany({ where: { id: { in: ids } }, data });
  if (change.status) {
    // Only alerts whose status moves get a new resolution time: re-resolving keeps when it was first resolved.
    await tx.alert.updateMany({
      where: { id: { in: ids }, status: { not: change.status } },
      data: { status: change.status, resolvedAt: change.status === "Resolved" ? new Date() : null },
    });
  }
}

function auditEntry(
  { row, after, changes }: { row: TLockedAlert; after: TTriageState; changes: object },
  comment: string | undefined,
  actor: TPrincipal,
): TAuditEntry {
  const isCommentOnly = Object.keys(changes).length === 0;
  return {
    actor,
    action: isCommentOnly ? "alert.comment" : "alert.update",
    targetType: "alert",
    targetId: row.id,
    before: isCommentOnly ? undefined : triageAuditView(row),
    after: isCommentOnly ? { comment } : { ...triageAuditView(after), ...(comment ? { comment } : {}) },
  };
}

/** The assignee must be a user who can sign in; a 400 naming the field otherwise. */
async function assigneeNameOf(
  tx: Prisma.TransactionClient,
  assigneeId: string | null | undefined,
): Promise<string | null> {
  if (!assigneeId) return null;
  const user = await tx.user.findUnique({ where: { id: assigneeId }, select: { name: true, isDisabled: true } });
  if (user && !user.isDisabled) return user.name;
  const message = user ? "is a disabled user" : "is not a user of this console";
  throw new AppError("BAD_REQUEST", `Invalid body.assigneeId: ${message}`, [{ path: "body.assigneeId", message }]);
}

async function staleVersion(tx: Prisma.TransactionClient, alertId: number): Promise<AppError> {
  const last = await tx.alertHistory.findFirst({
    where: { alertId, NOT: { changes: { equals: {} } } },
    orderBy: { id: "desc" },
    select: { actorName: true, at: true },
  });
  const who = last ? ` by ${last.actorName} at ${formatDateTime(last.at)}` : "";
  return conflict(`Alert ${alertId} was changed${who} since you opened it: reload to see the change, then try again`);
}
