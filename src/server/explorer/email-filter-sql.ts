import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { likeEscape, POSTGRES_FILTERS, type TEmailFilterDialect } from "./email-filter-dialect";
import { resolveWindow, type TEmailFilters, type TExplorerView, type TThreatFilter } from "./explorer.schemas";

// The one translation of Explorer filters into SQL over `"EmailEvent" e`, shared by the list, the capped count and
// the volume chart so the three always agree, and written once for both stores: the pieces PostgreSQL and the
// ClickHouse replica spell differently come from the dialect (email-filter-dialect.ts). Raw SQL because URL and
// attachment filters are subqueries on tables Prisma has no relation to; every value is a bound parameter.

/** `alice@contoso.com` matches that address; `contoso.com` or `@contoso.com` the domain and its subdomains. */
function addressCondition(
  value: string,
  addressColumn: Prisma.Sql,
  domainColumn: Prisma.Sql | null,
  dialect: TEmailFilterDialect,
): Prisma.Sql {
  if (value.includes("@") && !value.startsWith("@")) return Prisma.sql`${addressColumn} = ${value}`;
  const domain = value.replace(/^@/, "");
  if (domainColumn) return dialect.domainOrSubdomain(domainColumn, domain);
  return Prisma.sql`(${addressColumn} like ${`%@${likeEscape(domain)}`} or ${addressColumn} like ${`%@%.${likeEscape(domain)}`})`;
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

const VIEW_CONDITIONS: Record<Exclude<TExplorerView, "all">, (dialect: TEmailFilterDialect) => Prisma.Sql> = {
  malware: () => threatCondition(["Malware"]),
  phish: () => threatCondition(["Phish"]),
  submissions: (dialect) => dialect.submissions(),
};

const inList = (column: Prisma.Sql, values: readonly string[]) => Prisma.sql`${column} in (${Prisma.join(values)})`;

/**
 * The WHERE clause (without the keyword) for `"EmailEvent" e`; the window is always bounded. Throws
 * DialectUnsupportedError when the dialect's store lacks a table the filters read.
 */
export function emailWhereSql(
  filters: TEmailFilters,
  now = new Date(),
  dialect: TEmailFilterDialect = POSTGRES_FILTERS,
): Prisma.Sql {
  const { from, to } = resolveWindow(filters, now);
  const { at } = dialect;
  const conditions: Prisma.Sql[] = [Prisma.sql`e."timestamp" >= ${at(from)}`, Prisma.sql`e."timestamp" < ${at(to)}`];
  if (filters.view && filters.view !== "all") conditions.push(VIEW_CONDITIONS[filters.view](dialect));
  if (filters.sender)
    conditions.push(
      addressCondition(filters.sender, Prisma.sql`e."senderFromAddress"`, Prisma.sql`e."senderFromDomain"`, dialect),
    );
  if (filters.recipient)
    conditions.push(addressCondition(filters.recipient, Prisma.sql`e."recipientEmailAddress"`, null, dialect));
  if (filters.subject) conditions.push(Prisma.sql`e."subject" ilike ${`%${likeEscape(filters.subject)}%`}`);
  if (filters.senderIp) conditions.push(Prisma.sql`e."senderIPv4" = ${filters.senderIp}`);
  if (filters.senderDomain)
    conditions.push(Prisma.sql`e."senderFromDomain" = ${filters.senderDomain.replace(/^@/, "")}`);
  if (filters.urlDomain) {
    const messages = Prisma.sql`select u."networkMessageId" from ${dialect.table("EmailUrlInfo", "u")} where u."urlDomain" = ${filters.urlDomain}
        and u."timestamp" >= ${at(new Date(from.getTime() - URL_TIME_SLACK_MS))} and u."timestamp" < ${at(new Date(to.getTime() + URL_TIME_SLACK_MS))}`;
    conditions.push(dialect.inSubquery(Prisma.sql`e."networkMessageId"`, messages));
  }
  if (filters.sha256) conditions.push(dialect.hasAttachment(filters.sha256));
  if (filters.threat) conditions.push(threatCondition(filters.threat));
  if (filters.direction) conditions.push(inList(Prisma.sql`e."emailDirection"`, filters.direction));
  if (filters.deliveryAction) conditions.push(inList(Prisma.sql`e."deliveryAction"`, filters.deliveryAction));
  if (filters.location) conditions.push(inList(Prisma.sql`e."latestDeliveryLocation"`, filters.location));
  if (filters.additionalAction)
    conditions.push(dialect.hasAdditionalAction(`%${likeEscape(filters.additionalAction)}%`));
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
