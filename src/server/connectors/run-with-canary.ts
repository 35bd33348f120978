import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { MAILBOX_LOCATIONS } from "@/server/actions/email-locations";
import type { TMailConnector } from "./connector.types";
import type { TCanaryReport, TEmailActionRun, TExecution } from "./execution.types";

/** Settings › Automation: an email action on more than `aboveMessages` copies first runs on a sample (null: never). */
export type TCanarySettings = {
  aboveMessages: number | null;
  samplePercent: number;
  sampleMinimum: number;
  maxFailedPercent: number;
};

export type { TCanaryReport };

type TCandidate = { id: bigint; mailbox: string };

/**
 * Runs an email action through the connector, first on a sample when it targets more copies than the setting allows:
 * the sample is spread across mailboxes (one copy per mailbox before a second from any), the connector's per-copy
 * results say what the mail system did with it, and only a sample whose failures stay within the threshold lets the
 * rest run. A sample that fails past it stops the action there, the rest untouched, with why. Reverts are never
 * sampled: they undo what already ran, copy by copy.
 */
export async function runWithCanary(
  connector: TMailConnector,
  run: TEmailActionRun,
  settings: TCanarySettings,
  tx: Prisma.TransactionClient,
): Promise<TExecution> {
  if (settings.aboveMessages === null || run.revertOf || !run.clusterId) return connector.executeEmailAction(run, tx);
  const candidates = await mailboxCopies(run, tx);
  if (candidates.length <= settings.aboveMessages) return connector.executeEmailAction(run, tx);

  const size = Math.min(
    candidates.length,
    Math.max(settings.sampleMinimum, Math.ceil((candidates.length * settings.samplePercent) / 100)),
  );
  const sample = candidates.slice(0, size);
  const sampled = await connector.executeEmailAction({ ...run, onlyCopies: sample.map((copy) => copy.id) }, tx);
  const failures = await sampleFailures(run.id, sample, tx);
  const sampleFailed = Object.values(failures).reduce((sum, count) => sum + count, 0);
  const isStopped = (sampleFailed * 100) / size > settings.maxFailedPercent;
  const report = {
    copies: candidates.length,
    sample: size,
    mailboxes: new Set(sample.map((copy) => copy.mailbox)).size,
    sampleFailed,
    maxFailedPercent: settings.maxFailedPercent,
    isStopped,
    failures,
  };
  if (isStopped) return { ...sampled, canary: { ...report, summary: stoppedSummary(report) } };
  // The rest is every copy not done yet: the sample's few failures (within the threshold) get one more try with it.
  return { ...(await connector.executeEmailAction(run, tx)), canary: { ...report, summary: passedSummary(report) } };
}

/**
 * The cluster's copies still to do in the organisation's mailboxes, round-robin over mailboxes: the order the sample is
 * taken in. A copy outside the organisation or in no mailbox tells nothing about the mail system, so none is sampled.
 */
function mailboxCopies(run: TEmailActionRun, tx: Prisma.TransactionClient): Promise<TCandidate[]> {
  return tx.$queryRaw<TCandidate[]>`
    select id, mailbox from (
      select e.id, mb.address as mailbox, row_number() over (partition by mb.address order by e.id) as turn
      from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
      join "Mailbox" mb on mb.address = e."recipientEmailAddress"
      where m."clusterId" = ${run.clusterId} and e."latestDeliveryLocation" = any(${MAILBOX_LOCATIONS as unknown as string[]}::text[])
        and not exists (select 1 from "EmailActionResult" r where r."actionId" = ${run.id} and r."emailEventId" = e.id and r.result <> 'Failed')
    ) copy
    order by turn, md5(mailbox), id`;
}

/** The sample's failures by reason, from the results the connector recorded for those copies. */
async function sampleFailures(
  actionId: number,
  sample: TCandidate[],
  tx: Prisma.TransactionClient,
): Promise<Record<string, number>> {
  const rows = await tx.$queryRaw<{ reason: string | null; count: number }[]>`
    select reason, count(*)::int as count from "EmailActionResult"
    where "actionId" = ${actionId} and result = 'Failed' and "emailEventId" = any(${sample.map((copy) => copy.id)}::bigint[])
    group by reason`;
  return Object.fromEntries(rows.map((row) => [row.reason ?? "Failed", row.count]));
}

const percent = (part: number, whole: number) => `${Math.round((part * 100) / whole)} %`;

function sampleWords(report: Omit<TCanaryReport, "summary">): string {
  return `${report.sampleFailed} of ${report.sample} sample messages in ${report.mailboxes} mailboxes failed (${percent(report.sampleFailed, report.sample)}; the threshold is ${report.maxFailedPercent} %)`;
}

function stoppedSummary(report: Omit<TCanaryReport, "summary">): string {
  const reasons = Object.entries(report.failures)
    .map(([reason, count]) => `${reason} (${count})`)
    .join("; ");
  return `Stopped after canary: ${sampleWords(report)}: ${reasons}. The other ${report.copies - report.sample} messages were not touched; retry once the mail system is fixed.`;
}

function passedSummary(report: Omit<TCanaryReport, "summary">): string {
  return `Canary passed: ${sampleWords(report)}, then the other ${report.copies - report.sample} messages ran.`;
}
