import "server-only";
import { expirePendingActions } from "@/server/actions/expire-pending-actions";
import { getQueue, INVESTIGATION_QUEUE, RUN_RETRY_LIMIT, type TRunJob } from "./queue";
import { runInvestigation } from "./run-investigation";

export type TWorker = { stop(): Promise<void> };

/**
 * Takes playbook runs off the queue, `concurrency` at a time. `npm start` runs one in-process; `npm run worker`
 * runs more on other machines against the same database.
 */
export async function startWorker({ concurrency = Number(process.env.BREAKWATER_WORKER_CONCURRENCY ?? 4) } = {}): Promise<TWorker> {
  const boss = await getQueue();
  const ids: string[] = [];
  for (let index = 0; index < concurrency; index++) {
    ids.push(
      await boss.work<TRunJob>(INVESTIGATION_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
        await runInvestigation(job.data.investigationId, { isLastAttempt: job.retryCount >= RUN_RETRY_LIMIT });
      }),
    );
  }
  // Undecided actions expire on a clock, not on a request: every worker checks once a minute (the update is idempotent).
  const expiry = setInterval(() => void expirePendingActions().catch((error) => console.error(`[worker] expiry: ${error}`)), 60_000);
  return {
    async stop() {
      clearInterval(expiry);
      for (const id of ids) await boss.offWork({ id });
    },
  };
}
