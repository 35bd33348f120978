// Finding, naming and listing a stage's columns, shared by the operators and join.
import type { TExpr } from "./ast";
import type { TColumn } from "./base-tables";
import type { TRelation } from "./compile-kql";
import { KqlError, type TSourcePosition } from "./kql-error";
import type { TTyped } from "./kql-types";
import { ident, join, sql, type TSql } from "./sql";

export const columnList = (columns: TColumn[]): TSql => join(columns.map((column) => ident(column.alias)));

/** A column's value as its Kusto type: a stored uuid as text. */
export const columnValue = (column: TColumn): TSql =>
  column.isStoredUuid ? sql`${ident(column.alias)}::text` : ident(column.alias);

/** A column as expressions read it; a stored uuid keeps the uuid itself beside its text, for `in` to compare. */
export const columnTyped = (column: TColumn): TTyped => ({
  sql: columnValue(column),
  type: column.type,
  ...(column.isStoredUuid ? { uuid: ident(column.alias) } : {}),
});

/** Names other Microsoft products give a column of ours: Sentinel's queries say TimeGenerated for Timestamp. */
export const COLUMN_ALIASES: Readonly<Record<string, string>> = { TimeGenerated: "Timestamp" };

/** The name a query's column stands for here: its own, or the column its alias names when no column has its name. */
export function resolveName(name: string, has: (name: string) => boolean): string {
  return has(name) || !(name in COLUMN_ALIASES) ? name : COLUMN_ALIASES[name];
}

export function findColumn(relation: TRelation, name: string, pos: TSourcePosition, side = ""): TColumn {
  const wanted = resolveName(name, (candidate) => relation.columns.some((column) => column.name === candidate));
  const column = relation.columns.find((candidate) => candidate.name === wanted);
  if (!column) throw new KqlError(`There is no column '${name}'${side}`, pos);
  return column;
}

/** Kusto gives unnamed columns a name: a column's own, `Object_Key` for d.Key, else Column1, Column2, …. */
export function inferName(expr: TExpr, isThroughCalls: boolean): string | null {
  if (expr.kind === "column") return expr.name;
  if (expr.kind === "member") {
    const object = inferName(expr.object, isThroughCalls);
    return object ? `${object}_${expr.key}` : null;
  }
  // by bin(Timestamp, 1h) is named Timestamp, and dcount(tolower(Sender)) dcount_Sender.
  if (expr.kind === "call" && isThroughCalls && expr.args[0]) return inferName(expr.args[0], true);
  return null;
}

/** The first free name among name, name1, name2, …: Kusto's way with clashing generated names. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let suffix = 1; ; suffix++) if (!taken.has(`${name}${suffix}`)) return `${name}${suffix}`;
}
