import "server-only";
import { prisma } from "@/server/db";
import { jsonRowsInsertSql, toJsonRows } from "./columnar-insert";
import { EMAIL_ATTACHMENT_COLUMNS, EMAIL_EVENT_COLUMNS, EMAIL_URL_COLUMNS, toChildRecords } from "./email-event-records";
import { ZEmailEventBatch, type TEmailEvent, type TEmailEventInput } from "./ingestion.schemas";

export const EMAIL_EVENT_BATCH_SIZE = 5_000;

export type IngestEmailEventsOptions = {
  /** Also return the ids of the EmailEvent rows this call inserted (for detections that look at new mail). */
  returnInserted?: boolean;
  batchSize?: number;
  /** Batches written at once, each on its own connection and in its own transaction. */
  concurrency?: number;
};

export type IngestEmailEventsResult = {
  received: number;
  inserted: number;
  /** Rows already stored, or repeated within the input: skipped, never doubled. */
  duplicates: number;
  insertedIds?: bigint[];
};

const INSERT_EVENTS = jsonRowsInsertSql("EmailEvent", EMAIL_EVENT_COLUMNS, { conflictTarget: ["networkMessageId", "recipientEmailAddress"] });
const INSERT_EVENTS_RETURNING = jsonRowsInsertSql("EmailEvent", EMAIL_EVENT_COLUMNS, {
  conflictTarget: ["networkMessageId", "recipientEmailAddress"],
  returning: "id",
});
const INSERT_URLS = jsonRowsInsertSql("EmailUrlInfo", EMAIL_URL_COLUMNS, { conflictTarget: ["networkMessageId", "url"] });
const INSERT_ATTACHMENTS = jsonRowsInsertSql("EmailAttachmentInfo", EMAIL_ATTACHMENT_COLUMNS, {
  conflictTarget: ["networkMessageId", "recipientEmailAddress", "sha256"],
});

/**
 * Stores EmailEvents rows with their URL and attachment rows. Every row is validated before anything is written
 * (a bad row throws a ZodError whose path names its index and field). Each batch is one transaction of three
 * set-based statements; idempotent on (networkMessageId, recipientEmailAddress), so a failed call can be re-sent.
 */
export async function ingestEmailEvents(
  rows: readonly TEmailEventInput[],
  options: IngestEmailEventsOptions & { returnInserted: true },
): Promise<IngestEmailEventsResult & { insertedIds: bigint[] }>;
export async function ingestEmailEvents(rows: readonly TEmailEventInput[], options?: IngestEmailEventsOptions): Promise<IngestEmailEventsResult>;
export async function ingestEmailEvents(
  rows: readonly TEmailEventInput[],
  { returnInserted = false, batchSize = EMAIL_EVENT_BATCH_SIZE, concurrency = 2 }: IngestEmailEventsOptions = {},
): Promise<IngestEmailEventsResult> {
  const events = uniqueEvents(ZEmailEventBatch.parse(rows));
  const batches: TEmailEvent[][] = [];
  for (let start = 0; start < events.length; start += batchSize) batches.push(events.slice(start, start + batchSize));

  const results = await mapConcurrently(batches, concurrency, (batch) => insertBatch(batch, returnInserted));
  const inserted = results.reduce<number>((sum, result) => sum + (typeof result === "number" ? result : result.length), 0);
  const counts = { received: rows.length, inserted, duplicates: rows.length - inserted };
  return returnInserted ? { ...counts, insertedIds: results.flatMap((result) => (typeof result === "number" ? [] : result)) } : counts;
}

// Two concurrent batches holding the same key would wait on each other's uncommitted row; keeping each key in
// one batch rules that out.
function uniqueEvents(events: TEmailEvent[]): TEmailEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const key = `${event.networkMessageId} ${event.recipientEmailAddress}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function insertBatch(batch: readonly TEmailEvent[], returnInserted: boolean): Promise<number | bigint[]> {
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

async function mapConcurrently<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
