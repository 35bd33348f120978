import type { TApiAnswer } from "@/lib/api-client";

/** POST /api/v1/hunting/query's answer, as the browser reads it (dates arrive as ISO strings). */
export type THuntingResult = TApiAnswer<"POST /api/v1/hunting/query">;

export const CHART_KINDS = ["columnchart", "barchart", "timechart", "linechart", "piechart"] as const;
export type TChartKind = (typeof CHART_KINDS)[number];

export const isChartKind = (value: string | null): value is TChartKind => CHART_KINDS.some((kind) => kind === value);

/** How a cell reads in the table: objects and arrays (make_set, dynamic columns) as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
