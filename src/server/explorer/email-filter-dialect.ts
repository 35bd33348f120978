import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { THuntingModel } from "@/lib/hunting-schema";
import { CLICKHOUSE as KQL_CLICKHOUSE, DialectUnsupportedError } from "@/server/hunting/kql/dialect";
import type { THuntingStore } from "@/server/hunting/store/hunting-store";

// Where Explorer's filter SQL differs between PostgreSQL and the ClickHouse replica of the hunting tables, and only
// there: emailWhereSql writes everything else once, in SQL both engines read alike, and renderClickHouse
// (hunting/kql/clickhouse-sql.ts) turns the ClickHouse statement's values into typed query parameters.

export type TEmailFilterDialect = {
  store: THuntingStore;
  /** A UTC time as the timestamp columns compare with it. */
  at(date: Date): Prisma.Sql;
  /** A table with its alias, as a FROM item. */
  table(model: THuntingModel, alias: string): Prisma.Sql;
  /** The domain column holds the domain or one of its subdomains. */
  domainOrSubdomain(column: Prisma.Sql, domain: string): Prisma.Sql;
  /** The column's value is one of those the subquery selects. */
  inSubquery(column: Prisma.Sql, subquery: Prisma.Sql): Prisma.Sql;
  /** The copy `e` (its message and recipient) has an attachment of this SHA-256. */
  hasAttachment(sha256: string): Prisma.Sql;
  /** One of the copy's additional actions matches an ILIKE pattern. */
  hasAdditionalAction(pattern: string): Prisma.Sql;
  /** The reporter's own copy of each message users reported (Defender's Submissions view). */
  submissions(): Prisma.Sql;
  /** The start of e."timestamp"'s day or hour. */
  bucket(interval: "day" | "hour"): Prisma.Sql;
};

const reversed = (text: string) => [...text].reverse().join("");

/** Escapes LIKE's wildcards so a user's `%` or `_` matches itself (backslash is the escape in both engines). */
export const likeEscape = (value: string) => value.replace(/[\\%_]/g, "\\$&");

export const POSTGRES_FILTERS: TEmailFilterDialect = {
  store: "postgres",
  // Timestamps are stored as UTC wall-clock `timestamp(3)`; casting the ISO text drops its `Z`, which is exactly UTC.
  at: (date) => Prisma.sql`${date.toISOString()}::timestamp(3)`,
  table: (model, alias) => Prisma.raw(`"${model}" ${alias}`),
  domainOrSubdomain: (domainColumn, domain) => {
    // Spelled backwards, "the domain or a subdomain of it" is an equality or a prefix, which the index on the
    // reversed domain (migration explorer_indexes) finds; a trailing LIKE '%.domain' would read the whole window.
    // Both lie in one byte-order range ('.' sorts just before '/'), written with text_pattern_ops' operators as the
    // index is: without it the planner guessed the OR at a thousand rows of a day and filtered the whole day's rows
    // through reverse() on the timestamp index (2,297 buffers, 56 ms at 1M rows), instead of the index's 1,102.
    const column = Prisma.sql`reverse(${domainColumn})`;
    return Prisma.sql`(${column} ~>=~ ${reversed(domain)} and ${column} ~<~ ${`${reversed(domain)}/`}
      and (${column} = ${reversed(domain)} or ${column} like ${`${likeEscape(reversed(domain))}.%`}))`;
  },
  // An array, so the planner cannot start from the window's rows instead: it did, probing the URL index once per
  // message of the week (700 ms), where the domain's messages first, then their rows by the message index, are fast.
  inSubquery: (column, subquery) => Prisma.sql`${column} = any (array(${subquery}))`,
  // Attachment rows are per recipient: matching on the recipient too uses the whole unique index.
  hasAttachment: (sha256) =>
    Prisma.sql`exists (select 1 from "EmailAttachmentInfo" a where a."networkMessageId" = e."networkMessageId" and a."recipientEmailAddress" = e."recipientEmailAddress" and a."sha256" = ${sha256})`,
  hasAdditionalAction: (pattern) =>
    Prisma.sql`exists (select 1 from unnest(e."additionalActions") action where action ilike ${pattern})`,
  submissions: () =>
    Prisma.sql`exists (select 1 from "Submission" s where s."networkMessageId" = e."networkMessageId" and lower(s.reporter) = e."recipientEmailAddress")`,
  bucket: (interval) => Prisma.sql`date_trunc(${interval}, e."timestamp")`,
};

/**
 * The replica (hunting/store/clickhouse-schema.ts): the hunting tables under their model names, read through FINAL
 * (each row's newest version, deleted rows left out), uuids as text, additionalActions an Array(String).
 */
export const CLICKHOUSE_FILTERS: TEmailFilterDialect = {
  store: "clickhouse",
  at: KQL_CLICKHOUSE.timestamp,
  table: (model, alias) => Prisma.raw(`"${model}" AS ${alias} FINAL`),
  domainOrSubdomain: (column, domain) => Prisma.sql`(${column} = ${domain} or endsWith(${column}, ${`.${domain}`}))`,
  inSubquery: (column, subquery) => Prisma.sql`${column} in (${subquery})`,
  hasAttachment: (sha256) =>
    Prisma.sql`(e."networkMessageId", e."recipientEmailAddress") in (select a."networkMessageId", a."recipientEmailAddress" from "EmailAttachmentInfo" AS a FINAL where a."sha256" = ${sha256})`,
  // The actions joined on NUL, which filter text never holds (safe-text.ts): a match cannot span two actions.
  // (ClickHouse's arrayExists takes a lambda, whose `->` renderClickHouse refuses as PostgreSQL's JSON operator.)
  hasAdditionalAction: (pattern) => Prisma.sql`arrayStringConcat(e."additionalActions", char(0)) ilike ${pattern}`,
  submissions: () => {
    throw new DialectUnsupportedError("the Submissions view (the replica holds the hunting tables, not Submission)");
  },
  bucket: (interval) => Prisma.raw(interval === "day" ? `toStartOfDay(e."timestamp")` : `toStartOfHour(e."timestamp")`),
};
