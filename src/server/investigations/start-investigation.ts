import "server-only";
import type { Playbook, Prisma } from "@/generated/prisma/client";
import { readEnv } from "@/server/env";

/** Runs beyond this many at once wait as "Queued by throttling" (they still run, in turn). */
export const MAX_ACTIVE_RUNS = readEnv().BREAKWATER_MAX_ACTIVE_RUNS;

export type TNewInvestigation = {
  playbook: Playbook;
  name: string;
  users: string[];
  detectionSource: string;
  input: Record<string, unknown>;
  alertIds: number[];
};

/** Creates a run and links its alerts, in the caller's transaction. Queue it with `enqueueRuns` after the commit. */
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

const OPEN_RUN = ["Starting", "Running", "QueuedByThrottling", "PendingAction"] as const;

/**
 * One compromised-user run per user at a time: a new reason to suspect the user (another alert, a click on a
 * malicious link) joins the user's open run instead of starting a second one. Queue new runs after the commit.
 */
export async function investigateCompromisedUser(
  user: string,
  run: { detectionSource: string; input: Record<string, unknown>; alertIds: number[] },
  db: Prisma.TransactionClient,
): Promise<{ id: number; isNew: boolean }> {
  const open = await db.investigation.findFirst({ where: { playbook: "CompromisedUser", users: { has: user }, status: { in: [...OPEN_RUN] } }, select: { id: true } });
  if (open) {
    if (run.alertIds.length) await db.alert.updateMany({ where: { id: { in: run.alertIds } }, data: { investigationId: open.id, status: "InProgress" } });
    return { id: open.id, isNew: false };
  }
  const id = await createInvestigation({ playbook: "CompromisedUser", name: `Compromised user: ${user}`, users: [user], ...run }, db);
  return { id, isNew: true };
}
