import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

/** Settings values as ClickHouse takes them in a SETTINGS clause or on the HTTP URL. */
export type TClickHouseSettings = Record<string, string | number>;

/** The few calls the hunting store makes, the same over chDB (in this process) and a ClickHouse server. */
export type TClickHouse = {
  kind: "embedded" | "server";
  query<T = Record<string, unknown>>(
    query: string,
    params?: Record<string, unknown>,
    settings?: TClickHouseSettings,
  ): Promise<T[]>;
  command(statement: string): Promise<void>;
  insert(table: string, rows: Record<string, unknown>[]): Promise<void>;
  /** Rows already written as JSONCompactEachRow (one JSON array a line, in the order of `columns`). */
  insertCompact(table: string, columns: string[], body: string): Promise<void>;
  close(): Promise<void>;
};

/** Every query reads UTC datetimes and numbers as JSON numbers, and outer joins fill with nulls as PostgreSQL does. */
export const QUERY_SETTINGS: TClickHouseSettings = {
  session_timezone: "UTC",
  date_time_output_format: "iso",
  output_format_json_quote_64bit_integers: 0,
  join_use_nulls: 1,
  cast_keep_nullable: 1,
  aggregate_functions_null_for_empty: 1,
};

/** What a server client sends with every request: inserts read the replicator's datetimes in any ISO form. */
export const CLIENT_SETTINGS: TClickHouseSettings = { date_time_input_format: "best_effort" };

/** A value as ClickHouse's SQL writes it: a number as it is, a string quoted. */
export const clickHouseLiteral = (value: string | number) =>
  typeof value === "number" ? String(value) : `'${value.replace(/[\\']/g, "\\$&")}'`;

const settingsClause = (settings: TClickHouseSettings) =>
  Object.entries(settings)
    .map(([name, value]) => `${name}=${clickHouseLiteral(value)}`)
    .join(", ");

const parseRows = <T>(text: string): T[] =>
  text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);

/**
 * chDB: ClickHouse as a library, its data in one folder that one process at a time may open (ClickHouse locks it).
 * Loaded on first use, so a PostgreSQL-only install never maps its 550 MB library.
 */
export async function openEmbeddedClickHouse(dataDir: string): Promise<TClickHouse> {
  mkdirSync(dataDir, { recursive: true });
  const { Session } = await import("chdb");
  const session = new Session(path.resolve(dataDir));
  // One statement at a time: chDB runs queries on the caller's connection, and the replicator and hunting share it.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    kind: "embedded",
    query: <T>(query: string, params: Record<string, unknown> = {}, settings: TClickHouseSettings = {}) =>
      serial(async () => {
        const all = { ...QUERY_SETTINGS, ...settings };
        const result = await session.queryBindAsync(`${query} SETTINGS ${settingsClause(all)}`, params, {
          format: "JSONEachRow",
        });
        return parseRows<T>(result.text());
      }),
    command: (statement) => serial(async () => void (await session.queryAsync(statement))),
    insert: (table, rows) =>
      serial(async () => {
        if (rows.length > 0)
          await session.insert({
            table,
            values: rows.map((row) => JSON.stringify(row)).join("\n"),
            format: "JSONEachRow",
          });
      }),
    insertCompact: (table, columns, body) =>
      serial(async () => void (await session.insert({ table, columns, values: body, format: "JSONCompactEachRow" }))),
    close: () => serial(async () => session.close()),
  };
}

/** A ClickHouse server (or cluster) over HTTP, through the official client, as the user the URL names. */
export async function openClickHouseServer(url: string): Promise<TClickHouse> {
  const { createClient } = await import("@clickhouse/client");
  const client = createClient({ url, clickhouse_settings: CLIENT_SETTINGS as never });
  return {
    kind: "server",
    query: async <T>(query: string, params: Record<string, unknown> = {}, settings: TClickHouseSettings = {}) => {
      const result = await client.query({
        query,
        query_params: params,
        format: "JSONEachRow",
        clickhouse_settings: { ...QUERY_SETTINGS, ...settings } as never,
      });
      return (await result.json()) as T[];
    },
    command: async (statement) => void (await client.command({ query: statement })),
    insert: async (table, rows) => {
      if (rows.length > 0) await client.insert({ table, values: rows, format: "JSONEachRow" });
    },
    insertCompact: async (table, columns, body) =>
      void (await client.insert({
        table,
        columns: columns as [string, ...string[]],
        values: Readable.from([body]),
        format: "JSONCompactEachRow",
      })),
    close: () => client.close(),
  };
}
