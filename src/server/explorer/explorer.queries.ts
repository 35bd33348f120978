import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { splitThreats } from "@/lib/email-threats";
import { prisma } from "@/server/db";
import { orderFromSort, skipTake } from "@/server/http/pagination";
import { renderClickHouse } from "@/server/hunting/kql/clickhouse-sql";
import { DialectUnsupportedError } from "@/server/hunting/kql/dialect";
import { currentHuntingStore, huntingClickHouseReader, type THuntingStore } from "@/server/hunting/store/hunting-store";
import { CLICKHOUSE_FILTERS, POSTGRES_FILTERS, type TEmailFilterDialect } from "./email-filter-dialect";
import {
  candidateKeysSql,
  candidateOrderSql,
  emailOrderSql,
  emailWhereSql,
  type TEmailSortField,
} from "./email-filter-sql";
import {
  DAY_MS,
  resolveWindow,
  VOLUME_THREATS,
  type TEmailSearchQuery,
  type TEmailVolumeQuery,
  type TVolumeThreat,
} from "./explorer.schemas";

// The message details live in their own file; re-exported so the explorer's reads have one entry point.
export { findEmailMessage, getEmailMessage } from "./get-email-message";

/** An exact count stops here: counting millions of rows for a pager nobody pages to the end of wastes seconds. */
export const DEFAULT_COUNT_CAP = 10_000;

type TEmailRow = {
  id: string;
  timestamp: Date;
  networkMessageId: string;
  internetMessageId: string;
  senderFromAddress: string;
  senderDisplayName: string;
  senderIPv4: string | null;
  recipientEmailAddress: string;
  subject: string;
  emailDirection: string;
  deliveryAction: string;
  deliveryLocation: string;
  latestDeliveryLocation: string;
  threatTypes: string;
  detectionMethods: string;
  bulkComplaintLevel: number | null;
  additionalActions: string[];
};

export type TEmailListItem = Omit<TEmailRow, "threatTypes"> & { threatTypes: string[] };

export type TEmailSearchResult = {
  items: TEmailListItem[];
  /** Exact up to the cap; `isTotalCapped` says there are more (show "10,000+"). */
  total: number;
  isTotalCapped: boolean;
  page: number;
  pageSize: number;
};

type TSearchOptions = { now?: Date; countCap?: number };

/**
 * Below this many matching rows, a page sorted by anything but time is chosen from the matches' keys sorted in
 * memory (a top-25 sort of narrow rows, read from an index where one covers the filter and the sort); above it,
 * matches are dense enough that walking the sort's own index finds a page quickly. The planner cannot tell the two
 * apart: a 7-day location filter sorted by sender walked the whole sender index, discarding what it did not match
 * (1M rows: 3 s for 11,700 matches; 10M rows: 8.1 s for 117,000, when this bound was 50,000), where reading the
 * matches' keys from the location index takes tens of milliseconds. Counting up to it costs an index-only scan.
 */
const KEYS_FIRST_MAX_ROWS = 250_000;

export type TSearchStatements = {
  /** Counts matches up to `countLimit` + 1. */
  count: Prisma.Sql;
  countLimit: number;
  /** The page, with the planner choosing how to find it. */
  page: Prisma.Sql;
  /** The page chosen from all matches' keys; null when the page is sorted by time (the planner's own plan suits it). */
  keysFirstPage: Prisma.Sql | null;
};

const PAGE_COLUMNS = Prisma.sql`e."id"::text as "id", e."timestamp", e."networkMessageId"::text as "networkMessageId", e."internetMessageId",
  e."senderFromAddress", e."senderDisplayName", e."senderIPv4", e."recipientEmailAddress", e."subject", e."emailDirection",
  e."deliveryAction", e."deliveryLocation", e."latestDeliveryLocation", e."threatTypes", e."detectionMethods", e."bulkComplaintLevel", e."additionalActions"`;

/** The statements of a search; the benchmark runs them bare (runSearchStatements) against the route. */
export function searchEmailStatements(
  query: TEmailSearchQuery,
  { now = new Date(), countCap = DEFAULT_COUNT_CAP }: TSearchOptions = {},
): TSearchStatements {
  const where = emailWhereSql(query, now);
  const { field, direction } = orderFromSort(query.sort);
  const sortField = field as TEmailSortField;
  const order = emailOrderSql(sortField, direction);
  const { skip, take } = skipTake(query);
  const isByTime = sortField === "timestamp";
  const countLimit = isByTime ? countCap : Math.max(countCap, KEYS_FIRST_MAX_ROWS);
  // Keys first: the page's ids are chosen from narrow rows (index-only where an index covers the filter and the
  // sort), and only the page's own rows are then read whole.
  return {
    count: Prisma.sql`select count(*)::int as "count" from (select 1 from "EmailEvent" e where ${where} limit ${countLimit + 1}) capped`,
    countLimit,
    page: Prisma.sql`
      select ${PAGE_COLUMNS} from "EmailEvent" e
      where e."id" in (select e."id" from "EmailEvent" e where ${where} order by ${order} limit ${take} offset ${skip})
      order by ${order}`,
    keysFirstPage: isByTime
      ? null
      : Prisma.sql`
      with c as materialized (select ${candidateKeysSql(sortField)} from "EmailEvent" e where ${where})
      select ${PAGE_COLUMNS} from "EmailEvent" e
      where e."id" in (select c."id" from c order by ${candidateOrderSql(sortField, direction)} limit ${take} offset ${skip})
      order by ${order}`,
  };
}

