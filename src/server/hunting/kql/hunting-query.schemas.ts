import "server-only";
import { z } from "zod";
import { ZText } from "@/server/http/safe-text";

export const MAX_QUERY_LENGTH = 20_000;
/** A hunting query's rows and running time at most, unless its caller asks for less (or, on PostgreSQL, more). */
export const HUNTING_ROW_LIMIT = 10_000;
export const HUNTING_TIMEOUT_MS = 10_000;
const KQL_TYPES = ["string", "int", "long", "real", "bool", "datetime", "timespan", "dynamic"] as const;

/** A query's text as typed: its spaces and line breaks are kept (errors point at lines and columns). */
export const ZQueryText = ZText(MAX_QUERY_LENGTH, { trim: false }).refine((query) => query.trim().length > 0, {
  error: "must not be empty",
});

export const ZHuntingQueryRequest = z.object({ query: ZQueryText });

export const ZHuntingQueryResult = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.enum(KQL_TYPES) })),
  /** One object per row, keyed by column name, as Defender's hunting API returns them. */
  rows: z.array(z.record(z.string(), z.unknown())),
  rowCount: z.number().int(),
  /** More rows matched than the row limit; only the first ones are here. */
  truncated: z.boolean(),
  /** The chart `render` asked for (timechart, columnchart, …), or null. */
  chart: z.string().nullable(),
  elapsedMs: z.number(),
  /** Which store answered: ClickHouse while its copy is caught up and the query runs there, else PostgreSQL. */
  store: z.enum(["postgres", "clickhouse"]),
});

export type THuntingQueryRequest = z.infer<typeof ZHuntingQueryRequest>;
export type THuntingQueryResult = z.infer<typeof ZHuntingQueryResult>;
