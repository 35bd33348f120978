// mv-expand: one row per element of a dynamic array (per property of a bag), the other columns repeated, as in
// Kusto: a null value keeps its row (with null), an empty array or bag drops it. Several columns expand side by side,
// element by element, the shorter ones filled with null.
import type { TOperator } from "./ast";
import type { TColumn } from "./base-tables";
import type { TLetEnv } from "./compile-expression";
import type { QueryCompiler, TRelation } from "./compile-kql";
import { KqlError } from "./kql-error";
import { KQL_TYPE_NAMES, type TKqlType, type TTyped } from "./kql-types";
import { columnList, inferName } from "./relation-columns";
import { EMPTY, ident, join, keyword, longParam, sql, type TSql } from "./sql";

/** `source`: the stage that holds the other columns. */
type TExpansion = { from: TSql; source: string; elements: TSql[]; ordinal: TSql };

export function compileMvExpand(
  q: QueryCompiler,
  relation: TRelation,
  operator: Extract<TOperator, { kind: "mv-expand" }>,
  env: TLetEnv,
): TRelation {
  const c = q.expressions(relation, env);
  const taken = new Set<string>();
  const items = operator.items.map((item) => {
    const compiled = c.compile(item.expr);
    if (compiled.type !== "dynamic" && compiled.type !== "null")
      throw new KqlError(
        `mv-expand needs a dynamic value (an array or a property bag), not ${compiled.type}`,
        item.expr.pos,
      );
    const type = item.typeName ? KQL_TYPE_NAMES[item.typeName.name] : "dynamic";
    if (!type)
      throw new KqlError(
        `\`${item.typeName!.name}\` is not a type: use ${Object.keys(KQL_TYPE_NAMES).join(", ")}`,
        item.typeName!.pos,
      );
    const name = item.name ?? inferName(item.expr, true) ?? `Column${taken.size + 1}`;
    if (taken.has(name)) throw new KqlError(`The column name '${name}' is used twice in mv-expand`, item.pos);
    taken.add(name);
    return { value: c.castTo(compiled, "dynamic").sql, column: { name, type, alias: q.newAlias() } as TColumn };
  });

  const expansion = (q.dialect.name === "postgres" ? expandInPostgres : expandInClickHouse)(
    q,
    relation,
    items.map((item) => item.value),
    operator.bagKind,
  );
  const columns = relation.columns.map(
    (other) => items.find((item) => item.column.name === other.name)?.column ?? other,
  );
  columns.push(
    ...items
      .filter((item) => !relation.columns.some((other) => other.name === item.column.name))
      .map((item) => item.column),
  );
  const select: TSql[] = columns.map((other) => {
    const index = items.findIndex((item) => item.column === other);
    if (index === -1) return sql`${ident(expansion.source)}.${ident(other.alias)}`;
    const element: TTyped = { sql: expansion.elements[index], type: "dynamic" };
    return sql`${asType(c, element, other.type)} AS ${ident(other.alias)}`;
  });
  if (operator.indexName) {
    const index: TColumn = { name: operator.indexName, type: "long", alias: q.newAlias() };
    if (columns.some((other) => other.name === index.name))
      throw new KqlError(`There is already a column '${index.name}'`, operator.pos);
    columns.push(index);
    select.push(sql`(${expansion.ordinal} - 1) AS ${ident(index.alias)}`);
  }
  const limit = operator.limit ? c.constant(operator.limit) : null;
  if (operator.limit && (limit?.kind !== "long" || BigInt(limit.value) < 0n))
    throw new KqlError("The limit of mv-expand must be a constant number, 0 or more", operator.limit.pos);
  const where = limit?.kind === "long" ? sql` WHERE ${expansion.ordinal} <= ${longParam(limit.value)}` : EMPTY;
  return q.addStage(sql`SELECT ${join(select)} FROM ${expansion.from}${where}`, columns);
}

