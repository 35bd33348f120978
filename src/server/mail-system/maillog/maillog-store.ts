import "server-only";
import { prisma } from "@/server/db";
import { jsonRowsInsertSql, toJsonRows } from "@/server/ingestion/columnar-insert";
import { EMAIL_EVENT_COLUMNS } from "@/server/ingestion/email-event-records";
import type { TEmailEvent } from "@/server/ingestion/ingestion.schemas";
import { copyJournalContent, lockMessageContent } from "../journal/journal-content";
import type { TMessageState } from "./parse-maillog";

// The follower's progress in the database: its place in the file (MaillogCursor) and the messages it has seen
// only part of (MaillogPending, as { path, message }: each log file's follower loads only its own), both written
// in the transaction that stores the rows those lines produced.

export type TMaillogCursor = { inode: string; offset: number; updatedAt: Date };

export type TMaillogPosition = { inode: string; offset: number };

export type TMaillogBatch = {
  path: string;
  /** Where this batch's lines start: the batch is refused if the stored cursor is elsewhere. */
  from: TMaillogPosition | null;
  to: TMaillogPosition;
  /** Validated rows; the log carries no URLs or attachments (the journal adds them). */
  events: readonly TEmailEvent[];
  changedMessages: Readonly<Record<string, TMessageState>>;
  /** Keys (messageKey) of the messages this batch completed. */
  removedKeys: readonly string[];
};

// The ingestion's own statement and columns, so these rows are exactly what POST /api/v1/ingestion writes; run here
// inside the follower's transaction instead of ingestEmailEvents' own (EmailEvent's key trigger skips repeats).
const INSERT_EVENTS = jsonRowsInsertSql("EmailEvent", EMAIL_EVENT_COLUMNS, {
  conflictTarget: null,
  returning: "id",
});

const UPSERT_PENDING = `
  INSERT INTO "MaillogPending" ("key", "data", "updatedAt")
  SELECT r->>0, jsonb_build_object('path', $2::text, 'message', r->1), CURRENT_TIMESTAMP
  FROM jsonb_array_elements(convert_from($1::bytea, 'UTF8')::jsonb) AS r
  ON CONFLICT ("key") DO UPDATE SET "data" = EXCLUDED."data", "updatedAt" = EXCLUDED."updatedAt"`;

export async function loadMaillogProgress(
  path: string,
): Promise<{ cursor: TMaillogCursor | null; messages: Record<string, TMessageState> }> {
  const [cursor, pending] = await Promise.all([
    prisma.maillogCursor.findUnique({ where: { path } }),
    prisma.maillogPending.findMany({ where: { data: { path: ["path"], equals: path } } }),
  ]);
  return {
    cursor: cursor && { inode: cursor.inode, offset: Number(cursor.offset), updatedAt: cursor.updatedAt },
    messages: Object.fromEntries(pending.map((row) => [row.key, (row.data as { message: TMessageState }).message])),
  };
}

/** Another follower of the same file moved the cursor first: reload the progress and go on from there. */
export class MaillogCursorMoved extends Error {
  constructor(path: string) {
    super(`another follower of ${path} moved its cursor`);
    this.name = "MaillogCursorMoved";
  }
}

/**
 * Stores one batch all or nothing; returns the ids of the EmailEvent rows it inserted. The cursor row is locked and
 * compared with `from`, so two followers of one file (a worker on each of two machines) never both apply a batch.
 */
export async function saveMaillogBatch(batch: TMaillogBatch): Promise<bigint[]> {
  const pending = Object.entries(batch.changedMessages);
  return prisma.$transaction(
    async (tx) => {
      const [stored] = await tx.$queryRaw<
        { inode: string; offset: bigint }[]
      >`select inode, "offset" from "MaillogCursor" where path = ${batch.path} for update`;
      const isSamePlace = stored
        ? batch.from !== null && stored.inode === batch.from.inode && Number(stored.offset) === batch.from.offset
        : batch.from === null;
      if (!isSamePlace) throw new MaillogCursorMoved(batch.path);
      await lockMessageContent(
        tx,
        batch.events.map((event) => event.internetMessageId),
      );
      const inserted = batch.events.length
        ? (
            await tx.$queryRawUnsafe<{ id: bigint }[]>(INSERT_EVENTS, toJsonRows(batch.events, EMAIL_EVENT_COLUMNS))
          ).map((row) => row.id)
        : [];
      if (inserted.length) await copyJournalContent(tx, inserted);
      if (pending.length)
        await tx.$executeRawUnsafe(UPSERT_PENDING, Buffer.from(JSON.stringify(pending), "utf8"), batch.path);
      if (batch.removedKeys.length)
        await tx.maillogPending.deleteMany({ where: { key: { in: [...batch.removedKeys] } } });
      const position = { inode: batch.to.inode, offset: BigInt(batch.to.offset) };
      // Two first batches at once: the second create fails on the primary key, and its follower reloads.
      if (stored) await tx.maillogCursor.update({ where: { path: batch.path }, data: position });
      else await tx.maillogCursor.create({ data: { path: batch.path, ...position } });
      return inserted;
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
}
