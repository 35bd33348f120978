import "server-only";
import { prisma } from "@/server/db";
import { toColumnArrays, unnestInsertSql } from "./columnar-insert";
import { EMAIL_ATTACHMENT_COLUMNS, EMAIL_EVENT_COLUMNS, EMAIL_URL_COLUMNS, toChildRecords } from "./email-event-records";
import { ZEmailEventBatch, type TEmailEvent, type TEmailEventInput } from "./ingestion.schemas";

export const EMAIL_EVENT_BATCH_SIZE = 5_000;

export type IngestEmailEventsOptions = {
  /** Also return the ids of the EmailEvent rows this call inserted (for detections that look at new mail). */
  returnInserted?: boolean;
  batchSize?: number;
};

export type IngestEmailEventsResult = {
  received: number;
  inserted: number;
  /** Rows already stored (or repeated within the input): skipped, never doubled. */
  duplicates: number;
  insertedIds?: bigint[];
};

const insertEvents = (returning: boolean) =>
  unnestInsertSql("EmailEvent", EMAIL_EVENT_COLUMNS, {
    conflictTarget: ["networkMessageId", "recipientEmailAddress"],
    returning: returning ? "id" : undefined,
  });
const INSERT_EVENTS = insertEvents(false);
const INSERT_EVENTS_RETURNING = insertEvents(true);
const INSERT_URLS = unnestInsertSql("EmailUrlInfo", EMAIL_URL_COLUMNS, { conflictTarget: ["networkMessageId", "url"] });
const INSERT_ATTACHMENTS = unnestInsertSql("EmailAttachmentInfo", EMAIL_ATTACHMENT_COLUMNS, {
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
  { returnInserted = false, batchSize = EMAIL_EVENT_BATCH_SIZE }: IngestEmailEventsOptions = {},
): Promise<IngestEmailEventsResult> {
  const events = ZEmailEventBatch.parse(rows);
  const insertedIds: bigint[] = [];
  let inserted = 0;
  for (let start = 0; start < events.length; start += batchSize) {
    const batch = events.slice(start, start + batchSize);
    const ids = await insertBatch(batch, returnInserted);
    inserted += typeof ids === "number" ? ids : ids.length;
    if (typeof ids !== "number") insertedIds.push(...ids);
  }
  const result = { received: rows.length, inserted, duplicates: rows.length - inserted };
  return returnInserted ? { ...result, insertedIds } : result;
}

async function insertBatch(batch: readonly TEmailEvent[], returnInserted: boolean): Promise<number | bigint[]> {
  const eventColumns = toColumnArrays(batch, EMAIL_EVENT_COLUMNS);
  const { urls, attachments } = toChildRecords(batch);
  return prisma.$transaction(
    async (tx) => {
      const inserted = returnInserted
        ? (await tx.$queryRawUnsafe<{ id: bigint }[]>(INSERT_EVENTS_RETURNING, ...eventColumns)).map((row) => row.id)
        : await tx.$executeRawUnsafe(INSERT_EVENTS, ...eventColumns);
      if (urls.length) await tx.$executeRawUnsafe(INSERT_URLS, ...toColumnArrays(urls, EMAIL_URL_COLUMNS));
      if (attachments.length) await tx.$executeRawUnsafe(INSERT_ATTACHMENTS, ...toColumnArrays(attachments, EMAIL_ATTACHMENT_COLUMNS));
      return inserted;
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
}
