import "server-only";
import type { TPrincipal } from "@/server/auth/principal";
import { AppError, type ErrorIssue } from "@/server/http/app-error";
import { huntingPrisma } from "@/server/db";
import { isTransactionStartTimeout, postgresError } from "@/server/db/postgres-error";
import { renderClickHouse } from "./kql/clickhouse-sql";
import { BagKeysNeeded, MAX_BAG_KEYS } from "./kql/compile-bag-unpack";
import { compileKql, type TColumn, type TCompiledQuery } from "./kql/compile-kql";
import { CLICKHOUSE, DialectUnsupportedError, POSTGRES, type TDialect } from "./kql/dialect";
import { ensureHuntingRole, HUNTING_ROLE } from "./kql/ensure-hunting-role";
import {
  HUNTING_ROW_LIMIT,
  HUNTING_TIMEOUT_MS,
  MAX_QUERY_LENGTH,
  type THuntingQueryResult,
} from "./kql/hunting-query.schemas";
import { KqlError } from "./kql/kql-error";
import type { TKqlType } from "./kql/kql-types";
import { parseKql } from "./kql/parse-query";
import { ident, keyword, sql, timestampParam, type TSql } from "./kql/sql";
import { huntingBusy, withHuntingSlot } from "./limit-hunting-queries";
import { currentHuntingStore, huntingClickHouseReader, type THuntingStore } from "./store/hunting-store";

export type THuntingRunOptions = {
  rowLimit?: number;
  timeoutMs?: number;
  /** Who asks: a person's or a token's queries are limited to BREAKWATER_HUNTING_QUERIES_PER_USER at once (429 past it). */
  principal?: TPrincipal;
  /** Only result rows whose Timestamp is after `from` and at most `to`: a detection rule's incremental run. */
  window?: { from: Date; to: Date };
  /**
   * The store to run on, whatever the replica's lag; with "clickhouse", a query ClickHouse cannot run fails instead of
   * going to PostgreSQL (tests compare the stores with it). By default: ClickHouse when configured and caught up.
   */
  store?: THuntingStore;
};

/** Where the query sits in the request, for the issues of a 400. */
const QUERY_PATH = "body.query";

/**
 * Runs an advanced-hunting query: KQL compiled to one parameterised statement, executed in a read-only transaction
 * with a statement timeout, as a role that can read the hunting tables and nothing else. Mistakes in the query,
 * a timeout and errors on the data are 400s (AppError BAD_REQUEST) that say what to change.
 */
export async function runHuntingQuery(
  text: string,
  { principal, ...options }: THuntingRunOptions = {},
): Promise<THuntingQueryResult> {
  return principal ? withHuntingSlot(principal, () => run(text, options)) : run(text, options);
}

async function run(
  text: string,
  { rowLimit = HUNTING_ROW_LIMIT, timeoutMs = HUNTING_TIMEOUT_MS, window, store }: THuntingRunOptions,
): Promise<THuntingQueryResult> {
  const started = performance.now();
  // A detection rule's window is PostgreSQL SQL around the compiled query: those runs stay on the source of truth.
  if (!window && (store ?? (await currentHuntingStore())) === "clickhouse") {
    const answer = await runOnClickHouse(text, rowLimit, timeoutMs, store === "clickhouse");
    if (answer) return result(answer.compiled, answer.rows, rowLimit, started, "clickhouse");
  }
  await ensureHuntingRole();
  const compiled = await compileWithBagKeys(text, POSTGRES, async (statement) =>
    (await readAsHunter(statement, timeoutMs)).map((row) => String(row.key)),
  );
  const statement = window ? inWindow(compiled, window) : compiled.sql;
  const rows = await readAsHunter(sql`${statement} LIMIT ${rowLimit + 1}::bigint`, timeoutMs);
  return result(compiled, rows, rowLimit, started, "postgres");
}

/**
 * One statement in a read-only transaction with a statement timeout, as the role that reads the hunting tables and
 * nothing else, on the hunting pool (db.ts): a crowd of heavy queries waits for its few connections, not the console's.
 */
function readAsHunter(statement: TSql, timeoutMs: number): Promise<Record<string, unknown>[]> {
  return huntingPrisma
    .$transaction(
      async (tx) => {
        await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        // search_path is pinned to the app's schema before the role changes, so no other schema can shadow a table.
        await tx.$queryRaw`SELECT set_config(${"statement_timeout"}::text, ${String(timeoutMs)}::text, true), set_config(${"TimeZone"}::text, ${"UTC"}::text, true), set_config(${"search_path"}::text, quote_ident(current_schema()), true)`;
        await tx.$executeRaw`SET LOCAL ROLE ${keyword(HUNTING_ROLE)}`;
        return tx.$queryRaw<Record<string, unknown>[]>(statement);
      },
      { timeout: timeoutMs + 5_000, maxWait: 5_000 },
    )
    .catch((error: unknown) => {
      throw runFailure(error, timeoutMs) ?? error;
    });
}

