import "server-only";
import { z } from "zod";
import { prisma } from "@/server/db";
import { jsonRowsInsertSql, toJsonRows } from "./columnar-insert";
import {
  EMAIL_ATTACHMENT_COLUMNS,
  EMAIL_EVENT_COLUMNS,
  EMAIL_URL_COLUMNS,
  toChildRecords,
} from "./email-event-records";
import { ZEmailEventBatch, type TEmailEvent, type TEmailEventInput } from "./ingestion.schemas";
import { judgeEmailEvents, type TStoredEmailEvent } from "./judge-email-events";

export const EMAIL_EVENT_BATCH_SIZE = 5_000;

export type IngestEmailEventsOptions = {
  /** Also return the ids of the EmailEvent rows this call inserted (for detections that look at new mail). */
  returnInserted?: boolean;
  batchSize?: number;
  /** Batches written at once, each on its own connection and in its own transaction. */
  concurrency?: number;
  /**
   * Judge inbound rows that carry no verdict with the detection engine (judge-email-events.ts); on by default. Off
   * only for storage measurements that compare with a raw COPY.
   */
  judge?: boolean;
};

export type IngestEmailEventsResult = {
  received: number;
  inserted: number;
  /** Rows already stored, or repeated within the input: skipped, never doubled. */
  duplicates: number;
  insertedIds?: bigint[];
};

// EmailEvent is partitioned by month, so no unique index can hold (networkMessageId, recipientEmailAddress): its
// key trigger skips a row whose key is stored (see EmailEventKey in schema.prisma).
const INSERT_EVENTS = jsonRowsInsertSql("EmailEvent", EMAIL_EVENT_COLUMNS, { conflictTarget: null });
const INSERT_EVENTS_RETURNING = jsonRowsInsertSql("EmailEvent", EMAIL_EVENT_COLUMNS, {
  conflictTarget: null,
  returning: "id",
});
const INSERT_URLS = jsonRowsInsertSql("EmailUrlInfo", EMAIL_URL_COLUMNS, {
  conflictTarget: ["networkMessageId", "url"],
});
const INSERT_ATTACHMENTS = jsonRowsInsertSql("EmailAttachmentInfo", EMAIL_ATTACHMENT_COLUMNS, {
  conflictTarget: ["networkMessageId", "recipientEmailAddress", "sha256"],
});

/**
 * Stores EmailEvents rows with their URL and attachment rows, idempotent on (networkMessageId,
 * recipientEmailAddress): a re-sent row is counted as a duplicate, never doubled. Rows are validated and
 * written in batches, each one transaction of three set-based statements, two batches at a time so that
 * validating one overlaps writing another. A call of up to one batch is all-or-nothing; in a longer one, a bad
 * row stops the call with a ZodError whose path names its index in `rows` and its field, and batches before it
 * may already be stored (re-sending the whole call is safe).
 */
export async function ingestEmailEvents(
  rows: readonly TEmailEventInput[],
  options: IngestEmailEventsOptions & { returnInserted: true },
): Promise<IngestEmailEventsResult & { insertedIds: bigint[] }>;
export async function ingestEmailEvents(
  rows: readonly TEmailEventInput[],
  options?: IngestEmailEventsOptions,
): Promise<IngestEmailEventsResult>;
export async function ingestEmailEvents(
  rows: readonly TEmailEventInput[],
  {
    returnInserted = false,
    batchSize = EMAIL_EVENT_BATCH_SIZE,
    concurrency = 2,
    judge = true,
  }: IngestEmailEventsOptions = {},
): Promise<IngestEmailEventsResult> {
  const seen = new Set<string>();
  const starts = Array.from({ length: Math.ceil(rows.length / batchSize) }, (_, i) => i * batchSize);
  const results = await mapConcurrently(starts, concurrency, async (start) => {
    const batch = validBatch(rows, start, batchSize).filter((event) => isFirstSighting(seen, event));
    if (!batch.length) return 0;
    return insertBatch(judge ? await judgeEmailEvents(batch) : batch, returnInserted);
  });
  const inserted = results.reduce<number>(
    (sum, result) => sum + (typeof result === "number" ? result : result.length),
    0,
  );
  const counts = { received: rows.length, inserted, duplicates: rows.length - inserted };
  return returnInserted
    ? { ...counts, insertedIds: results.flatMap((result) => (typeof result === "number" ? [] : result)) }
    : counts;
}

function validBatch(rows: readonly TEmailEventInput[], start: number, batchSize: number): TEmailEvent[] {
  const parsed = ZEmailEventBatch.safeParse(rows.slice(start, start + batchSize));
  if (parsed.success) return parsed.data;
  throw new z.ZodError(
    parsed.error.issues.map((issue) => ({ ...issue, path: [start + Number(issue.path[0]), ...issue.path.slice(1)] })),
  );
}

// Two concurrent batches holding the same key would wait on each other's uncommitted row; keeping each key in
// the first batch that has it rules that out, and spares the database rows it would skip anyway.
function isFirstSighting(seen: Set<string>, event: TEmailEvent): boolean {
  const key = `${event.networkMessageId} ${event.recipientEmailAddress}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

async function insertBatch(batch: readonly TStoredEmailEvent[], returnInserted: boolean): Promise<number | bigint[]> {
  const eventRows = toJsonRows(batch, EMAIL_EVENT_COLUMNS);
  const { urls, attachments } = toChildRecords(batch);
  const urlRows = urls.length ? toJsonRows(urls, EMAIL_URL_COLUMNS) : null;
  const attachmentRows = attachments.length ? toJsonRows(attachments, EMAIL_ATTACHMENT_COLUMNS) : null;
  return prisma.$transaction(
    async (tx) => {
      const inserted = returnInserted
        ? (await tx.$queryRawUnsafe<{ id: bigint }[]>(INSERT_EVENTS_RETURNING, eventRows)).map((row) => row.id)
        : await tx.$executeRawUnsafe(INSERT_EVENTS, eventRows);
      if (urlRows) await tx.$executeRawUnsafe(INSERT_URLS, urlRows);
      if (attachmentRows) await tx.$executeRawUnsafe(INSERT_ATTACHMENTS, attachmentRows);
      return inserted;
    },
    { maxWait: 60_000, timeout: 300_000 },
  );
}

// Runs `run` on the items, at most `limit` at a time, in order. After a failure no new item starts, and the
// error is thrown only once the running ones have settled, so nothing is still writing when the caller hears.
async function mapConcurrently<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await run(items[index]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}
