// make-series: per group, each aggregation for every step-wide bin from `from` up to (not including) `to`, as a
// dynamic array, `default` (0 unless told) where a bin has no rows, and the bins' start times as a dynamic array
// under the `on` column's name. The rows are summarized per group and bin, then each group's series is gathered
// over every bin of the range.
import type { TOperator } from "./ast";
import { AGGREGATES } from "./aggregate-functions";
import type { TColumn } from "./base-tables";
import type { TLetEnv } from "./compile-expression";
import type { QueryCompiler, TRelation } from "./compile-kql";
import { aggregate } from "./compile-operators";
import { KqlError } from "./kql-error";
import { isNumeric, type TKqlType } from "./kql-types";
import { columnList, inferName, uniqueName } from "./relation-columns";
import { EMPTY, ident, join, keyword, longParam, sql, type TSql } from "./sql";
import type { TDialect } from "./dialect";

export function compileMakeSeries(
  q: QueryCompiler,
  relation: TRelation,
  operator: Extract<TOperator, { kind: "make-series" }>,
  env: TLetEnv,
): TRelation {
  const { dialect } = q;
  if (!operator.from || !operator.to)
    throw new KqlError(
      "make-series needs the range of its bins here: on Timestamp from ago(7d) to now() step 1d",
      operator.on.pos,
    );
  const c = q.expressions(relation, env);
  const on = c.expect(operator.on, ["datetime"], "The on column of make-series");
  const from = c.expect(operator.from, ["datetime"], "The start of make-series");
  const to = c.expect(operator.to, ["datetime"], "The end of make-series");
  const step = c.expect(operator.step, ["timespan"], "The step of make-series");
  const inRange = q.addStage(
    sql`SELECT ${columnList(relation.columns)} FROM ${ident(relation.cte)} WHERE ${on.sql} >= ${from.sql} AND ${on.sql} < ${to.sql}`,
    relation.columns,
  );

  const rows = q.expressions(inRange, env);
  const taken = new Set<string>();
  const by = operator.by.map((item, index) => {
    const typed = rows.compile(item.expr);
    const name = uniqueName(item.name ?? inferName(item.expr, true) ?? `Column${index + 1}`, taken);
    taken.add(name);
    return {
      column: { name, type: (typed.type === "null" ? "string" : typed.type) as TKqlType, alias: q.newAlias() },
      sql: typed.sql,
    };
  });
  const binName = uniqueName(inferName(operator.on, true) ?? "Timestamp", taken);
  taken.add(binName);
  const onRows = rows.compile(operator.on).sql;
  const bins = sql`floor(${dialect.seconds(dialect.between(onRows, from.sql))} / ${dialect.seconds(step.sql)})`;
  const bin = {
    column: { name: binName, type: "datetime" as const, alias: q.newAlias() },
    sql: dialect.shift(from.sql, "+", sql`(${step.sql} * ${bins})`),
  };
  const names = new Map(
    operator.aggregates.map((item) => {
      const call = item.expr.kind === "call" && AGGREGATES[item.expr.name] ? item.expr : null;
      const name = uniqueName(
        item.name ??
          (call
            ? `${AGGREGATES[call.name].prefix}_${call.args[0] ? (inferName(call.args[0], true) ?? "") : ""}`
            : "Column"),
        taken,
      );
      taken.add(name);
      return [item as typeof item, name];
    }),
  );
  const grouped = aggregate(
    q,
    inRange,
    operator.aggregates,
    [...by, bin],
    (item) => names.get(item as (typeof operator.aggregates)[number])!,
    env,
  );
  const keys = grouped.columns.slice(0, by.length);
  const binColumn = grouped.columns[by.length];
  const values = grouped.columns.slice(by.length + 1);

  const [points, point] = [q.newAlias(), q.newAlias()];
  const groups =
    by.length > 0 ? q.addStage(sql`SELECT DISTINCT ${columnList(keys)} FROM ${ident(grouped.cte)}`, keys) : null;
  const g = (column: TColumn) => sql`${ident(groups!.cte)}.${ident(column.alias)}`;
  const a = (column: TColumn) => sql`${ident(grouped.cte)}.${ident(column.alias)}`;
  const at = sql`${ident(points)}.${ident(point)}`;
  const match = join(
    [...keys.map((column) => sql`${a(column)} IS NOT DISTINCT FROM ${g(column)}`), sql`${a(binColumn)} = ${at}`],
    " AND ",
  );
  const series = values.map((column, index) => {
    const item = operator.aggregates[index];
    const fallback = item.fallback
      ? c.castTo(c.compile(item.fallback), column.type).sql
      : isNumeric(column.type)
        ? c.castTo({ sql: longParam(0), type: "long" }, column.type).sql
        : sql`NULL::${dialect.type(column.type)}`;
    return {
      column: { name: column.name, type: "dynamic" as const, alias: q.newAlias() },
      sql: inOrder(dialect, sql`coalesce(${a(column)}, ${fallback})`, at),
    };
  });
  const times = {
    column: { name: binColumn.name, type: "dynamic" as const, alias: q.newAlias() },
    sql: inOrder(dialect, c.toText({ sql: at, type: "datetime" }), at),
  };
  const output: { column: TColumn; sql: TSql }[] = [
    ...keys.map((column) => ({ column: { ...column, alias: q.newAlias() }, sql: g(column) })),
    ...series,
    times,
  ];
  const range =
    dialect.name === "postgres"
      ? sql`generate_series(${from.sql}, ${to.sql}, ${step.sql}) AS ${ident(points)}(${ident(point)})`
      : binsInClickHouse(dialect, from.sql, to.sql, step.sql, points, point);
  const source = groups ? sql`${ident(groups.cte)} CROSS JOIN ${range}` : range;
  const groupBy = keys.length > 0 ? sql` GROUP BY ${join(keys.map(g))}` : EMPTY;
  const body = sql`SELECT ${join(output.map((entry) => sql`${entry.sql} AS ${ident(entry.column.alias)}`))} FROM ${source} LEFT JOIN ${ident(grouped.cte)} ON ${match} WHERE ${at} < ${to.sql}${groupBy}`;
  return q.addStage(
    body,
    output.map((entry) => entry.column),
    true,
  );
}

/** The values of a group, ordered by their bin, as a dynamic array. */
function inOrder(dialect: TDialect, value: TSql, bin: TSql): TSql {
  return dialect.name === "postgres"
    ? sql`jsonb_agg(${value} ORDER BY ${bin})`
    : sql`toJSONString(tupleElement(arraySort(groupArray(tuple(${bin}, ${value}))), 2))`;
}

/** ClickHouse has no generate_series over datetimes: the bins' numbers from 0 (arrayJoin of a range), shifted. */
function binsInClickHouse(dialect: TDialect, from: TSql, to: TSql, step: TSql, points: string, point: string): TSql {
  const count = sql`toUInt64(greatest(0, ceil(${dialect.seconds(dialect.between(to, from))} / ${dialect.seconds(step)})))`;
  const number = keyword("bin_number");
  const start = dialect.shift(from, "+", sql`(${step} * ${number})`);
  return sql`(SELECT ${start} AS ${ident(point)} FROM (SELECT arrayJoin(range(${count})) AS ${number})) AS ${ident(points)}`;
}
