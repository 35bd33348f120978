// evaluate bag_unpack: a column per property of a dynamic bag, the bag's column removed. Kusto learns the columns from
// the data; a SQL statement must name them first, so the runner asks the store for the properties the rows hold (the
// statement BagKeysNeeded carries) and compiles again with them. An output schema (`: (Name:type, …)`) names and
// types them instead. Without one, every column is dynamic.
import type { TOperator } from "./ast";
import type { TColumn } from "./base-tables";
import type { TLetEnv } from "./compile-expression";
import type { QueryCompiler, TRelation } from "./compile-kql";
import { asType } from "./compile-mv-expand";
import { KqlError } from "./kql-error";
import { KQL_TYPE_NAMES, type TKqlType } from "./kql-types";
import { columnList } from "./relation-columns";
import { ident, join, longParam, sql, type TSql } from "./sql";

/** More properties than a result should have columns: such a bag is refused rather than unpacked. */
export const MAX_BAG_KEYS = 500;

/** Thrown while compiling: run `statement` (one column, `key`) and compile again with its keys. */
export class BagKeysNeeded extends Error {
  constructor(readonly statement: TSql) {
    super("bag_unpack needs the properties of the rows' bags");
  }
}

export function compileBagUnpack(
  q: QueryCompiler,
  relation: TRelation,
  operator: Extract<TOperator, { kind: "bag_unpack" }>,
  env: TLetEnv,
): TRelation {
  const c = q.expressions(relation, env);
  const bag = c.compile(operator.bag);
  if (bag.type !== "dynamic")
    throw new KqlError(`bag_unpack needs a dynamic value (a property bag), not ${bag.type}`, operator.bag.pos);
  const bagColumn = operator.bag.kind === "column" ? operator.bag.name : null;
  const kept = relation.columns.filter((column) => column.name !== bagColumn);
  const bagAlias = q.newAlias();
  const withBag = q.addStage(
    sql`SELECT ${columnList(relation.columns)}, ${bag.sql} AS ${ident(bagAlias)} FROM ${ident(relation.cte)}`,
    relation.columns,
  );
  const properties = operator.schema
    ? operator.schema.map(({ name, typeName }) => {
        const type = KQL_TYPE_NAMES[typeName.name];
        if (!type) throw new KqlError(`\`${typeName.name}\` is not a type`, typeName.pos);
        return { key: name, type };
      })
    : q.nextBagKeys(() => keysStatement(q, withBag, bagAlias)).map((key) => ({ key, type: "dynamic" as TKqlType }));
  const added = properties.map(({ key, type }) => {
    const name = `${operator.prefix ?? ""}${key}`;
    if (kept.some((column) => column.name === name))
      throw new KqlError(`bag_unpack would add a column '${name}', which the rows have already`, operator.pos);
    const member = q.dialect.member(ident(bagAlias), key);
    // ClickHouse gives "" for a property a bag lacks; PostgreSQL null, as Kusto does.
    const value = q.dialect.name === "clickhouse" ? sql`nullIf(${member}, ${""}::text)` : member;
    const column: TColumn = { name, type, alias: q.newAlias() };
    return { column, sql: sql`${asType(c, { sql: value, type: "dynamic" }, type)} AS ${ident(column.alias)}` };
  });
  const select = [...kept.map((column) => ident(column.alias)), ...added.map((entry) => entry.sql)];
  return q.addStage(sql`SELECT ${join(select)} FROM ${ident(withBag.cte)}`, [
    ...kept,
    ...added.map((entry) => entry.column),
  ]);
}

/** The distinct properties of the bags, one more than MAX_BAG_KEYS at most. */
function keysStatement(q: QueryCompiler, relation: TRelation, bagAlias: string): TSql {
  const bag = ident(bagAlias);
  const keys =
    q.dialect.name === "postgres"
      ? sql`SELECT DISTINCT ${ident("key")} COLLATE ${ident("C")} AS ${ident("key")} FROM ${ident(relation.cte)} CROSS JOIN LATERAL jsonb_object_keys(CASE WHEN jsonb_typeof(${bag}) = ${"object"}::text THEN ${bag} END) AS ${ident("key")} ORDER BY 1`
      : sql`SELECT DISTINCT arrayJoin(JSONExtractKeys(coalesce(${bag}, ${"{}"}::text))) AS ${ident("key")} FROM ${ident(relation.cte)} ORDER BY ${ident("key")}`;
  // Byte order in both stores, so that the columns come in the same order whichever answers.
  return q.statementOf(sql`${keys} LIMIT ${longParam(MAX_BAG_KEYS + 1)}`);
}
