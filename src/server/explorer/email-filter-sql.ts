import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { resolveWindow, type TEmailFilters, type TExplorerView, type TThreatFilter } from "./explorer.schemas";

// The one translation of Explorer filters into SQL over `"EmailEvent" e`, shared by the list, the capped count and
// the volume chart so the three always agree. Raw SQL because URL and attachment filters are EXISTS subqueries on
// tables Prisma has no relation to; every value is a bound parameter.

/** Escapes LIKE's wildcards so a user's `%` or `_` matches itself. */
export const likeEscape = (value: string) => value.replace(/[\\%_]/g, "\\$&");

// Timestamps are stored as UTC wall-clock `timestamp(3)`; casting the ISO text drops its `Z`, which is exactly UTC.
const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

const reversed = (text: string) => [...text].reverse().join("");

/** `alice@contoso.com` matches that address; `contoso.com` or `@contoso.com` the domain and its subdomains. */
function addressCondition(value: string, addressColumn: Prisma.Sql, domainColumn: Prisma.Sql | null): Prisma.Sql {
  if (value.includes("@") && !value.startsWith("@")) return Prisma.sql`${addressColumn} = ${value}`;
  const domain = value.replace(/^@/, "");
  const subdomains = `%.${likeEscape(domain)}`;
  // Spelled backwards, "the domain or a subdomain of it" is an equality or a prefix, which the index on the
  // reversed domain (migration explorer_indexes) finds; a trailing LIKE '%.domain' would read the whole window.
  // Both lie in one byte-order range ('.' sorts just before '/'), written with text_pattern_ops' operators as the
  // index is: without it the planner guessed the OR at a thousand rows of a day and filtered the whole day's rows
  // through reverse() on the timestamp index (2,297 buffers, 56 ms at 1M rows), instead of the index's 1,102.
  if (domainColumn) {
    const column = Prisma.sql`reverse(${domainColumn})`;
    return Prisma.sql`(${column} ~>=~ ${reversed(domain)} and ${column} ~<~ ${`${reversed(domain)}/`}
      and (${column} = ${reversed(domain)} or ${column} like ${`${likeEscape(reversed(domain))}.%`}))`;
  }
  return Prisma.sql`(${addressColumn} like ${`%@${likeEscape(domain)}`} or ${addressColumn} like ${`%@${subdomains}`})`;
}

function threatCondition(threats: readonly TThreatFilter[]): Prisma.Sql {
  const parts = threats.map((threat) => {
    if (threat === "any") return Prisma.sql`e."threatTypes" <> ''`;
    if (threat === "None") return Prisma.sql`e."threatTypes" = ''`;
    // ThreatTypes holds "Phish, Spam"-style lists, so "contains" is the match. The `<> ''` is implied, and written
    // so that the planner may use the partial index of messages with a threat (a few percent of the rows).
    return Prisma.sql`(e."threatTypes" <> '' and e."threatTypes" like ${`%${threat}%`})`;
  });
  return Prisma.sql`(${Prisma.join(parts, " or ")})`;
}

// A message's URL rows carry its timestamp (of its first recipient's row): a day either side of the window bounds
// the URL lookup in time without losing a message whose recipients were stamped apart.
const URL_TIME_SLACK_MS = 86_400_000;

const VIEW_CONDITIONS: Record<Exclude<TExplorerView, "all">, Prisma.Sql> = {
  malware: threatCondition(["Malware"]),
  phish: threatCondition(["Phish"]),
  // The reporter's own copy of each message users reported (Defender's Submissions view, formerly User-reported).
  submissions: Prisma.sql`exists (select 1 from "Submission" s where s."networkMessageId" = e."networkMessageId" and lower(s.reporter) = e."recipientEmailAddress")`,
};

const inList = (column: Prisma.Sql, values: readonly string[]) => Prisma.sql`${column} in (${Prisma.join(values)})`;

