import "server-only";
import type { InvestigationStatus, Playbook, Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { enqueueRuns } from "@/server/engine/queue";
import { readEnv } from "@/server/env";

/** Runs beyond this many at once wait as "Queued by throttling" (they still run, in turn). */
export const MAX_ACTIVE_RUNS = readEnv().BREAKWATER_MAX_ACTIVE_RUNS;

/**
 * A run on a subject that ended this recently is not started again: re-investigating users whose runs cleared minutes
 * ago only repeats the same checks on the same data. Minutes; 0 turns it off (open runs are still joined).
 */
export const RECENT_RUN_MINUTES = readEnv().BREAKWATER_RECENT_RUN_MINUTES;

export const OPEN_RUN: InvestigationStatus[] = ["Starting", "Running", "QueuedByThrottling", "PendingAction"];
// Ended with a conclusion worth reusing; a failed or stopped run is no reason not to look again.
const CONCLUDED: InvestigationStatus[] = ["NoThreatsFound", "PartiallyInvestigated", "Remediated", "PartiallyRemediated"];

export type TNewInvestigation = {
  playbook: Playbook;
  name: string;
  users: string[];
  detectionSource: string;
  input: Record<string, unknown>;
  alertIds: number[];
};

/**
 * What a run is about, for "is there one already": its lock key, the runs of the same playbook that match, and what
 * the joined run's log says (default: who asked).
 */
export type TRunSubject = { lockKey: string; matches: Prisma.InvestigationWhereInput; joinNote?: string };

export type TStartedRun = { id: number; isNew: boolean };

/** Creates a run and links its alerts, in the caller's transaction. Queue it with `queueNewRuns` after the commit. */
export async function createInvestigation(run: TNewInvestigation, db: Prisma.TransactionClient): Promise<number> {
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
    await db.alert.updateMany({ where: { id: { in: run.alertIds } }, data: { investigationId: investigation.id, status: "InProgress" } });
  }
  await db.investigationLog.create({
    data: { investigationId: investigation.id, message: `Created by ${run.detectionSource}${investigation.status === "QueuedByThrottling" ? "; queued: too many runs at once" : ""}` },
  });
  return investigation.id;
}

/**
 * Starts a run unless one on the same subject is open, or ended less than RECENT_RUN_MINUTES ago: then the new alerts
 * and the reason join that run, and its log says so. The advisory lock (held to the caller's commit) makes two
 * starts on one subject at once one run: the second waits, then finds the first's.
 */
export async function startOrJoinInvestigation(run: TNewInvestigation, subject: TRunSubject, db: Prisma.TransactionClient, now = new Date()): Promise<TStartedRun> {
  await db.$executeRaw`select pg_advisory_xact_lock(hashtext(${`investigation-subject:${subject.lockKey}`}))`;
  const recent = new Date(now.getTime() - RECENT_RUN_MINUTES * 60_000);
  const existing = await db.investigation.findFirst({
    where: {
      playbook: run.playbook,
      AND: [subject.matches, { OR: [{ status: { in: OPEN_RUN } }, ...(RECENT_RUN_MINUTES > 0 ? [{ status: { in: CONCLUDED }, endedAt: { gte: recent } }] : [])] }],
    },
    select: { id: true, status: true },
    orderBy: { id: "desc" },
  });
  if (!existing) return { id: await createInvestigation(run, db), isNew: true };
  const isOpen = OPEN_RUN.includes(existing.status);
  // An alert joins an open run as In progress; one linked to a run that already ended keeps its own status.
  if (run.alertIds.length) await db.alert.updateMany({ where: { id: { in: run.alertIds } }, data: { investigationId: existing.id, ...(isOpen ? { status: "InProgress" as const } : {}) } });
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

/** One compromised-user run per user at a time (and none again right after one concluded). Queue new runs after the commit. */
export async function investigateCompromisedUser(
  user: string,
  run: { detectionSource: string; input: Record<string, unknown>; alertIds: number[] },
  db: Prisma.TransactionClient,
): Promise<TStartedRun> {
  const address = user.toLowerCase();
  return startOrJoinInvestigation(
    { playbook: "CompromisedUser", name: `Compromised user: ${address}`, users: [address], ...run },
    { lockKey: `user:${address}`, matches: { users: { has: address } } },
    db,
  );
}

/** Queues runs created in a committed transaction; a queue that refuses leaves them Failed, saying why, never silent. */
export async function queueNewRuns(runs: (number | TStartedRun)[]): Promise<void> {
  const ids = runs.flatMap((run) => (typeof run === "number" ? [run] : run.isNew ? [run.id] : []));
  if (!ids.length) return;
  try {
    await enqueueRuns(ids);
  } catch (error) {
    await prisma.investigation.updateMany({ where: { id: { in: ids } }, data: { status: "Failed", error: `could not be queued: ${error instanceof Error ? error.message : String(error)}` } });
  }
}
