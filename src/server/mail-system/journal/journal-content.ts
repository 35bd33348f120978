import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { jsonRowsInsertSql, toJsonRows } from "@/server/ingestion/columnar-insert";
import {
  EMAIL_ATTACHMENT_COLUMNS,
  EMAIL_URL_COLUMNS,
  emailClusterId,
  joinThreatTypes,
  jsonOrEmpty,
  type AttachmentRecord,
  type UrlRecord,
} from "@/server/ingestion/email-event-records";
import { ZEmailUrlInput } from "@/server/ingestion/ingestion.schemas";
import type { TParsedMessage } from "@/server/submissions/parse-eml";
import { prisma } from "@/server/db";
import { emailFrom } from "@/server/verdicts/email-input";
import { judgeEmails } from "@/server/verdicts/judge-emails";
import { threatColumns, type TThreatColumns } from "@/server/verdicts/threat-columns";

// A message's content (URLs, attachments, body fingerprint) comes from its journal copy, matched to the log's rows by
// Message-ID, in either order: the journal reader fills the rows already ingested, and the log follower gives a row
// it ingests later (a recipient deferred for hours) what its message's earlier rows already have.

type Tx = Prisma.TransactionClient;

const INSERT_URLS = jsonRowsInsertSql("EmailUrlInfo", EMAIL_URL_COLUMNS, {
  conflictTarget: ["networkMessageId", "url"],
});
const INSERT_ATTACHMENTS = jsonRowsInsertSql("EmailAttachmentInfo", EMAIL_ATTACHMENT_COLUMNS, {
  conflictTarget: ["networkMessageId", "recipientEmailAddress", "sha256"],
});

// The journal reader filling a message's rows and the follower inserting another row of it must not pass each other
// (each would miss what the other has not committed): both first take a transaction lock for the Message-ID.
// Message-IDs share 64 locks, so that a batch of thousands takes at most 64 (PostgreSQL's lock table is small).
const CONTENT_LOCK_CLASS = 0x42574a43; // "BWJC"
const CONTENT_LOCKS = 64;

/** Locks the given Message-IDs' content until the transaction ends; in one order, so two callers never deadlock. */
export async function lockMessageContent(tx: Tx, internetMessageIds: readonly string[]): Promise<void> {
  if (!internetMessageIds.length) return;
  await tx.$executeRaw`
    select pg_advisory_xact_lock(${CONTENT_LOCK_CLASS}::int, bucket)
    from (select distinct abs(hashtext(id)) % ${CONTENT_LOCKS}::int as bucket from unnest(${[...internetMessageIds]}::text[]) as id order by 1) as buckets`;
}

type TTarget = { networkMessageId: string; recipientEmailAddress: string; senderFromAddress: string; timestamp: Date };

export type TJournalCopy = { message: TParsedMessage & { internetMessageId: string }; receivedAt: Date };

/**
 * Judges a pass's copies with the detection engine in one batch (the store read once for all), then attaches each
 * copy's content and verdict in its own transaction. Returns how many copies filled rows (one read again fills none).
 */
export async function attachJournalCopies(copies: readonly TJournalCopy[]): Promise<number> {
  const verdicts = await judgeEmails(
    copies.map(({ message, receivedAt }) => ({
      email: emailFrom(message),
      receivedAt,
      bodyFingerprint: message.bodyFingerprint,
    })),
  );
  let attached = 0;
  for (const [index, { message }] of copies.entries()) {
    const { updated } = await prisma.$transaction((tx) =>
      attachJournalContent(tx, message, threatColumns(verdicts[index])),
    );
    if (updated > 0) attached++;
  }
  return attached;
}

/**
 * Gives the rows of one Message-ID that have no content yet the journal copy's, and its inbound rows the detection
 * engine's verdict on the copy (the log carries none of its own). `matched` counts every row of that Message-ID,
 * filled now or before: 0 means the log has not produced them yet. Idempotent: a copy read twice changes nothing.
 */