// Each evaluate bag_unpack asks the store once; more in one query than any published one has.
const MAX_BAG_UNPACKS = 8;

/** Compiles, asking the store for the properties of each evaluate bag_unpack's bags as the compiler meets them. */
async function compileWithBagKeys(
  text: string,
  dialect: TDialect,
  findKeys: (statement: TSql) => Promise<string[]>,
): Promise<TCompiledQuery> {
  const bagKeys: string[][] = [];
  for (;;) {
    try {
      return compileHuntingQuery(text, dialect, bagKeys);
    } catch (error) {
      if (!(error instanceof BagKeysNeeded) || bagKeys.length >= MAX_BAG_UNPACKS) throw error;
      bagKeys.push(await findKeys(error.statement));
    }
  }
}

function result(
  compiled: TCompiledQuery,
  rows: Record<string, unknown>[],
  rowLimit: number,
  started: number,
  store: THuntingStore,
): THuntingQueryResult {
  const isTruncated = rows.length > rowLimit;
  const kept = isTruncated ? rows.slice(0, rowLimit) : rows;
  return {
    columns: compiled.columns.map(({ name, type }) => ({ name, type })),
    rows: toResultRows(kept, compiled.columns, store),
    rowCount: kept.length,
    truncated: isTruncated,
    chart: compiled.chart,
    elapsedMs: Math.round(performance.now() - started),
    store,
  };
}

/**
 * The same query compiled for ClickHouse and run there, read-only, with the time and row limits PostgreSQL has (on a
 * server as the user that may only read the hunting tables, whose limits a query may lower, not lift); its rows are
 * read through its own compiled columns (a dialect may name its SQL columns differently). Null
 * when ClickHouse cannot run it (a construct only the PostgreSQL dialect has, or an error that is not the query's):
 * PostgreSQL answers instead, unless `isStrict`.
 */
async function runOnClickHouse(
  text: string,
  rowLimit: number,
  timeoutMs: number,
  isStrict: boolean,
): Promise<{ compiled: TCompiledQuery; rows: Record<string, unknown>[] } | null> {
  const clickhouse = await huntingClickHouseReader();
  if (!clickhouse) throw new Error("No ClickHouse is configured (BREAKWATER_CLICKHOUSE)");
  try {
    const read = (statement: TSql, maxRows: number) => {
      const { query, params } = renderClickHouse(statement);
      // readonly last: it forbids changing settings after it.
      return clickhouse.query(query, params, {
        max_execution_time: timeoutMs / 1000,
        max_result_rows: maxRows,
        readonly: 1,
      });
    };
    const compiled = await compileWithBagKeys(text, CLICKHOUSE, async (statement) =>
      (await read(statement, MAX_BAG_KEYS + 1)).map((row) => String(row.key)),
    );
    const rows = await read(sql`${compiled.sql} LIMIT ${rowLimit + 1}::bigint`, rowLimit + 1);
    return { compiled, rows };
  } catch (error) {
    if (/\bCode: 159\b|TIMEOUT_EXCEEDED/.test(String(error))) {
      throw new AppError(
        "BAD_REQUEST",
        `The query ran longer than ${timeoutMs / 1000} seconds and was stopped: narrow it, e.g. where Timestamp > ago(1d), or summarize`,
        [{ path: QUERY_PATH, message: "timeout" }],
      );
    }
    if (/\bCode: 427\b/.test(String(error)))
      throw badRequest(`The regular expression is not valid: ${clickHouseReason(error)}`);
    if (/\bCode: (6|26|27|38|41|69|72|117|395)\b|invalid json text/.test(String(error)))
      throw badRequest(`The query failed on the data: ${clickHouseReason(error)}`);
    if (isStrict || error instanceof AppError) throw error;
    if (!(error instanceof DialectUnsupportedError))
      console.error(
        `[hunting] ClickHouse could not run a query, PostgreSQL answers it: ${error instanceof Error ? error.message : String(error)}`,
      );
    return null;
  }
}

const badRequest = (message: string) => new AppError("BAD_REQUEST", message, [{ path: QUERY_PATH, message }]);

/** ClickHouse's message without its code and stack: the part that says what went wrong. */
const clickHouseReason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .replace(/^.*?DB::Exception: /s, "")
    .split("\n")[0]
    .slice(0, 300);

/** The query compiled (for PostgreSQL unless told), or a 400 naming the line and column of its first mistake. */
export function compileHuntingQuery(
  text: string,
  dialect: TDialect = POSTGRES,
  bagKeys: string[][] = [],
): TCompiledQuery {
  try {
    if (text.length > MAX_QUERY_LENGTH)
      throw new KqlError(`The query is longer than ${MAX_QUERY_LENGTH.toLocaleString("en")} characters`, {
        line: 1,
        column: 1,
      });
    return compileKql(parseKql(text), dialect, bagKeys);
  } catch (error) {
    if (!(error instanceof KqlError)) throw error;
    const issue: ErrorIssue & { line: number; column: number } = {
      path: QUERY_PATH,
      message: error.reason,
      line: error.line,
      column: error.column,
    };
    throw new AppError("BAD_REQUEST", error.message, [issue]);
  }
}

