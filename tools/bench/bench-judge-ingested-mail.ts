import { EMAIL_EVENT_BATCH_SIZE, ingestEmailEvents } from "@/server/ingestion/ingest-email-events";
import { ingestIdentityEvents } from "@/server/ingestion/ingest-identity-events";
import { ZEmailEventBatch, type TEmailEvent, type TEmailEventInput } from "@/server/ingestion/ingestion.schemas";
import { emailOfEvent, judgeEmailEvents } from "@/server/ingestion/judge-email-events";
import { generateOrg } from "@/server/simulator/org/generate-org";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { loadTenantContexts } from "@/server/verdicts/load-tenant-contexts";
import type { BenchContext } from "./bench.types";

const HISTORY_DAYS = 60;
const MIN_MESSAGES = 2_000;
const NOW = new Date("2025-03-01T00:00:00Z");

/**
 * The detection engine on the ingestion path, without rspamd: a simulated organisation's history is stored first
 * (up to `rows` rows, so first-seen domains, correspondence and look-alike people have something to find), then the
 * next days' inbound mail, stripped of the simulated filter's verdicts so that every message is judged, goes through
 * judgeEmailEvents in the ingestion's batches: the tenant context read set-based per batch, then each message judged.
 * One Node process, so messages/s is per core (PostgreSQL runs beside it on the same machine).
 */
export async function benchJudgeIngestedMail({ rows: historyRows, rounds, log }: BenchContext) {
  const { history, batch, config } = simulatedMail(historyRows);
  await ingestIdentityEvents(config);
  await ingestEmailEvents(history, { judge: false });
  const events = ZEmailEventBatch.parse(batch);
  const messages = firstRowPerMessage(events);
  log(
    `judgeIngestedMail: history ${history.length} rows; judging ${events.length} rows, ${messages.length} messages, ${rounds} rounds`,
  );

  await judgeEmailEvents(events.slice(0, 200)); // warm-up: JIT, Prisma's start-up, a cold pool
  const totals: number[] = [];
  const reads: number[] = [];
  const engine: number[] = [];
  let threats = 0;
  for (let round = 1; round <= rounds; round++) {
    // The real path, in the ingestion's batch size.
    const started = performance.now();
    for (let start = 0; start < events.length; start += EMAIL_EVENT_BATCH_SIZE) {
      const judged = await judgeEmailEvents(events.slice(start, start + EMAIL_EVENT_BATCH_SIZE));
      if (round === 1) threats += judged.filter((event) => event.threatTypes.length).length;
    }
    totals.push(performance.now() - started);
    // The same work split in two: the store's reads, then the engine alone.
    const requests = messages.map((event) => ({
      email: emailOfEvent(event, [event.recipientEmailAddress]),
      receivedAt: new Date(event.timestamp),
      bodyFingerprint: null,
    }));
    const readStarted = performance.now();
    const contexts: Awaited<ReturnType<typeof loadTenantContexts>> = [];
    for (let start = 0; start < requests.length; start += EMAIL_EVENT_BATCH_SIZE)
      contexts.push(...(await loadTenantContexts(requests.slice(start, start + EMAIL_EVENT_BATCH_SIZE))));
    reads.push(performance.now() - readStarted);
    const engineStarted = performance.now();
    requests.forEach((request, index) => judgeEmail(request.email, contexts[index]));
    engine.push(performance.now() - engineStarted);
    log(
      `judgeIngestedMail: round ${round}: ${totals.at(-1)!.toFixed(0)} ms (reads ${reads.at(-1)!.toFixed(0)} ms, engine ${engine.at(-1)!.toFixed(0)} ms)`,
    );
  }
  const totalMs = median(totals);
  return {
    historyRows: history.length,
    rows: events.length,
    messages: messages.length,
    rowsJudgedAThreat: threats,
    rounds,
    batchRows: EMAIL_EVENT_BATCH_SIZE,
    judgeMs: Math.round(totalMs),
    messagesPerSecond: Math.round((messages.length * 1000) / totalMs),
    contextReadMs: Math.round(median(reads)),
    engineMs: Math.round(median(engine)),
    engineMsPerMessage: Number((median(engine) / messages.length).toFixed(3)),
  };
}

// The org scenario's mail, made once in memory before anything is timed: history up to `historyRows`, then at least
// MIN_MESSAGES inbound messages of the days after it.
function simulatedMail(historyRows: number): {
  history: TEmailEventInput[];
  batch: TEmailEventInput[];
  config: ReturnType<typeof generateOrg>["config"];
} {
  const plan = generateOrg({ seed: 7, days: HISTORY_DAYS + 30, mailboxes: 200, now: NOW });
  const history: TEmailEventInput[] = [];
  const batch: TEmailEventInput[] = [];
  const messageIds = new Set<string>();
  let day = 0;
  for (const { mail } of plan.days()) {
    if (day++ < HISTORY_DAYS) {
      if (history.length < historyRows) history.push(...mail.slice(0, historyRows - history.length));
      continue;
    }
    for (const row of mail) {
      if (row.emailDirection !== "Inbound") continue;
      const { threatTypes: _types, detectionMethods: _methods, ...unjudged } = row;
      batch.push(unjudged);
      messageIds.add(row.networkMessageId);
    }
    if (messageIds.size >= MIN_MESSAGES) break;
  }
  return { history, batch, config: plan.config };
}

function firstRowPerMessage(events: readonly TEmailEvent[]): TEmailEvent[] {
  return [...new Map(events.map((event) => [event.networkMessageId, event] as const)).values()];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
