// mv-expand: one row per element of a dynamic array (per property of a bag), the other columns repeated, as in
// Kusto: a null value keeps its row (with null), an empty array or bag drops it. PostgreSQL only (jsonb functions);
// the ClickHouse dialect refuses it, so such a query runs on PostgreSQL.
import type { TOperator } from "./ast";
import type { TColumn } from "./base-tables";
import type { TLetEnv } from "./compile-expression";
import type { QueryCompiler, TRelation } from "./compile-kql";
import { KqlError, notSupported } from "./kql-error";
import { KQL_TYPE_NAMES, type TKqlType, type TTyped } from "./kql-types";
import { inferName } from "./relation-columns";
import { EMPTY, ident, join, keyword, longParam, sql, type TSql } from "./sql";

export function compileMvExpand(
  q: QueryCompiler,
  relation: TRelation,
  operator: Extract<TOperator, { kind: "mv-expand" }>,
  env: TLetEnv,
): TRelation {
  q.dialect.refuse("mv-expand", operator.pos);
  if (operator.items.length > 1) throw notSupported("mv-expand of several columns at once", operator.items[1].pos);
  const [item] = operator.items;
  const c = q.expressions(relation, env);
  const compiled = c.compile(item.expr);
  if (compiled.type !== "dynamic" && compiled.type !== "null")
    throw new KqlError(
      `mv-expand needs a dynamic value (an array or a property bag), not ${compiled.type}`,
      item.expr.pos,
    );
  const value = c.castTo(compiled, "dynamic").sql;
  const [entries, key, property, elements, element, ordinal] = Array.from({ length: 6 }, () => q.newAlias());
  const pair =
    operator.bagKind === "bag"
      ? sql`jsonb_build_object(${ident(key)}, ${ident(property)})`
      : sql`jsonb_build_array(${ident(key)}, ${ident(property)})`;
  const properties = sql`(SELECT coalesce(jsonb_agg(${pair}), ${"[]"}::jsonb) FROM jsonb_each(${value}) AS ${ident(entries)}(${ident(key)}, ${ident(property)}))`;
  const array = sql`CASE jsonb_typeof(${value}) WHEN ${"array"}::text THEN ${value} WHEN ${"object"}::text THEN ${properties} ELSE jsonb_build_array(${value}) END`;
  const expanded: TTyped = {
    sql: sql`NULLIF(${ident(elements)}.${ident(element)}, ${"null"}::jsonb)`,
    type: "dynamic",
  };
  const type = item.typeName ? KQL_TYPE_NAMES[item.typeName.name] : "dynamic";
  if (!type)
    throw new KqlError(
      `\`${item.typeName!.name}\` is not a type: use ${Object.keys(KQL_TYPE_NAMES).join(", ")}`,
      item.typeName!.pos,
    );

  const name = item.name ?? inferName(item.expr, true) ?? "Column1";
  const column: TColumn = { name, type, alias: q.newAlias() };
  const isReplaced = relation.columns.some((other) => other.name === name);
  const columns = isReplaced
    ? relation.columns.map((other) => (other.name === name ? column : other))
    : [...relation.columns, column];
  const select: TSql[] = columns.map((other) =>
    other === column
      ? sql`${asType(c, expanded, type)} AS ${ident(column.alias)}`
      : sql`${ident(relation.cte)}.${ident(other.alias)}`,
  );
  if (operator.indexName) {
    const index: TColumn = { name: operator.indexName, type: "long", alias: q.newAlias() };
    if (columns.some((other) => other.name === index.name))
      throw new KqlError(`There is already a column '${index.name}'`, operator.pos);
    columns.push(index);
    select.push(sql`(${ident(elements)}.${ident(ordinal)} - 1) AS ${ident(index.alias)}`);
  }
  const limit = operator.limit ? c.constant(operator.limit) : null;
  if (operator.limit && (limit?.kind !== "long" || BigInt(limit.value) < 0n))
    throw new KqlError("The limit of mv-expand must be a constant number, 0 or more", operator.limit.pos);
  const where =
    limit?.kind === "long" ? sql` WHERE ${ident(elements)}.${ident(ordinal)} <= ${longParam(limit.value)}` : EMPTY;
  const from = sql`${ident(relation.cte)} CROSS JOIN LATERAL jsonb_array_elements(${array}) WITH ORDINALITY AS ${ident(elements)}(${ident(element)}, ${ident(ordinal)})`;
  return q.addStage(sql`SELECT ${join(select)} FROM ${from}${where}`, columns);
}

/** `to typeof(T)`: an element of another kind becomes null (a string is its text). */
function asType(c: ReturnType<QueryCompiler["expressions"]>, value: TTyped, type: TKqlType): TSql {
  switch (type) {
    case "dynamic":
      return value.sql;
    case "string":
      return c.toText(value);
    case "bool":
      return c.dialect.dynamicScalar(value.sql, "bool");
    case "real":
      return c.dialect.dynamicScalar(value.sql, "real");
    case "int":
    case "long":
      return sql`trunc(${c.dialect.dynamicScalar(value.sql, "real")})::${keyword(type === "int" ? "integer" : "bigint")}`;
    default:
      return c.dialect.parseDatetime(c.toText(value), "^\\d{4}-\\d{2}-\\d{2}");
  }
}
