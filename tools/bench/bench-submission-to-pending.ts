import { ensureBuiltIns } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { stopQueue } from "@/server/engine/queue";
import { startWorker } from "@/server/engine/worker";
import { reportPhishCopy, sendPhishCampaign } from "@/server/simulator/simulate-phish-campaign";
import { ms, percentile } from "./bench-stats";
import type { BenchContext } from "./bench.types";
import { loadPhishTenant } from "./phish-tenant";

// Target: a reported message's run is waiting for approval ("Pending action") within 2 s of the report, at the 95th
// percentile, on a 1M-row tenant with a worker running.
const TARGET_P95_MS = 2_000;
const REPORTS = 20;
const CAMPAIGN_RECIPIENTS = 300;
const POLL_MS = 20;
const RUN_TIMEOUT_MS = 60_000;
const BUSY = ["Starting", "Running", "QueuedByThrottling"] as const;

/**
 * From submitMessage (an .eml of one delivered copy) to its investigation's status reading PendingAction, with a
 * worker in this process taking the run off the queue, as `npm start` does. Each report is of a fresh campaign of
 * 300 copies, sent before the clock starts; the run before is closed, so a report never joins it, and every run the
 * last one started (compromise checks of whoever clicked) has ended, so each report finds an idle worker.
 */
export async function benchSubmissionToPending(context: BenchContext) {
  const tenant = await loadPhishTenant(context);
  await ensureBuiltIns();
  const worker = await startWorker();
  try {
    const times: number[] = [];
    // Report 0 warms the worker, the queue and the playbook's queries, and is not counted.
    for (let report = 0; report <= REPORTS; report++) {
      const { plan } = await sendPhishCampaign({
        seed: 1_000 + report,
        now: new Date(),
        recipients: CAMPAIGN_RECIPIENTS,
      });
      const started = performance.now();
      const { investigationId, isNewInvestigation } = await reportPhishCopy(plan);
      if (!isNewInvestigation)
        throw new Error(`report ${report} joined run ${investigationId} instead of starting its own`);
      const status = await settledStatus(investigationId);
      const elapsed = performance.now() - started;
      if (status !== "PendingAction") throw new Error(`run ${investigationId} ended ${status}, not PendingAction`);
      context.log(`submissionToPending: report ${report}${report ? "" : " (warm-up)"}: ${elapsed.toFixed(0)} ms`);
      if (report > 0) times.push(elapsed);
      await closeRun(investigationId);
      await untilIdle();
    }
    return {
      rows: tenant.rows,
      reports: REPORTS,
      campaignRecipients: CAMPAIGN_RECIPIENTS,
      p50Ms: ms(percentile(times, 50)),
      p95Ms: ms(percentile(times, 95)),
      maxMs: ms(Math.max(...times)),
      targetP95Ms: TARGET_P95_MS,
    };
  } finally {
    await worker.stop();
    await stopQueue();
  }
}

async function settledStatus(investigationId: number): Promise<string> {
  const deadline = performance.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const { status } = await prisma.investigation.findUniqueOrThrow({
      where: { id: investigationId },
      select: { status: true },
    });
    if (!(BUSY as readonly string[]).includes(status)) return status;
    if (performance.now() > deadline)
      throw new Error(`run ${investigationId} still ${status} after ${RUN_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// An analyst would decide the actions; the benchmark only needs the run to stop being the open one that the next
// report of a lookalike campaign (same sender domain and fingerprint) would join.
async function closeRun(investigationId: number): Promise<void> {
  await prisma.investigation.update({
    where: { id: investigationId },
    data: { status: "TerminatedByUser", endedAt: new Date() },
  });
}

async function untilIdle(): Promise<void> {
  const deadline = performance.now() + RUN_TIMEOUT_MS;
  while ((await prisma.investigation.count({ where: { status: { in: [...BUSY] } } })) > 0) {
    if (performance.now() > deadline) throw new Error(`runs still busy after ${RUN_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 5));
  }
}
