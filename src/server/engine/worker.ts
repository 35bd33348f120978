import "server-only";
import { expirePendingActions } from "@/server/actions/expire-pending-actions";
import { startWebhookDispatcher } from "@/server/webhooks/dispatch-webhooks";
import { getQueue, INVESTIGATION_QUEUE, RUN_RETRY_LIMIT, type TRunJob } from "./queue";
import { runInvestigation } from "./run-investigation";

export type TWorker = { stop(): Promise<void> };

/**
 * Takes playbook runs off the queue, up to `concurrency` at a time, and sends the SIEM feed to the webhooks. `npm start`
 * runs one in-process; `npm run worker` runs more on other machines against the same database.
 */
export async function startWorker({ concurrency = Number(process.env.BREAKWATER_WORKER_CONCURRENCY ?? 8) } = {}): Promise<TWorker> {
  const boss = await getQueue();
  // One fetch takes a batch and runs it in parallel, each job's outcome reported on its own.
  const id: string = await boss.work<TRunJob>(INVESTIGATION_QUEUE, { batchSize: concurrency, pollingIntervalSeconds: 0.5, includeMetadata: true }, async (jobs) => {
    const outcomes = await Promise.allSettled(jobs.map((job) => runInvestigation(job.data.investigationId, { isLastAttempt: job.retryCount >= RUN_RETRY_LIMIT })));
    await Promise.all(
      outcomes.map((outcome, index) =>
        outcome.status === "rejected" ? boss.fail(INVESTIGATION_QUEUE, jobs[index].id, { message: String(outcome.reason) }) : boss.complete(INVESTIGATION_QUEUE, jobs[index].id),
      ),
    );
    // pg-boss waits out the polling interval after a quick batch; a full batch means more are waiting, so fetch again
    // at once instead of capping the worker at `concurrency` runs per half second.
    if (jobs.length === concurrency) boss.notifyWorker(id);
  });
  // Undecided actions expire on a clock, not on a request: every worker checks once a minute (the update is idempotent).
  const expiry = setInterval(() => void expirePendingActions().catch((error) => console.error(`[worker] expiry: ${error}`)), 60_000);
  // Every worker runs one; a webhook being delivered is row-locked, so two workers never send the same batch.
  const webhooks = startWebhookDispatcher();
  return {
    async stop() {
      clearInterval(expiry);
      await webhooks.stop();
      await boss.offWork({ id });
    },
  };
}