/**
 * The query's rows in a time window, on its result's Timestamp column. PostgreSQL pushes the condition down into the
 * inlined stages, so a plain filter over a table reads only the window (by its Timestamp index), not the whole table.
 */
function inWindow(compiled: TCompiledQuery, window: { from: Date; to: Date }): TSql {
  const timestamp = compiled.columns.find((column) => column.name === "Timestamp" && column.type === "datetime");
  if (!timestamp)
    throw new AppError("BAD_REQUEST", "The query must return a Timestamp column (datetime)", [
      { path: QUERY_PATH, message: "no Timestamp column in the result" },
    ]);
  const column = sql`${ident("_w")}.${ident(timestamp.alias)}`;
  return sql`SELECT * FROM (${compiled.sql}) AS ${ident("_w")} WHERE ${column} > ${timestampParam(window.from)} AND ${column} <= ${timestampParam(window.to)}`;
}

/** A 400 for what the query itself caused while running; null for anything that is the server's fault. */
function runFailure(error: unknown, timeoutMs: number): AppError | null {
  // P2028 before it started: the hunting pool stayed busy with other queries for the whole maxWait.
  if (isTransactionStartTimeout(error)) return huntingBusy();
  const failure = postgresError(error);
  if (!failure) return null;
  const badRequest = (message: string) => new AppError("BAD_REQUEST", message, [{ path: QUERY_PATH, message }]);
  // 57014: canceled by statement_timeout. A 400, not a 408: the request arrived in time, the query is too costly.
  if (failure.code === "57014") {
    return badRequest(
      `The query ran longer than ${timeoutMs / 1000} seconds and was stopped: narrow it, e.g. where Timestamp > ago(1d), or summarize`,
    );
  }
  if (failure.code === "2201B") return badRequest(`The regular expression is not valid: ${failure.message}`);
  // Class 22 is "data exception": a conversion, a division or a JSON text the data did not allow.
  if (failure.code.startsWith("22")) return badRequest(`The query failed on the data: ${failure.message}`);
  // Class 54 / 53200: the query is too large or complex for the server.
  if (failure.code.startsWith("54") || failure.code === "53200")
    return badRequest(`The query is too large to run: ${failure.message}`);
  return null;
}

/** Builds each row's object with one converter per column, chosen once: results run to 10,000 rows of ~40 columns. */
function toResultRows(
  rows: Record<string, unknown>[],
  columns: TColumn[],
  store: THuntingStore,
): Record<string, unknown>[] {
  const converters = columns.map((column) => [column.name, column.alias, converterFor(column.type, store)] as const);
  return rows.map((row) => {
    const result: Record<string, unknown> = {};
    for (const [name, alias, convert] of converters) result[name] = convert(row[alias]);
    return result;
  });
}

/**
 * JSON values as Defender's hunting API shows them: strings never null, datetimes ISO in UTC, timespans d.hh:mm:ss.
 * ClickHouse sends datetimes as ISO text with microseconds and dynamic values as JSON text.
 */
function converterFor(type: TKqlType, store: THuntingStore): (value: unknown) => unknown {
  switch (type) {
    case "string":
      return (value) => (value === null || value === undefined ? "" : String(value));
    case "int":
    case "long":
    case "real":
      return (value) => {
        const number = value === null || value === undefined ? NaN : Number(value);
        return Number.isFinite(number) ? number : null;
      };
    case "datetime":
      return (value) =>
        value instanceof Date
          ? value.toISOString()
          : typeof value === "string"
            ? new Date(value).toISOString()
            : (value ?? null);
    case "dynamic":
      return store === "clickhouse"
        ? (value) => (typeof value === "string" && value !== "" ? JSON.parse(value) : (value ?? null))
        : (value) => value ?? null;
    case "timespan":
      return (value) => (value === null || value === undefined ? null : formatTimespan(Number(value)));
    case "bool":
      // ClickHouse sends a comparison's result as 1 or 0.
      return (value) => (value === null || value === undefined ? null : value === true || value === 1);
    default:
      return (value) => value ?? null;
  }
}

/** Kusto's timespan text: [-][d.]hh:mm:ss[.fffffff]. */
export function formatTimespan(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  const ticks = Math.round(Math.abs(seconds) * 10_000_000);
  const days = Math.floor(ticks / 864_000_000_000);
  const pad = (part: number) => String(part).padStart(2, "0");
  const hours = Math.floor(ticks / 36_000_000_000) % 24;
  const minutes = Math.floor(ticks / 600_000_000) % 60;
  const wholeSeconds = Math.floor(ticks / 10_000_000) % 60;
  const fraction = ticks % 10_000_000;
  return `${sign}${days > 0 ? `${days}.` : ""}${pad(hours)}:${pad(minutes)}:${pad(wholeSeconds)}${fraction ? `.${String(fraction).padStart(7, "0")}` : ""}`;
}
