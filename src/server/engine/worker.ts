import "server-only";
import { errorText } from "@/lib/error-text";
import { expirePendingActions, noticeExpiringActions } from "@/server/actions/expire-pending-actions";
import { isDatabaseUnavailable } from "@/server/db/database-unavailable";
import {
  backoffMs,
  createSleeper,
  outageLog,
  type TOutageLog,
  type TSleeper,
  untilDatabaseTakes,
  waitForDatabase,
} from "@/server/db/wait-for-database";
import { readEnv } from "@/server/env";
import { startWebhookDispatcher } from "@/server/webhooks/dispatch-webhooks";
import { runDueDetectionRules } from "@/server/detection-rules/run-due-rules";
import { maintainEmailEvents } from "@/server/ingestion/email-event-partitions";
import { DETECTION_QUEUE, getQueue, INVESTIGATION_QUEUE, RUN_RETRY_LIMIT, type TRunJob } from "./queue";
import { runInvestigation } from "./run-investigation";

export type TWorker = { stop(): Promise<void> };

type TJob = { id: string; data: TRunJob; retryCount: number };

const POLL_MS = 500;
const DETECTION_POLL_MS = 5_000;
const EMAIL_EVENTS_UPKEEP_MS = 3600_000;
// How long stop() waits for the runs in hand to reach a step boundary; the rest are handed on after their timeout.
const STOP_WAIT_MS = 30_000;

/**
 * Takes playbook runs off the queue, up to `concurrency` at a time, and sends the SIEM feed to the webhooks. `npm start`
 * runs one in-process; `npm run worker` runs more on other machines against the same database.
 *
 * The loop is ours rather than pg-boss's work(): pg-boss 10 records a job's outcome without awaiting it, so a database
 * that goes away at that moment ends the process on an unhandled rejection. Here every write to the queue is awaited
 * and retried, and a run that failed only because the database was away waits for it and goes on from its last
 * committed step, without spending one of its retries.
 */
export async function startWorker({ concurrency = readEnv().BREAKWATER_WORKER_CONCURRENCY } = {}): Promise<TWorker> {
  const log = (message: string) => console.error(`[worker] ${message}`);
  const outage = outageLog(log);
  const sleeper = createSleeper();
  let isStopped = false;
  const stopped = () => isStopped;
  const boss = await reachQueue(outage, sleeper);

  /** Records a job's outcome, retrying until the database takes it; a stopped worker leaves the job to its timeout. */
  const settle = (write: () => Promise<unknown>) => untilDatabaseTakes(write, { isStopped: stopped, sleeper, outage });

  async function runJob(job: TJob): Promise<void> {
    for (;;) {
      try {
        await runInvestigation(job.data.investigationId, { isLastAttempt: job.retryCount >= RUN_RETRY_LIMIT });
        return settle(() => boss.complete(INVESTIGATION_QUEUE, job.id));
      } catch (error) {
        if (!isDatabaseUnavailable(error))
          return settle(() => boss.fail(INVESTIGATION_QUEUE, job.id, { message: errorText(error) }));
        outage.failed(error);
        await waitForDatabase({ isStopped: stopped, sleeper, outage });
        if (isStopped) return;
        // An outage longer than the run's timeout has already handed the job to the queue again: leave it there.
        const current = await boss.getJobById(INVESTIGATION_QUEUE, job.id).catch(() => null);
        if (current?.state !== "active") return;
      }
    }
  }

  const loop = (async () => {
    while (!isStopped) {
      let jobs: TJob[] = [];
      try {
        jobs = (await boss.fetch<TRunJob>(INVESTIGATION_QUEUE, {
          batchSize: concurrency,
          includeMetadata: true,
        })) as TJob[];
      } catch (error) {
        outage.failed(error);
      }
      // One fetch takes a batch and runs it in parallel, each job's outcome recorded on its own.
      if (jobs.length) await Promise.all(jobs.map(runJob));
      // A full batch means more are waiting: fetch again at once instead of capping the worker at `concurrency` runs
      // per polling interval.
      if (jobs.length < concurrency) await sleeper.sleep(POLL_MS);
    }
  })();
  // Undecided actions expire on a clock, not on a request: every worker checks once a minute (both updates are
  // idempotent), first expiring what is due, then noticing what expires within a day.
  const expiry = setInterval(
    () =>
      void expirePendingActions()
        .then(() => noticeExpiringActions())
        .catch((error) => outage.failed(error)),
    60_000,
  );
  // EmailEvents' monthly partitions: next months made ahead, expired months dropped; at start, then hourly.
  let upkeeping: Promise<void> = Promise.resolve();
  const upkeep = () => {
    upkeeping = maintainEmailEvents()
      .then(({ made, dropped }) => {
        if (made.length) log(`EmailEvents partitions made: ${made.join(", ")}`);
        if (dropped.length)
          log(`EmailEvents months dropped (retention): ${dropped.map(({ name }) => name).join(", ")}`);
      })
      .catch((error) => outage.failed(error));
  };
  upkeep();
  const emailEventsUpkeep = setInterval(upkeep, EMAIL_EVENTS_UPKEEP_MS);
  // Custom detection rules: whichever worker takes the schedule's tick runs the rules that are due (each claimed, so a
  // tick taken twice runs nothing twice).
  let isDetecting = false;
  const detections = setInterval(() => {
    if (isDetecting) return;
    isDetecting = true;
    void takeDetectionTick(boss)
      .catch((error) => outage.failed(error))
      .finally(() => (isDetecting = false));
  }, DETECTION_POLL_MS);
  // Every worker runs one; a webhook being delivered is row-locked, so two workers never send the same batch.
  const webhooks = startWebhookDispatcher();
  return {
    async stop() {
      isStopped = true;
      clearInterval(expiry);
      clearInterval(detections);
      clearInterval(emailEventsUpkeep);
      await upkeeping;
      sleeper.wake();
      await webhooks.stop();
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    },
  };
}

/** One tick of the detection schedule, if there is one waiting: the due rules run, then the tick is done. */
export async function takeDetectionTick(boss: Awaited<ReturnType<typeof getQueue>>): Promise<boolean> {
  const [job] = await boss.fetch(DETECTION_QUEUE);
  if (!job) return false;
  try {
    await runDueDetectionRules();
    await boss.complete(DETECTION_QUEUE, job.id);
  } catch (error) {
    await boss.fail(DETECTION_QUEUE, job.id, { message: errorText(error) });
  }
  return true;
}

/** The queue, once the database answers: a worker started while PostgreSQL is away waits for it instead of exiting. */
async function reachQueue(outage: TOutageLog, sleeper: TSleeper) {
  for (let attempt = 0; ; attempt++) {
    try {
      const boss = await getQueue();
      outage.recovered();
      return boss;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      outage.failed(error);
      await sleeper.sleep(backoffMs(attempt));
    }
  }
}
