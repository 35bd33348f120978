// The parsed query. Every node keeps where it starts, so the compiler's errors point at the source too.
import type { TSourcePosition } from "./kql-error";

export type TExpr =
  | { kind: "column"; name: string; pos: TSourcePosition }
  | { kind: "string"; value: string; pos: TSourcePosition }
  /** Integer literal, kept as its decimal text so 64-bit values survive. */
  | { kind: "long"; value: string; pos: TSourcePosition }
  | { kind: "real"; value: number; pos: TSourcePosition }
  | { kind: "bool"; value: boolean; pos: TSourcePosition }
  | { kind: "null"; pos: TSourcePosition }
  | { kind: "timespan"; milliseconds: number; pos: TSourcePosition }
  | { kind: "datetime"; value: Date; pos: TSourcePosition }
  /** dynamic([...]) / dynamic({...}): a JSON value known when the query is compiled. */
  | { kind: "dynamic"; value: unknown; pos: TSourcePosition }
  | { kind: "call"; name: string; args: TExpr[]; pos: TSourcePosition }
  /** `*` as an argument: arg_max(Timestamp, *). */
  | { kind: "star"; pos: TSourcePosition }
  | { kind: "unary"; op: "-" | "+"; operand: TExpr; pos: TSourcePosition }
  | { kind: "binary"; op: string; left: TExpr; right: TExpr; pos: TSourcePosition }
  /** in, !in, in~, !in~, has_any, has_all: a list of scalars, a list-valued let, or a tabular expression. */
  | { kind: "inList"; op: string; left: TExpr; items: TListItem[]; pos: TSourcePosition }
  | { kind: "between"; isNegated: boolean; left: TExpr; low: TExpr; high: TExpr; pos: TSourcePosition }
  /** d.Key, d["Key"], d[0] on a dynamic value. */
  | { kind: "member"; object: TExpr; key: string | number; pos: TSourcePosition };

export type TListItem = { kind: "scalar"; expr: TExpr } | { kind: "tabular"; query: TTabular; pos: TSourcePosition };

/** `names`: `(A, B) = f()` in extend, the columns a function of several results fills, in order. */
export type TNamedExpr = { name: string | null; names?: string[]; expr: TExpr; pos: TSourcePosition };

export type TSortKey = { expr: TExpr; isDescending: boolean; nulls: "first" | "last" | null };

export type TJoinKind =
  | "innerunique"
  | "inner"
  | "leftouter"
  | "rightouter"
  | "fullouter"
  | "leftsemi"
  | "leftanti"
  | "rightsemi"
  | "rightanti";

export type TJoinKey = { left: string; right: string; pos: TSourcePosition };

export type TOperator =
  | { kind: "where"; predicate: TExpr; pos: TSourcePosition }
  | { kind: "project"; items: TNamedExpr[]; pos: TSourcePosition }
  | { kind: "project-away"; patterns: { pattern: string; pos: TSourcePosition }[]; pos: TSourcePosition }
  | { kind: "project-rename"; items: { name: string; from: string; pos: TSourcePosition }[]; pos: TSourcePosition }
  | { kind: "extend"; items: TNamedExpr[]; pos: TSourcePosition }
  | { kind: "summarize"; aggregates: TNamedExpr[]; by: TNamedExpr[]; pos: TSourcePosition }
  | { kind: "sort"; keys: TSortKey[]; pos: TSourcePosition }
  | { kind: "top"; count: TExpr; keys: TSortKey[]; pos: TSourcePosition }
  | { kind: "take"; count: TExpr; pos: TSourcePosition }
  /** columns null: `distinct *`. */
  | { kind: "distinct"; columns: { name: string; pos: TSourcePosition }[] | null; pos: TSourcePosition }
  | { kind: "count"; pos: TSourcePosition }
  | { kind: "join"; joinKind: TJoinKind; right: TTabular; keys: TJoinKey[]; pos: TSourcePosition }
  | { kind: "render"; chart: string; pos: TSourcePosition }
  /** kind=bag turns a property bag into one-property bags, kind=array into [key, value] pairs. */
  /** One series per group: each aggregation per step-wide bin of `on` from `from` up to `to`, `default` where a bin has no rows. */
  | {
      kind: "make-series";
      aggregates: (TNamedExpr & { fallback: TExpr | null })[];
      on: TExpr;
      from: TExpr | null;
      to: TExpr | null;
      step: TExpr;
      by: TNamedExpr[];
      pos: TSourcePosition;
    }
  /** `T | union U, V`: T's rows, then U's and V's. */
  | { kind: "union"; union: TUnion; pos: TSourcePosition }
  /** evaluate bag_unpack(Bag [, Prefix]) [: (Name:type, …)]: a column per property, the bag's column removed. */
  | {
      kind: "bag_unpack";
      bag: TExpr;
      prefix: string | null;
      schema: { name: string; typeName: { name: string; pos: TSourcePosition } }[] | null;
      pos: TSourcePosition;
    }
  | { kind: "parse"; isRegex: boolean; source: TExpr; parts: TParsePart[]; pos: TSourcePosition }
  | {
      kind: "mv-expand";
      items: TExpandItem[];
      bagKind: "bag" | "array";
      indexName: string | null;
      limit: TExpr | null;
      pos: TSourcePosition;
    };

/** parse's pattern, in order: `*` skips text, a string must appear (a regular expression with kind=regex), a column takes what lies between. */
export type TParsePart =
  | { kind: "skip" }
  | { kind: "text"; value: string }
  | { kind: "column"; name: string; typeName: { name: string; pos: TSourcePosition } | null; pos: TSourcePosition };

/** `Name = Expr to typeof(Type)`: the type a Kusto type name after typeof, checked by the compiler. */
export type TExpandItem = TNamedExpr & { typeName: { name: string; pos: TSourcePosition } | null };

/** kind=outer (Kusto's default) keeps every column, null where a table has none; inner only the shared ones. */
export type TUnion = { isInner: boolean; sourceColumn: string | null; tables: TTabular[] };

export type TSource =
  | { kind: "name"; name: string; pos: TSourcePosition }
  | { kind: "subquery"; query: TTabular; pos: TSourcePosition }
  | { kind: "union"; union: TUnion; pos: TSourcePosition };

export type TTabular = { source: TSource; operators: TOperator[] };

export type TLet = { name: string; pos: TSourcePosition } & (
  | { kind: "scalar"; value: TExpr }
  | { kind: "tabular"; value: TTabular }
);

export type TKqlQuery = { lets: TLet[]; body: TTabular };