/** Runs a search's statements: the count first when it decides how to find the page, else both at once. */
export async function runSearchStatements<TRow>(
  statements: TSearchStatements,
): Promise<{ rows: TRow[]; count: number }> {
  const countOf = async () => (await prisma.$queryRaw<{ count: number }[]>(statements.count))[0]?.count ?? 0;
  if (!statements.keysFirstPage) {
    const [rows, count] = await Promise.all([prisma.$queryRaw<TRow[]>(statements.page), countOf()]);
    return { rows, count };
  }
  const count = await countOf();
  const rows = await prisma.$queryRaw<TRow[]>(
    count <= statements.countLimit ? statements.keysFirstPage : statements.page,
  );
  return { rows, count };
}

/**
 * One page of EmailEvents, newest first by default. The window is always bounded (7 days by default) and the
 * default order walks the timestamp index, so the first page is fast however large the table grows.
 */
export async function searchEmail(
  query: TEmailSearchQuery,
  { now = new Date(), countCap = DEFAULT_COUNT_CAP }: TSearchOptions = {},
): Promise<TEmailSearchResult> {
  const { rows, count } = await runSearchStatements<TEmailRow>(searchEmailStatements(query, { now, countCap }));
  return {
    items: rows.map((row) => ({ ...row, threatTypes: splitThreats(row.threatTypes) })),
    total: Math.min(count, countCap),
    isTotalCapped: count > countCap,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export type TVolumeBucket = { start: Date; total: number } & Record<TVolumeThreat, number>;

export type TEmailVolume = {
  interval: "day" | "hour";
  from: Date;
  to: Date;
  buckets: TVolumeBucket[];
  totals: { total: number } & Record<TVolumeThreat, number>;
  /** Which store counted: the ClickHouse replica while it is caught up and holds every table the filters read. */
  store: THuntingStore;
};

const HOUR_MS = 3_600_000;

function bucketStart(date: Date, interval: "day" | "hour"): number {
  const size = interval === "day" ? DAY_MS : HOUR_MS;
  return Math.floor(date.getTime() / size) * size;
}

/** "Malware, Phish" counts as Malware: each message lands in one bar segment, so the segments add up to the total. */
function mostSevereThreat(threatTypes: string): TVolumeThreat {
  const threats = splitThreats(threatTypes);
  return VOLUME_THREATS.find((threat) => threat !== "None" && threats.includes(threat)) ?? "None";
}

const emptyCounts = () => ({ total: 0, Malware: 0, Phish: 0, Spam: 0, None: 0 });

type TVolumeRow = { bucket: Date | string; threatTypes: string; count: number };

// Grouped by the raw ThreatTypes text (a handful of distinct values) and classified in Node: measured ~25% faster
// on a million rows than classifying every row with LIKEs in SQL.
function volumeSql(query: TEmailVolumeQuery, now: Date, dialect: TEmailFilterDialect): Prisma.Sql {
  return Prisma.sql`
    select ${dialect.bucket(query.interval)} as "bucket", e."threatTypes", count(*)::integer as "count"
    from ${dialect.table("EmailEvent", "e")}
    where ${emailWhereSql(query, now, dialect)}
    group by 1, 2`;
}

/**
 * The chart's rows from the ClickHouse replica (a 30-day chart at 1M rows: 0.4 s in chDB, 4.3 s in PostgreSQL); null
 * when the filters read a table the replica lacks, or (unless `isStrict`) when ClickHouse fails: PostgreSQL answers.
 */
async function volumeRowsOnClickHouse(
  query: TEmailVolumeQuery,
  now: Date,
  isStrict: boolean,
): Promise<TVolumeRow[] | null> {
  try {
    const { query: text, params } = renderClickHouse(volumeSql(query, now, CLICKHOUSE_FILTERS));
    const clickhouse = await huntingClickHouseReader();
    if (!clickhouse) throw new Error("No ClickHouse is configured (BREAKWATER_CLICKHOUSE)");
    return await clickhouse.query<TVolumeRow>(text, params, { readonly: 1 });
  } catch (error) {
    if (error instanceof DialectUnsupportedError) return null;
    if (isStrict) throw error;
    console.error(
      `[explorer] ClickHouse could not count the volume chart, PostgreSQL answers it: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}

/**
 * Messages per day (or hour) split by threat, in one grouped query, with empty buckets filled in so a chart has
 * a bar for every day of the window. A message with several threats counts once, under its most severe threat.
 * `store`: where to count whatever the replica's lag (tests compare the two; ClickHouse failing then fails); by
 * default ClickHouse when configured and caught up.
 */
export async function emailVolumeByDay(
  query: TEmailVolumeQuery,
  { now = new Date(), store }: { now?: Date; store?: THuntingStore } = {},
): Promise<TEmailVolume> {
  const { from, to } = resolveWindow(query, now);
  const onClickHouse =
    (store ?? (await currentHuntingStore())) === "clickhouse"
      ? await volumeRowsOnClickHouse(query, now, store === "clickhouse")
      : null;
  const rows = onClickHouse ?? (await prisma.$queryRaw<TVolumeRow[]>(volumeSql(query, now, POSTGRES_FILTERS)));
  const size = query.interval === "day" ? DAY_MS : HOUR_MS;
  const byStart = new Map<number, TVolumeBucket>();
  for (let start = bucketStart(from, query.interval); start < to.getTime(); start += size) {
    byStart.set(start, { start: new Date(start), ...emptyCounts() });
  }
  const totals = emptyCounts();
  for (const row of rows) {
    const bucket = byStart.get(new Date(row.bucket).getTime());
    if (!bucket) continue;
    const threat = mostSevereThreat(row.threatTypes);
    bucket[threat] += row.count;
    bucket.total += row.count;
    totals[threat] += row.count;
    totals.total += row.count;
  }
  return {
    interval: query.interval,
    from,
    to,
    buckets: [...byStart.values()],
    totals,
    store: onClickHouse ? "clickhouse" : "postgres",
  };
}