/** jsonb_array_elements of each value side by side (ROWS FROM pads the shorter with nulls), numbered from 1. */
function expandInPostgres(q: QueryCompiler, relation: TRelation, values: TSql[], bagKind: "bag" | "array"): TExpansion {
  const [entries, key, property, elements, ordinal] = Array.from({ length: 5 }, () => q.newAlias());
  const names = values.map(() => q.newAlias());
  const arrays = values.map((value) => {
    const pair =
      bagKind === "bag"
        ? sql`jsonb_build_object(${ident(key)}, ${ident(property)})`
        : sql`jsonb_build_array(${ident(key)}, ${ident(property)})`;
    const properties = sql`(SELECT coalesce(jsonb_agg(${pair}), ${"[]"}::jsonb) FROM jsonb_each(${value}) AS ${ident(entries)}(${ident(key)}, ${ident(property)}))`;
    return sql`jsonb_array_elements(CASE jsonb_typeof(${value}) WHEN ${"array"}::text THEN ${value} WHEN ${"object"}::text THEN ${properties} ELSE jsonb_build_array(${value}) END)`;
  });
  return {
    source: relation.cte,
    from: sql`${ident(relation.cte)} CROSS JOIN LATERAL ROWS FROM (${join(arrays)}) WITH ORDINALITY AS ${ident(elements)}(${join(
      [...names, ordinal].map((name) => ident(name)),
      ", ",
    )})`,
    elements: names.map((name) => sql`NULLIF(${ident(elements)}.${ident(name)}, ${"null"}::jsonb)`),
    ordinal: sql`${ident(elements)}.${ident(ordinal)}`,
  };
}

/**
 * Each value as an array of JSON texts (a bag's properties as one-property bags or [key, value] pairs), then ARRAY JOIN
 * of the positions up to the longest: an element past an array's end is null.
 */
function expandInClickHouse(
  q: QueryCompiler,
  relation: TRelation,
  values: TSql[],
  bagKind: "bag" | "array",
): TExpansion {
  const texts = keyword("Array(Nullable(String))");
  const pair = sql`lambda(tuple(${keyword("kv")}), concat(${bagKind === "bag" ? "{" : "["}::text, toJSONString(tupleElement(${keyword("kv")}, 1)), ${bagKind === "bag" ? ":" : ","}::text, tupleElement(${keyword("kv")}, 2), ${bagKind === "bag" ? "}" : "]"}::text))`;
  const arrays = values.map((value) => ({
    alias: q.newAlias(),
    sql: sql`multiIf(JSONType(${value}) = ${"Array"}::text, CAST(JSONExtractArrayRaw(${value}) AS ${texts}), JSONType(${value}) = ${"Object"}::text, CAST(arrayMap(${pair}, JSONExtractKeysAndValuesRaw(${value})) AS ${texts}), CAST(array(${value}) AS ${texts}))`,
  }));
  const withArrays = q.addStage(
    sql`SELECT ${columnList(relation.columns)}, ${join(arrays.map((array) => sql`${array.sql} AS ${ident(array.alias)}`))} FROM ${ident(relation.cte)}`,
    relation.columns,
  );
  const ordinal = q.newAlias();
  const longest = sql`arrayMax(array(${join(arrays.map((array) => sql`length(${ident(array.alias)})`))}))`;
  return {
    source: withArrays.cte,
    from: sql`${ident(withArrays.cte)} ARRAY JOIN range(1, ${longest} + 1) AS ${ident(ordinal)}`,
    elements: arrays.map(
      (array) => sql`nullIf(arrayElement(${ident(array.alias)}, ${ident(ordinal)}), ${"null"}::text)`,
    ),
    ordinal: ident(ordinal),
  };
}

/** `to typeof(T)`: an element of another kind becomes null (a string is its text). */
export function asType(c: ReturnType<QueryCompiler["expressions"]>, value: TTyped, type: TKqlType): TSql {
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