export async function attachJournalContent(
  tx: Tx,
  message: TParsedMessage & { internetMessageId: string },
  verdict: TThreatColumns | null = null,
): Promise<{ matched: number; updated: number }> {
  await lockMessageContent(tx, [message.internetMessageId]);
  const [{ matched }] = await tx.$queryRaw<
    { matched: number }[]
  >`select count(*)::int as matched from "EmailEvent" where "internetMessageId" = ${message.internetMessageId}`;
  if (!matched) return { matched, updated: 0 };
  const targets = await tx.$queryRaw<TTarget[]>`
    select "networkMessageId"::text as "networkMessageId", "recipientEmailAddress", "senderFromAddress", timestamp from "EmailEvent"
    where "internetMessageId" = ${message.internetMessageId} and "bodyFingerprint" is null for update`;
  if (!targets.length) return { matched, updated: 0 };

  const urls = message.urls.filter((entry) => ZEmailUrlInput.safeParse({ url: entry.url }).success);
  const urlRecords: UrlRecord[] = [...new Set(targets.map((target) => target.networkMessageId))].flatMap(
    (networkMessageId) => {
      const timestamp = targets.find((target) => target.networkMessageId === networkMessageId)!.timestamp.toISOString();
      return urls.map((entry) => ({
        timestamp,
        networkMessageId,
        url: entry.url,
        urlDomain: entry.domain,
        urlLocation: "Body",
      }));
    },
  );
  const attachmentRecords: AttachmentRecord[] = targets.flatMap((target) =>
    uniqueBySha(message.attachments).map((file) => ({
      timestamp: target.timestamp.toISOString(),
      networkMessageId: target.networkMessageId,
      senderFromAddress: target.senderFromAddress,
      recipientEmailAddress: target.recipientEmailAddress,
      fileName: file.fileName.slice(0, 255) || "(no name)",
      fileType: fileType(file.fileName, file.contentType),
      sha256: file.sha256,
      fileSize: file.size,
      threatTypes: "",
    })),
  );
  if (urlRecords.length) await tx.$executeRawUnsafe(INSERT_URLS, toJsonRows(urlRecords, EMAIL_URL_COLUMNS));
  if (attachmentRecords.length)
    await tx.$executeRawUnsafe(INSERT_ATTACHMENTS, toJsonRows(attachmentRecords, EMAIL_ATTACHMENT_COLUMNS));
  // The parsed Subject replaces the log's, which Postfix may have cut or printed a folded line's break in as "?".
  if (verdict) {
    await tx.$executeRaw`
      update "EmailEvent" set "threatTypes" = ${joinThreatTypes(verdict.threatTypes)}, "threatNames" = ${verdict.threatNames.join(", ")},
        "detectionMethods" = ${jsonOrEmpty(verdict.detectionMethods)}, "confidenceLevel" = ${jsonOrEmpty(verdict.confidenceLevel)},
        "bulkComplaintLevel" = ${verdict.bulkComplaintLevel}
      where "internetMessageId" = ${message.internetMessageId} and "bodyFingerprint" is null and "emailDirection" = 'Inbound'`;
  }
  const updated = await tx.$executeRaw`
    update "EmailEvent" set "bodyFingerprint" = ${message.bodyFingerprint}, "emailClusterId" = ${emailClusterId(message.bodyFingerprint)}::bigint, "urlCount" = ${urls.length},
      "attachmentCount" = ${uniqueBySha(message.attachments).length}, subject = coalesce(nullif(${message.subject.slice(0, 1000)}, ''), subject)
    where "internetMessageId" = ${message.internetMessageId} and "bodyFingerprint" is null`;
  return { matched, updated };
}

