import "server-only";
import type { InvestigationStatus } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/database-unavailable";
import { readEnv } from "@/server/env";
import { startInvestigation } from "@/server/investigations/start-investigation";
import type { TStepServices } from "@/server/playbooks/define-playbook";
import { PLAYBOOKS } from "@/server/playbooks/registry";
import { refreshInvestigationStatus } from "@/server/investigations/refresh-investigation-status";
import { saveStepResult } from "./save-step-result";

const RUNNABLE: InvestigationStatus[] = ["Starting", "Running", "QueuedByThrottling"];
const FINISHED: InvestigationStatus[] = [
  "NoThreatsFound",
  "PendingAction",
  "PartiallyInvestigated",
  "Remediated",
  "PartiallyRemediated",
  "Failed",
  "TerminatedBySystem",
  "TerminatedByUser",
  "TerminatedByThrottling",
];

// Slows every step, so that tests (and demos) can watch a run, or kill its worker, half-way.
const STEP_DELAY_MS = readEnv().BREAKWATER_STEP_DELAY_MS;

/**
 * Runs a playbook to its end. Safe to call again for the same run (a retried job after a worker died): completed
 * steps are skipped, and a step's findings commit together with its Completed status (see save-step-result.ts).
 */
export async function runInvestigation(
  investigationId: number,
  { isLastAttempt }: { isLastAttempt: boolean },
): Promise<void> {
  const investigation = await prisma.investigation.findUnique({
    where: { id: investigationId },
    include: { steps: { select: { key: true, status: true } } },
  });
  if (!investigation || FINISHED.includes(investigation.status)) return;
  const playbook = PLAYBOOKS[investigation.playbook];

  if (investigation.steps.length === 0) {
    await prisma.investigationStep.createMany({
      data: playbook.steps.map((step, position) => ({
        investigationId,
        key: step.key,
        name: step.name,
        phase: step.phase,
        position,
      })),
      skipDuplicates: true,
    });
  }
  const isResumed = investigation.status === "Running";
  // Conditional, so that a Stop investigation between the read above and here is not overwritten with Running.
  const started = await prisma.investigation.updateMany({
    where: { id: investigationId, status: { in: RUNNABLE } },
    data: { status: "Running", startedAt: investigation.startedAt ?? new Date() },
  });
  if (!started.count) return;
  await prisma.investigationLog.create({
    data: { investigationId, message: isResumed ? "Run resumed after an interruption" : "Run started" },
  });

  const completed = new Set(investigation.steps.filter((step) => step.status === "Completed").map((step) => step.key));
  const subject = {
    id: investigationId,
    users: investigation.users,
    input: investigation.input,
    createdAt: investigation.createdAt,
  };
  for (const step of playbook.bind(subject, stepServices(investigationId))) {
    if (completed.has(step.key)) continue;
    // Stopped by a user since the last step: no further step runs (a step may start other runs or recommend actions).
    if (await isStopped(investigationId)) return;
    await prisma.investigationStep.update({
      where: { investigationId_key: { investigationId, key: step.key } },
      data: { status: "Running", startedAt: new Date(), attempts: { increment: 1 } },
    });
    try {
      const result = await step.run();
      if (STEP_DELAY_MS) await new Promise((resolve) => setTimeout(resolve, STEP_DELAY_MS));
      const isSaved = await saveStepResult(investigationId, step, result);
      if (!isSaved && (await isStopped(investigationId))) return;
    } catch (error) {
      // A lost database is not the step's failure: the worker waits for it and runs the step again, retries unspent.
      if (!isDatabaseUnavailable(error)) await failStep(investigationId, step.key, error, isLastAttempt);
      throw error;
    }
  }
  await refreshInvestigationStatus(investigationId, { endedAt: new Date() });
}

/** The clock, the run's log and the way to start other runs, as every step of this run gets them. */
export const stepServices = (investigationId: number): TStepServices => ({
  now: () => new Date(),
  log: async (stepKey, message, level = "info") =>
    void (await prisma.investigationLog.create({ data: { investigationId, stepKey, level, message } })),
  // Its own transaction: a start holds only its own subject's lock, so two runs starting others never wait on each other.
  startInvestigation: (start) => prisma.$transaction((tx) => startInvestigation(start, tx)),
});

async function failStep(investigationId: number, stepKey: string, error: unknown, isLastAttempt: boolean) {
  const message = error instanceof Error ? error.message : String(error);
  await prisma.investigationStep.update({
    where: { investigationId_key: { investigationId, key: stepKey } },
    data: { status: isLastAttempt ? "Failed" : "Pending" },
  });
  await prisma.investigationLog.create({
    data: {
      investigationId,
      stepKey,
      level: "error",
      message: `Step failed${isLastAttempt ? "" : ", will retry"}: ${message}`,
    },
  });
  // A run whose retries are spent ends visibly as Failed, never silently half-done.
  if (isLastAttempt)
    await prisma.investigation.updateMany({
      where: { id: investigationId, status: { not: "TerminatedByUser" } },
      data: { status: "Failed", error: message, endedAt: new Date() },
    });
}

async function isStopped(investigationId: number): Promise<boolean> {
  const run = await prisma.investigation.findUnique({ where: { id: investigationId }, select: { status: true } });
  return run?.status === "TerminatedByUser";
}
