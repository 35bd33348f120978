import "server-only";
import type { InvestigationStatus, Playbook, Prisma } from "@/generated/prisma/client";
import { errorText } from "@/lib/error-text";
import { postgresError } from "@/server/db/postgres-error";
import { enqueueRuns } from "@/server/engine/queue";
import { readEnv } from "@/server/env";
import { PLAYBOOK_INPUTS, type TPlaybookInputOf } from "@/server/playbooks/playbook-inputs";

/** Runs beyond this many at once wait as "Queued by throttling" (they still run, in turn). */
export const MAX_ACTIVE_RUNS = readEnv().BREAKWATER_MAX_ACTIVE_RUNS;

/**
 * A run on a subject that ended this recently is not started again: re-investigating users whose runs cleared minutes
 * ago only repeats the same checks on the same data. Minutes; 0 turns it off (open runs are still joined).
 */
export const RECENT_RUN_MINUTES = readEnv().BREAKWATER_RECENT_RUN_MINUTES;

export const OPEN_RUN: InvestigationStatus[] = ["Starting", "Running", "QueuedByThrottling", "PendingAction"];
// Ended with a conclusion worth reusing; a failed or stopped run is no reason not to look again.
const CONCLUDED: InvestigationStatus[] = [
  "NoThreatsFound",
  "PartiallyInvestigated",
  "Remediated",
  "PartiallyRemediated",
];

/** A run to start. `join`, when given, says what the run is about, so that an open or just-concluded run on the same
 * subject is joined instead of starting a second. */
export type TInvestigationStart<P extends Playbook = Playbook> = {
  [K in P]: {
    playbook: K;
    name: string;
    users: string[];
    detectionSource: string;
    input: TPlaybookInputOf<K>;
    alertIds: number[];
    join?: TRunSubject;
  };
}[P];

/**
 * What a run is about, for "is there one already": its lock key, the runs of the same playbook that match, and what
 * the joined run's log says (default: who asked).
 */
export type TRunSubject = { lockKey: string; matches: Prisma.InvestigationWhereInput; joinNote?: string };

/** `queueError`: why a new run could not be queued (it is then Failed, saying so). */
export type TStartedRun = { id: number; isNew: boolean; queueError?: string };

/**
 * The one way to start a playbook run, in the caller's transaction: creates the run, links its alerts and queues it,
 * so the run and its job commit together. With `join`, a run on the same subject that is open, or ended less than
 * RECENT_RUN_MINUTES ago, takes the new alerts and the reason instead, and its log says so; the advisory lock (held
 * to the caller's commit) makes two starts on one subject at once one run: the second waits, then finds the first's.
 */
export async function startInvestigation(
  start: TInvestigationStart,
  db: Prisma.TransactionClient,
  now = new Date(),
): Promise<TStartedRun> {
  // A run whose input its playbook cannot read would only fail at its first step: refuse it here, at the caller.
  PLAYBOOK_INPUTS[start.playbook].parse(start.input);
  const joined = start.join ? await joinRecentRun(start, start.join, db, now) : null;
  if (joined) return joined;
  const id = await createInvestigation(start, db);
  const queueError = await queueRun(id, db);
  return { id, isNew: true, ...(queueError ? { queueError } : {}) };
}

async function createInvestigation(run: TInvestigationStart, db: Prisma.TransactionClient): Promise<number> {
  const active = await db.investigation.count({ where: { status: { in: ["Starting", "Running"] } } });
  const investigation = await db.investigation.create({
    data: {
      playbook: run.playbook,
      name: run.name,
      users: run.users,
      detectionSource: run.detectionSource,
      input: run.input as Prisma.InputJsonValue,
      status: active >= MAX_ACTIVE_RUNS ? "QueuedByThrottling" : "Starting",
    },
  });
  if (run.alertIds.length) {
    await db.alert.updateMany({
      where: { id: { in: run.alertIds } },
      data: { investigationId: investigation.id, status: "InProgress" },
    });
  }
  await db.investigationLog.create({
    data: {
      investigationId: investigation.id,
      message: `Created by ${run.detectionSource}${investigation.status === "QueuedByThrottling" ? "; queued: too many runs at once" : ""}`,
    },
  });
  return investigation.id;
}

async function joinRecentRun(
  run: TInvestigationStart,
  subject: TRunSubject,
  db: Prisma.TransactionClient,
  now: Date,
): Promise<TStartedRun | null> {
  await db.$executeRaw`select pg_advisory_xact_lock(hashtext(${`investigation-subject:${subject.lockKey}`}))`;
  const recent = new Date(now.getTime() - RECENT_RUN_MINUTES * 60_000);
  const existing = await db.investigation.findFirst({
    where: {
      playbook: run.playbook,
      AND: [
        subject.matches,
        {
          OR: [
            { status: { in: OPEN_RUN } },
            ...(RECENT_RUN_MINUTES > 0 ? [{ status: { in: CONCLUDED }, endedAt: { gte: recent } }] : []),
          ],
        },
      ],
    },
    select: { id: true, status: true },
    orderBy: { id: "desc" },
  });
  if (!existing) return null;
  const isOpen = OPEN_RUN.includes(existing.status);
  // An alert joins an open run as In progress; one linked to a run that already ended keeps its own status.
  if (run.alertIds.length)
    await db.alert.updateMany({
      where: { id: { in: run.alertIds } },
      data: { investigationId: existing.id, ...(isOpen ? { status: "InProgress" as const } : {}) },
    });
  const note = subject.joinNote ?? `${run.detectionSource} asked for another run on this subject`;
  await db.investigationLog.create({
    data: {
      investigationId: existing.id,
      message: isOpen
        ? `${note}: joined this open run instead of starting a second`
        : `${note}: this run ended less than ${RECENT_RUN_MINUTES} minutes ago, so it is linked here instead of starting a new one`,
    },
  });
  return { id: existing.id, isNew: false };
}

/**
 * Queues the run in the same transaction. A queue that refuses (its job insert fails, or pg-boss cannot start) leaves
 * the run Failed, saying why, never silently Starting: the savepoint undoes only the failed insert, so the rest of the
 * caller's work (the alert, the run and its failure) still commits.
 */
async function queueRun(investigationId: number, db: Prisma.TransactionClient): Promise<string | null> {
  await db.$executeRawUnsafe("savepoint queue_run");
  try {
    await enqueueRuns([investigationId], db);
    await db.$executeRawUnsafe("release savepoint queue_run");
    return null;
  } catch (error) {
    await db.$executeRawUnsafe("rollback to savepoint queue_run");
    const reason = `could not be queued: ${postgresError(error)?.message || errorText(error)}`;
    await db.investigation.update({
      where: { id: investigationId },
      data: { status: "Failed", error: reason, endedAt: new Date() },
    });
    await db.investigationLog.create({ data: { investigationId, level: "error", message: `Run ${reason}` } });
    return reason;
  }
}
