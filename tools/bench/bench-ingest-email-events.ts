import pg from "pg";
import {
  EMAIL_ATTACHMENT_COLUMNS,
  EMAIL_EVENT_COLUMNS,
  EMAIL_URL_COLUMNS,
  toChildRecords,
} from "@/server/ingestion/email-event-records";
import { ingestEmailEvents } from "@/server/ingestion/ingest-email-events";
import { ZEmailEventBatch, type TEmailEvent, type TEmailEventInput } from "@/server/ingestion/ingestion.schemas";
import { generateOrg } from "@/server/simulator/org/generate-org";
import type { BenchContext } from "./bench.types";
import { copyRows } from "./copy-rows";

const TABLES = `"EmailEvent", "EmailUrlInfo", "EmailAttachmentInfo"`;
const WARM_UP_ROWS = 2_000;

/**
 * The ingestion path (validation, derivation, set-based INSERT ... ON CONFLICT through Prisma) against the floor
 * PostgreSQL offers: COPY of the very same rows, already validated, with no conflict handling. Both write the
 * three tables into empty tables with their indexes, in the same run, on the same server.
 */
export async function benchIngestEmailEvents({ databaseUrl, rows: wanted, rounds, log }: BenchContext) {
  const rows = simulatedRows(wanted);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const validated = ZEmailEventBatch.parse(rows);
    const { urls, attachments } = toChildRecords(validated);
    log(
      `ingestEmailEvents: ${rows.length} rows, ${urls.length} URL rows, ${attachments.length} attachment rows, ${rounds} rounds`,
    );

    // Both paths once on a small batch first, so neither pays for JIT compilation, Prisma's start-up or a cold pool.
    // Storage against COPY: the detection engine's share is measured on its own (judgeIngestedMail).
    await ingestEmailEvents(rows.slice(0, WARM_UP_ROWS), { judge: false });
    await reset(client);
    await copyAll(client, validated.slice(0, WARM_UP_ROWS));

    // Alternating rounds, reported by their medians: other work on the machine then weighs on both paths alike.
    const ingestTimes: number[] = [];
    const copyTimes: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      await reset(client);
      ingestTimes.push(
        await timed(async () => {
          const result = await ingestEmailEvents(rows, { judge: false });
          if (result.inserted !== rows.length)
            throw new Error(`ingestion inserted ${result.inserted} of ${rows.length} rows`);
        }),
      );
      await reset(client);
      copyTimes.push(
        await timed(async () => {
          const copied = await copyAll(client, validated);
          if (copied !== rows.length) throw new Error(`COPY loaded ${copied} of ${rows.length} rows`);
        }),
      );
      log(
        `ingestEmailEvents: round ${round}: ingestion ${ingestTimes.at(-1)!.toFixed(0)} ms, COPY ${copyTimes.at(-1)!.toFixed(0)} ms`,
      );
    }

    const ingestMs = median(ingestTimes);
    const copyMs = median(copyTimes);
    const ingestRowsPerSecond = Math.round((rows.length * 1000) / ingestMs);
    const copyRowsPerSecond = Math.round((rows.length * 1000) / copyMs);
    return {
      rows: rows.length,
      urlRows: urls.length,
      attachmentRows: attachments.length,
      rounds,
      ingestMs: Math.round(ingestMs),
      copyMs: Math.round(copyMs),
      ingestRowsPerSecond,
      copyRowsPerSecond,
      ratio: Number((ingestRowsPerSecond / copyRowsPerSecond).toFixed(2)),
    };
  } finally {
    await client.end();
  }
}

// Realistic rows (the org scenario's mail), made once in memory before anything is timed.
export function simulatedRows(wanted: number): TEmailEventInput[] {
  const plan = generateOrg({ seed: 1, days: 365, mailboxes: 200, now: new Date("2025-01-01T00:00:00Z") });
  let rows: TEmailEventInput[] = [];
  for (const { mail } of plan.days()) {
    rows = rows.concat(mail);
    if (rows.length >= wanted) break;
  }
  return rows.slice(0, wanted);
}

// What COPY is timed doing: deriving the URL and attachment rows and streaming all three tables in one transaction.
async function copyAll(client: pg.Client, events: readonly TEmailEvent[]): Promise<number> {
  await client.query("BEGIN");
  const copied = await copyRows(client, "EmailEvent", EMAIL_EVENT_COLUMNS, events);
  const { urls, attachments } = toChildRecords(events);
  await copyRows(client, "EmailUrlInfo", EMAIL_URL_COLUMNS, urls);
  await copyRows(client, "EmailAttachmentInfo", EMAIL_ATTACHMENT_COLUMNS, attachments);
  await client.query("COMMIT");
  return copied;
}

// Empty tables, and dirty pages flushed, so that one run does not pay for the other's writes.
async function reset(client: pg.Client): Promise<void> {
  await client.query(`TRUNCATE ${TABLES}`);
  await client.query("CHECKPOINT").catch(() => undefined);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
