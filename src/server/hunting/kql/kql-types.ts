// Kusto's scalar types, the PostgreSQL type each compiles to, and the rules for mixing them.
import { keyword, type TSql } from "./sql";

export type TKqlType = "string" | "int" | "long" | "real" | "bool" | "datetime" | "timespan" | "dynamic";

/**
 * A compiled scalar: its SQL and its Kusto type. `null` is the type of the bare null literal until context types it.
 * `uuid`: the same value as a stored uuid (a column that holds one, or a query of such values), for comparisons of
 * two of them that their indexes can serve.
 */
export type TTyped = { sql: TSql; type: TKqlType | "null"; uuid?: TSql };

export const PG_TYPES: Record<TKqlType, TSql> = {
  string: keyword("text"),
  int: keyword("integer"),
  long: keyword("bigint"),
  real: keyword("double precision"),
  bool: keyword("boolean"),
  datetime: keyword("timestamp"),
  timespan: keyword("interval"),
  dynamic: keyword("jsonb"),
};

export const isNumeric = (type: TTyped["type"]): type is "int" | "long" | "real" =>
  type === "int" || type === "long" || type === "real";

/** The type two values share in a comparison, iff() or case(); null when Kusto would refuse to mix them. */
export function commonType(left: TTyped["type"], right: TTyped["type"]): TTyped["type"] | null {
  if (left === right) return left;
  if (left === "null") return right;
  if (right === "null") return left;
  if (isNumeric(left) && isNumeric(right)) return left === "real" || right === "real" ? "real" : "long";
  return null;
}

/** The type names a query may write (to typeof(…), parse's Column:type), and the type each means. */
export const KQL_TYPE_NAMES: Readonly<Record<string, TKqlType>> = {
  string: "string",
  int: "int",
  long: "long",
  real: "real",
  double: "real",
  bool: "bool",
  boolean: "bool",
  datetime: "datetime",
  date: "datetime",
  dynamic: "dynamic",
};