/** The WHERE clause (without the keyword) for `"EmailEvent" e`; the window is always bounded. */
export function emailWhereSql(filters: TEmailFilters, now = new Date()): Prisma.Sql {
  const { from, to } = resolveWindow(filters, now);
  const conditions: Prisma.Sql[] = [Prisma.sql`e."timestamp" >= ${at(from)}`, Prisma.sql`e."timestamp" < ${at(to)}`];
  if (filters.view && filters.view !== "all") conditions.push(VIEW_CONDITIONS[filters.view]);
  if (filters.sender)
    conditions.push(
      addressCondition(filters.sender, Prisma.sql`e."senderFromAddress"`, Prisma.sql`e."senderFromDomain"`),
    );
  if (filters.recipient)
    conditions.push(addressCondition(filters.recipient, Prisma.sql`e."recipientEmailAddress"`, null));
  if (filters.subject) conditions.push(Prisma.sql`e."subject" ilike ${`%${likeEscape(filters.subject)}%`}`);
  if (filters.senderIp) conditions.push(Prisma.sql`e."senderIPv4" = ${filters.senderIp}`);
  if (filters.senderDomain)
    conditions.push(Prisma.sql`e."senderFromDomain" = ${filters.senderDomain.replace(/^@/, "")}`);
  if (filters.urlDomain) {
    conditions.push(
      // The domain's messages first (an array, so the planner cannot start from the window's rows instead: it did,
      // probing the URL index once per message of the week, 700 ms), then their rows by the unique index.
      Prisma.sql`e."networkMessageId" = any (array(select u."networkMessageId" from "EmailUrlInfo" u where u."urlDomain" = ${filters.urlDomain}
        and u."timestamp" >= ${at(new Date(from.getTime() - URL_TIME_SLACK_MS))} and u."timestamp" < ${at(new Date(to.getTime() + URL_TIME_SLACK_MS))}))`,
    );
  }
  if (filters.sha256) {
    // Attachment rows are per recipient: matching on the recipient too uses the whole unique index.
    conditions.push(
      Prisma.sql`exists (select 1 from "EmailAttachmentInfo" a where a."networkMessageId" = e."networkMessageId" and a."recipientEmailAddress" = e."recipientEmailAddress" and a."sha256" = ${filters.sha256})`,
    );
  }
  if (filters.threat) conditions.push(threatCondition(filters.threat));
  if (filters.direction) conditions.push(inList(Prisma.sql`e."emailDirection"`, filters.direction));
  if (filters.deliveryAction) conditions.push(inList(Prisma.sql`e."deliveryAction"`, filters.deliveryAction));
  if (filters.location) conditions.push(inList(Prisma.sql`e."latestDeliveryLocation"`, filters.location));
  if (filters.additionalAction) {
    conditions.push(
      Prisma.sql`exists (select 1 from unnest(e."additionalActions") action where action ilike ${`%${likeEscape(filters.additionalAction)}%`})`,
    );
  }
  return Prisma.join(conditions, " and ");
}

const SORT_COLUMNS = {
  timestamp: Prisma.sql`e."timestamp"`,
  senderFromAddress: Prisma.sql`e."senderFromAddress"`,
  recipientEmailAddress: Prisma.sql`e."recipientEmailAddress"`,
  // As its index (migration explorer_indexes) orders it: subjects equal in their first 200 characters go by time.
  subject: Prisma.sql`left(e."subject", 200)`,
} as const;

export type TEmailSortField = keyof typeof SORT_COLUMNS;

/** The sort keys, in order: the field, then the timestamp and the id in the same direction, so paging is stable. */
function sortKeys(field: TEmailSortField): Prisma.Sql[] {
  return field === "timestamp"
    ? [SORT_COLUMNS.timestamp, Prisma.sql`e."id"`]
    : [SORT_COLUMNS[field], SORT_COLUMNS.timestamp, Prisma.sql`e."id"`];
}

/** The sort keys under the names of a candidates CTE (see searchEmailStatements): "sortKey", "timestamp", "id". */
export function candidateKeysSql(field: TEmailSortField): Prisma.Sql {
  return field === "timestamp"
    ? Prisma.sql`e."timestamp", e."id"`
    : Prisma.sql`${SORT_COLUMNS[field]} as "sortKey", e."timestamp", e."id"`;
}

export function candidateOrderSql(field: TEmailSortField, direction: "asc" | "desc"): Prisma.Sql {
  const dir = Prisma.raw(direction);
  const keys = field === "timestamp" ? ["timestamp", "id"] : ["sortKey", "timestamp", "id"];
  return Prisma.join(
    keys.map((key) => Prisma.sql`c.${Prisma.raw(`"${key}"`)} ${dir}`),
    ", ",
  );
}

/**
 * ORDER BY for a validated sort. Ties follow the sort's direction (rather than always newest first) so that each
 * sort is one index read forwards or backwards: (field, timestamp, id) serves both directions.
 */
export function emailOrderSql(field: TEmailSortField, direction: "asc" | "desc"): Prisma.Sql {
  const dir = Prisma.raw(direction);
  return Prisma.join(
    sortKeys(field).map((key) => Prisma.sql`${key} ${dir}`),
    ", ",
  );
}