// The content rows of a sibling already filled (same Message-ID), copied for each new row; then its counts and
// fingerprint. The sibling's URL rows belong to its NetworkMessageId, its attachment rows to its recipient too.
const SIBLINGS = `
  with fresh as (
    select id, "networkMessageId", "internetMessageId", "recipientEmailAddress", "senderFromAddress", timestamp
    from "EmailEvent" where id = any($1::bigint[]) and "bodyFingerprint" is null
  ), pair as (
    select distinct on (f.id) f.*, s."networkMessageId" as "fromMessage", s."recipientEmailAddress" as "fromRecipient",
      s."bodyFingerprint" as fingerprint, s."urlCount" as "urls", s."attachmentCount" as "attachments", s.subject as "fromSubject",
      s."threatTypes", s."threatNames", s."detectionMethods", s."confidenceLevel", s."bulkComplaintLevel", s."emailClusterId", s."emailDirection" as "fromDirection"
    from fresh f join "EmailEvent" s on s."internetMessageId" = f."internetMessageId" and s."bodyFingerprint" is not null
    order by f.id, s.id
  )`;

/** For rows the follower has just inserted: the content their Message-ID's journal copy already gave other rows. */
export async function copyJournalContent(tx: Tx, insertedIds: readonly bigint[]): Promise<void> {
  const ids = [...insertedIds];
  await tx.$executeRawUnsafe(
    `${SIBLINGS}
    insert into "EmailUrlInfo" (timestamp, "networkMessageId", url, "urlDomain", "urlLocation", "reportId")
    select distinct on (p."networkMessageId", u.url) p.timestamp, p."networkMessageId", u.url, u."urlDomain", u."urlLocation", p."networkMessageId"::text
    from pair p join "EmailUrlInfo" u on u."networkMessageId" = p."fromMessage"
    on conflict ("networkMessageId", url) do nothing`,
    ids,
  );
  await tx.$executeRawUnsafe(
    `${SIBLINGS}
    insert into "EmailAttachmentInfo" (timestamp, "networkMessageId", "senderFromAddress", "recipientEmailAddress", "fileName", "fileType", sha256, "fileSize", "threatTypes", "reportId")
    select p.timestamp, p."networkMessageId", p."senderFromAddress", p."recipientEmailAddress", a."fileName", a."fileType", a.sha256, a."fileSize", a."threatTypes",
      p."networkMessageId"::text || '-' || p."recipientEmailAddress"
    from pair p join "EmailAttachmentInfo" a on a."networkMessageId" = p."fromMessage" and a."recipientEmailAddress" = p."fromRecipient"
    on conflict ("networkMessageId", "recipientEmailAddress", sha256) do nothing`,
    ids,
  );
  // The journal copy's verdict, for an inbound row whose sibling had it (computed on the same copy); before the
  // fingerprint below, which takes the row out of `fresh`.
  await tx.$executeRawUnsafe(
    `${SIBLINGS}
    update "EmailEvent" e set "threatTypes" = p."threatTypes", "threatNames" = p."threatNames", "detectionMethods" = p."detectionMethods",
      "confidenceLevel" = p."confidenceLevel", "bulkComplaintLevel" = p."bulkComplaintLevel"
    from pair p where e.id = p.id and e."emailDirection" = 'Inbound' and p."fromDirection" = 'Inbound'`,
    ids,
  );
  await tx.$executeRawUnsafe(
    `${SIBLINGS}
    update "EmailEvent" e set "bodyFingerprint" = p.fingerprint, "urlCount" = p.urls, "attachmentCount" = p.attachments, subject = p."fromSubject",
      "emailClusterId" = p."emailClusterId"
    from pair p where e.id = p.id`,
    ids,
  );
}

function uniqueBySha<T extends { sha256: string }>(files: readonly T[]): T[] {
  return [...new Map(files.map((file) => [file.sha256, file])).values()];
}

// Defender's FileType is the kind of file ("pdf", "zip"): the name's extension, else the MIME subtype.
function fileType(fileName: string, contentType: string): string {
  const extension = /\.([a-z0-9]{1,16})$/i.exec(fileName)?.[1];
  return (extension ?? contentType.split("/").pop() ?? "unknown").toLowerCase().slice(0, 64) || "unknown";
}
