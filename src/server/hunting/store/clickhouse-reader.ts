import "server-only";
import { createHmac } from "node:crypto";
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import { readEnv, type TEnv } from "@/server/env";
import { HUNTING_ROW_LIMIT, HUNTING_TIMEOUT_MS } from "@/server/hunting/kql/hunting-query.schemas";
import { CLIENT_SETTINGS, clickHouseLiteral, QUERY_SETTINGS, type TClickHouse } from "./clickhouse-client";

/**
 * The user hunting reads run as on a ClickHouse server (queries, bag_unpack's key lookups, Explorer's chart), as they
 * run as the hunting role on PostgreSQL (ensure-hunting-role.ts): it may SELECT the replica's hunting tables and
 * nothing else. The replicator writes as the URL's user, which makes it. chDB has no access control: embedded, hunting
 * reads through the one session the replicator writes with.
 */
export const READER_USER = "breakwater_hunting";

/** The most a reader's query may ask for: hunting's own limits (one more row, to tell that a result was cut). */
export const READER_LIMITS = { max_execution_time: HUNTING_TIMEOUT_MS / 1000, max_result_rows: HUNTING_ROW_LIMIT + 1 };

/**
 * The reader's settings. readonly=1 lets a query change no setting, except to send the value the user has already:
 * so every setting its client sends is here, at the value it sends. The limits are the one exception: a query may
 * lower them (a bag's key lookup asks for 501 rows), never raise them nor turn them off (0 is "no limit", hence MIN 1).
 */
const READER_SETTINGS = [
  ...Object.entries({ ...CLIENT_SETTINGS, ...QUERY_SETTINGS, readonly: 1 }).map(
    ([name, value]) => `${name} = ${clickHouseLiteral(value)}`,
  ),
  ...Object.entries(READER_LIMITS).map(([name, max]) => `${name} = ${max} MIN 1 MAX ${max} CHANGEABLE_IN_READONLY`),
].join(", ");

const quoteName = (name: string) => `"${name.replace(/[\\"]/g, "\\$&")}"`;

/**
 * Makes the reader, or brings it to this definition: its password, its settings, and exactly SELECT on each hunting
 * table of `database` (WITH REPLACE OPTION drops any other grant, in the same statement).
 */
export function readerStatements(database: string, password: string): string[] {
  const definition = `IDENTIFIED WITH sha256_password BY ${clickHouseLiteral(password)} SETTINGS ${READER_SETTINGS}`;
  const grants = HUNTING_TABLES.map((table) => `SELECT ON ${quoteName(database)}.${quoteName(table.model)}`);
  return [
    `CREATE USER IF NOT EXISTS ${READER_USER} ${definition}`,
    `ALTER USER ${READER_USER} ${definition}`,
    `GRANT ${grants.join(", ")} TO ${READER_USER} WITH REPLACE OPTION`,
  ];
}

/**
 * The reader's password: BREAKWATER_CLICKHOUSE_READER_PASSWORD, or else an HMAC of NEXTAUTH_SECRET, so that the
 * worker that makes the user and the console that reads as it agree without storing it anywhere.
 */
export function readerPassword(env: TEnv = readEnv()): string {
  if (env.BREAKWATER_CLICKHOUSE_READER_PASSWORD) return env.BREAKWATER_CLICKHOUSE_READER_PASSWORD;
  if (!env.NEXTAUTH_SECRET)
    throw new Error(
      `Hunting reads ClickHouse as the user ${READER_USER}, whose password comes from NEXTAUTH_SECRET or BREAKWATER_CLICKHOUSE_READER_PASSWORD: set one, the same for the console and the worker`,
    );
  return createHmac("sha256", env.NEXTAUTH_SECRET).update("breakwater clickhouse hunting reader").digest("base64url");
}

/** The server's URL with the reader's credentials instead of the writer's (same host, port, database, options). */
export function readerUrl(url: string, password: string): string {
  const reader = new URL(url);
  reader.username = READER_USER;
  reader.password = encodeURIComponent(password);
  return reader.toString();
}

/** Run by the writer as it prepares the replica: the reader of the database the replica's tables are in. */
export async function ensureHuntingReader(writer: TClickHouse): Promise<void> {
  const password = readerPassword();
  const [{ database }] = await writer.query<{ database: string }>("SELECT currentDatabase() AS database");
  try {
    for (const statement of readerStatements(database, password)) await writer.command(statement);
  } catch (error) {
    throw new Error(
      `Hunting reads ClickHouse as the user ${READER_USER}, and making it failed (${error instanceof Error ? error.message : String(error)}): ` +
        "BREAKWATER_CLICKHOUSE's user needs access management (CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT=1 in Docker, or GRANT ACCESS MANAGEMENT and SELECT ON the hunting tables WITH GRANT OPTION)",
      { cause: error },
    );
  }
}
