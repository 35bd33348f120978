import { previewAction } from "@/server/actions/preview-action";
import { prisma } from "@/server/db";
import { ms, percentile, timed } from "./bench-stats";
import type { BenchContext } from "./bench.types";
import { makeCluster } from "./bench-soft-delete-cluster";
import { loadPhishTenant } from "./phish-tenant";

// Target (issue 19): the blast-radius preview of a 10,000-message cluster on 1,000,000 EmailEvents, p95 ≤ 300 ms.
const TARGET_P95_MS = 300;
const PRIORITY_MAILBOXES = 60;
/** At least this many timed previews, whatever --rounds says: a p95 of three values is just the largest. */
const MIN_SAMPLES = 20;

/**
 * What the Approve dialog asks for before an analyst approves a soft delete of a 10,000-message cluster: counts by
 * location, mailboxes with priority accounts first, senders, link hosts, the organisation's share and samples, all
 * live. Some of the tenant's mailboxes are priority accounts, so the priority-first ordering does real work.
 */
export async function benchActionPreview(context: BenchContext) {
  const tenant = await loadPhishTenant(context);
  await prisma.$executeRaw`update "Mailbox" set "isPriority" = true where address in (select address from "Mailbox" order by address limit ${PRIORITY_MAILBOXES})`;
  const investigation = await prisma.investigation.create({
    data: {
      name: "Email reported by user as malware or phish",
      playbook: "UserReportedMessage",
      status: "PendingAction",
      detectionSource: "bench",
      users: [],
    },
  });
  const clusterId = await makeCluster(investigation.id, 0);
  const action = await prisma.action.create({
    data: {
      investigationId: investigation.id,
      clusterId,
      type: "softDelete",
      source: "AutomatedInvestigation",
      entity: "Similar URLs",
      dedupKey: "bench-preview",
    },
  });
  const samples = Math.max(context.rounds, MIN_SAMPLES);
  context.log(
    `actionPreview: a cluster of 10,000 delivered copies on ${tenant.rows} rows, ${samples} previews after one warm-up`,
  );
  await previewAction(action.id);
  const times: number[] = [];
  for (let round = 0; round < samples; round++) {
    times.push(
      await timed(async () => {
        const preview = await previewAction(action.id);
        if (preview.kind !== "email" || preview.liveCount !== 10_000)
          throw new Error(
            `the preview counted ${preview.kind === "email" ? preview.liveCount : preview.kind}, not 10,000 copies`,
          );
      }),
    );
  }
  return {
    rows: tenant.rows,
    clusterMessages: 10_000,
    samples,
    p50Ms: ms(percentile(times, 50)),
    p95Ms: ms(percentile(times, 95)),
    targetP95Ms: TARGET_P95_MS,
  };
}
