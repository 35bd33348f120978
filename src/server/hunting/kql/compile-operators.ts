// One function per tabular operator: each reads the previous stage and adds the next (or, for project-away,
// project-rename and render, only changes what the query sees). Rows keep their order through where, project,
// extend and take after a sort: PostgreSQL never flattens a subquery that has ORDER BY, and scanning it keeps order.
import type { TExpr, TNamedExpr, TOperator, TSortKey } from "./ast";
import { AGGREGATES, ROW_PICKERS } from "./aggregate-functions";
import type { TColumn } from "./base-tables";
import type { ExpressionCompiler, TLetEnv } from "./compile-expression";
import type { QueryCompiler, TRelation } from "./compile-kql";
import { compileJoin } from "./compile-join";
import { compileMvExpand } from "./compile-mv-expand";
import { compileParse } from "./compile-parse";
import { compileUnion } from "./compile-union";
import { compileMakeSeries } from "./compile-make-series";
import { compileBagUnpack } from "./compile-bag-unpack";
import { TUPLE_FUNCTIONS } from "./series-functions";
import { columnList, columnTyped, findColumn, inferName, uniqueName } from "./relation-columns";
import { KqlError } from "./kql-error";
import type { TKqlType, TTyped } from "./kql-types";
import { boolParam, EMPTY, ident, join, keyword, longParam, sql, type TSql } from "./sql";

const CHART_KINDS = new Set([
  "table",
  "timechart",
  "barchart",
  "columnchart",
  "piechart",
  "linechart",
  "areachart",
  "stackedareachart",
  "scatterchart",
  "card",
  "anomalychart",
  "pivotchart",
  "ladderchart",
  "timepivot",
  "treemap",
]);

export function applyOperator(q: QueryCompiler, relation: TRelation, operator: TOperator, env: TLetEnv): TRelation {
  switch (operator.kind) {
    case "where": {
      const predicate = q.expressions(relation, env).expect(operator.predicate, ["bool"], "The condition of where");
      return q.addStage(
        sql`SELECT ${columnList(relation.columns)} FROM ${ident(relation.cte)} WHERE ${predicate.sql}`,
        relation.columns,
        relation.isGrouped,
      );
    }
    case "project":
      return project(q, relation, operator.items, env);
    case "extend":
      return extend(q, relation, operator.items, env);
    case "project-away":
      return projectAway(relation, operator);
    case "project-rename":
      return projectRename(relation, operator);
    case "summarize":
      return summarize(q, relation, operator, env);
    case "sort":
      return q.addStage(
        sql`SELECT ${columnList(relation.columns)} FROM ${ident(relation.cte)} ORDER BY ${orderBy(q.expressions(relation, env), relation, operator.keys)}`,
        relation.columns,
      );
    case "top": {
      const limit = rowCount(q.expressions(relation, env), operator.count, "top");
      const keys = orderBy(q.expressions(relation, env), relation, operator.keys);
      return q.addStage(
        sql`SELECT ${columnList(relation.columns)} FROM ${ident(relation.cte)} ORDER BY ${keys} LIMIT ${limit}`,
        relation.columns,
      );
    }
    case "take":
      return q.addStage(
        sql`SELECT ${columnList(relation.columns)} FROM ${ident(relation.cte)} LIMIT ${rowCount(q.expressions(relation, env), operator.count, "take")}`,
        relation.columns,
      );
    case "distinct": {
      const columns = operator.columns
        ? operator.columns.map(({ name, pos }) => findColumn(relation, name, pos))
        : relation.columns;
      return q.addStage(sql`SELECT DISTINCT ${columnList(columns)} FROM ${ident(relation.cte)}`, columns, true);
    }
    case "count": {
      const alias = q.newAlias();
      return q.addStage(sql`SELECT count(*) AS ${ident(alias)} FROM ${ident(relation.cte)}`, [
        { name: "Count", type: "long", alias },
      ]);
    }
    case "join":
      return compileJoin(q, relation, operator, env);
    case "mv-expand":
      return compileMvExpand(q, relation, operator, env);
    case "parse":
      return compileParse(q, relation, operator, env);
    case "union":
      return compileUnion(q, relation, operator.union, env, operator.pos);
    case "make-series":
      return compileMakeSeries(q, relation, operator, env);
    case "bag_unpack":
      return compileBagUnpack(q, relation, operator, env);
    case "render":
      if (!CHART_KINDS.has(operator.chart))
        throw new KqlError(
          `\`${operator.chart}\` is not a chart type: use ${[...CHART_KINDS].join(", ")}`,
          operator.pos,
        );
      q.chart = operator.chart;
      return relation;
  }
}

/** A column's type: a bare null is typed as a string, the type Kusto prints it with. */
const columnType = (typed: TTyped): TKqlType => (typed.type === "null" ? "string" : typed.type);

function project(q: QueryCompiler, relation: TRelation, items: TNamedExpr[], env: TLetEnv): TRelation {
  const c = q.expressions(relation, env);
  const columns: TColumn[] = [];
  const select: TSql[] = [];
  let unnamed = 0;
  for (const item of items) {
    const existing =
      item.expr.kind === "column" && (item.name === null || item.name === item.expr.name)
        ? relation.columns.find((column) => column.name === (item.expr as { name: string }).name)
        : undefined;
    const name = item.name ?? inferName(item.expr, false) ?? `Column${++unnamed}`;
    if (columns.some((column) => column.name === name))
      throw new KqlError(`The column name '${name}' is used twice in project`, item.pos);
    if (existing) {
      columns.push(existing);
      select.push(ident(existing.alias));
      continue;
    }
    const typed = c.compile(item.expr);
    const alias = q.newAlias();
    columns.push({ name, type: columnType(typed), alias });
    select.push(sql`${typed.sql} AS ${ident(alias)}`);
  }
  return q.addStage(sql`SELECT ${join(select)} FROM ${ident(relation.cte)}`, columns, relation.isGrouped);
}

function extend(q: QueryCompiler, relation: TRelation, items: TNamedExpr[], env: TLetEnv): TRelation {
  // Later items may use earlier ones (extend a = 1, b = a + 1): their SQL is inlined through a growing scope.
  const scope = new Map<string, TTyped>(relation.columns.map((column) => [column.name, columnTyped(column)]));
  let kept = relation.columns;
  const added: { column: TColumn; sql: TSql }[] = [];
  let unnamed = 0;
  for (const item of items) {
    const c = q.expressions(relation, env).withColumns(scope);
    for (const { name, typed } of extendedColumns(c, item, () => `Column${++unnamed}`)) {
      const alias = q.newAlias();
      // A name that exists already is replaced, and moves to the end, as in Kusto.
      kept = kept.filter((column) => column.name !== name);
      const index = added.findIndex((entry) => entry.column.name === name);
      if (index !== -1) added.splice(index, 1);
      added.push({ column: { name, type: columnType(typed), alias }, sql: sql`${typed.sql} AS ${ident(alias)}` });
      scope.set(name, typed);
    }
  }
  const select = [...kept.map((column) => ident(column.alias)), ...added.map((entry) => entry.sql)];
  return q.addStage(
    sql`SELECT ${join(select)} FROM ${ident(relation.cte)}`,
    [...kept, ...added.map((entry) => entry.column)],
    relation.isGrouped,
  );
}

/**
 * The columns one item of extend adds: one, or for a function of several results (series_decompose_anomalies) the
 * results that `(A, B, C) =` names, all of them named f_<arg>_<result> when unnamed, the first one for `A =`.
 */
function extendedColumns(
  c: ExpressionCompiler,
  item: TNamedExpr,
  unnamed: () => string,
): { name: string; typed: TTyped }[] {
  const tuple = item.expr.kind === "call" ? TUPLE_FUNCTIONS[item.expr.name] : undefined;
  if (!tuple) {
    if (item.names)
      throw new KqlError(
        "(A, B) = … names the results of a function of several, e.g. series_decompose_anomalies()",
        item.pos,
      );
    return [{ name: item.name ?? inferName(item.expr, false) ?? unnamed(), typed: c.compile(item.expr) }];
  }
  const call = item.expr as Extract<TExpr, { kind: "call" }>;
  const results = tuple(call, c);
  if (item.names && item.names.length > results.length)
    throw new KqlError(`${call.name}() has ${results.length} results, not ${item.names.length}`, item.pos);
  if (item.names && new Set(item.names).size < item.names.length)
    throw new KqlError("The same column is named twice in (A, B) =", item.pos);
  const names =
    item.names ??
    (item.name !== null
      ? [item.name]
      : results.map(({ suffix }) => `${call.name}_${(call.args[0] && inferName(call.args[0], true)) ?? ""}_${suffix}`));
  return names.map((name, index) => ({ name, typed: results[index].value }));
}

function projectAway(relation: TRelation, operator: Extract<TOperator, { kind: "project-away" }>): TRelation {
  let columns = relation.columns;
  for (const { pattern, pos } of operator.patterns) {
    const regex = new RegExp(
      `^${pattern
        .split("*")
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    );
    const remaining = columns.filter((column) => !regex.test(column.name));
    if (!pattern.includes("*") && remaining.length === columns.length)
      throw new KqlError(`There is no column '${pattern}' to remove`, pos);
    columns = remaining;
  }
  if (columns.length === 0) throw new KqlError("project-away would remove every column", operator.pos);
  return { ...relation, columns };
}

function projectRename(relation: TRelation, operator: Extract<TOperator, { kind: "project-rename" }>): TRelation {
  let columns = relation.columns;
  for (const { name, from, pos } of operator.items) {
    const column = findColumn({ ...relation, columns }, from, pos);
    if (name !== from && columns.some((other) => other.name === name))
      throw new KqlError(`There is already a column '${name}'`, pos);
    columns = columns.map((other) => (other === column ? { ...column, name } : other));
  }
  return { ...relation, columns };
}

function orderBy(c: ExpressionCompiler, relation: TRelation, keys: TSortKey[]): TSql {
  return join(
    keys.map((key) => {
      const value = c.compile(key.expr);
      const direction = keyword(key.isDescending ? "DESC" : "ASC");
      // Kusto puts nulls last when descending and first when ascending, unless told; PostgreSQL does the opposite.
      // A column that is never null needs no clause, which keeps `sort by Timestamp desc` on the timestamp index.
      const isNotNull =
        key.expr.kind === "column" &&
        relation.columns.some((column) => column.name === (key.expr as { name: string }).name && column.isNotNull);
      if (isNotNull && key.nulls === null) return sql`${value.sql} ${direction}`;
      const nulls = key.nulls ?? (key.isDescending ? "last" : "first");
      return sql`${value.sql} ${direction} ${keyword(nulls === "first" ? "NULLS FIRST" : "NULLS LAST")}`;
    }),
  );
}

function rowCount(c: ExpressionCompiler, expr: TExpr, operator: string): TSql {
  const literal = c.constant(expr);
  if (literal?.kind !== "long" || BigInt(literal.value) < 0n)
    throw new KqlError(`${operator} needs a constant number of rows, 0 or more`, expr.pos);
  return longParam(literal.value);
}

function summarize(
  q: QueryCompiler,
  relation: TRelation,
  operator: Extract<TOperator, { kind: "summarize" }>,
  env: TLetEnv,
): TRelation {
  const rows = q.expressions(relation, env);
  const taken = new Set<string>();
  const named = (item: TNamedExpr, fallback: () => string): string => {
    if (item.name !== null && taken.has(item.name))
      throw new KqlError(`The column name '${item.name}' is used twice in summarize`, item.pos);
    const name = item.name ?? uniqueName(fallback(), taken);
    taken.add(name);
    return name;
  };
  let unnamed = 0;
  const by = operator.by.map((item) => {
    const typed = rows.compile(item.expr);
    return {
      column: {
        name: named(item, () => inferName(item.expr, true) ?? `Column${++unnamed}`),
        type: columnType(typed),
        alias: q.newAlias(),
      },
      sql: typed.sql,
    };
  });
  const nameOf = (item: TNamedExpr) =>
    named(item, () =>
      item.expr.kind === "call" && AGGREGATES[item.expr.name]
        ? `${AGGREGATES[item.expr.name].prefix}_${item.expr.args[0] ? (inferName(item.expr.args[0], true) ?? "") : ""}`
        : `Column${++unnamed}`,
    );
  const isPicker = (item: TNamedExpr) => item.expr.kind === "call" && ROW_PICKERS.has(item.expr.name);
  if (!operator.aggregates.some(isPicker)) return aggregate(q, relation, operator.aggregates, by, nameOf, env);
  if (operator.aggregates.length === 1) return pickRows(q, relation, operator.aggregates[0], by, taken, rows);
  // arg_max() beside other aggregations: each picker and the other aggregations are grouped apart (names given in
  // the order written), then put side by side on the by keys.
  const names = new Map<TNamedExpr, string>();
  const picked: TRelation[] = [];
  const order: string[] = by.map((entry) => entry.column.name);
  for (const item of operator.aggregates) {
    if (isPicker(item)) {
      const part = pickRows(q, relation, item, by, taken, rows);
      picked.push(part);
      order.push(...part.columns.slice(by.length).map((column) => column.name));
    } else {
      names.set(item, nameOf(item));
      order.push(names.get(item)!);
    }
  }
  const grouped =
    names.size > 0 ? [aggregate(q, relation, [...names.keys()], by, (item) => names.get(item)!, env)] : [];
  const beside = besideOnKeys(q, [...grouped, ...picked], by.length);
  return { ...beside, columns: order.map((name) => beside.columns.find((column) => column.name === name)!) };
}

/** Summarize's aggregations (no row pickers) grouped by the by keys. */
export function aggregate(
  q: QueryCompiler,
  relation: TRelation,
  items: TNamedExpr[],
  by: { column: TColumn; sql: TSql }[],
  nameOf: (item: TNamedExpr) => string,
  env: TLetEnv,
): TRelation {
  const distinct = distinctCountArgument(q.expressions(relation, env), items);
  if (distinct) return summarizeDistinct(q, relation, items, by, distinct, nameOf);
  const aggregates = q.expressions(relation, env, true);
  const outputs = items.map((item) => {
    const typed = aggregates.compile(item.expr);
    return { column: { name: nameOf(item), type: columnType(typed), alias: q.newAlias() }, sql: typed.sql };
  });
  const all = [...by, ...outputs];
  const select = join(all.map((entry) => sql`${entry.sql} AS ${ident(entry.column.alias)}`));
  const groupBy = by.length > 0 ? sql` GROUP BY ${positions(by.length)}` : EMPTY;
  return q.addStage(
    sql`SELECT ${select} FROM ${ident(relation.cte)}${groupBy}`,
    all.map((entry) => entry.column),
    true,
  );
}

/**
 * Grouped results that start with the same `keyCount` by keys, one row per group each, side by side: the keys once,
 * then every part's other columns in order. A null key is a group too, so keys match with IS NOT DISTINCT FROM.
 */
function besideOnKeys(q: QueryCompiler, parts: TRelation[], keyCount: number): TRelation {
  const [first, ...rest] = parts;
  const side = (index: number) => ident(parts[index].cte);
  const keys = first.columns.slice(0, keyCount);
  const output = [
    ...keys.map((column) => ({
      column: { ...column, alias: q.newAlias() },
      sql: sql`${side(0)}.${ident(column.alias)}`,
    })),
    ...parts.flatMap((part, index) =>
      part.columns.slice(keyCount).map((column) => ({
        column: { ...column, alias: q.newAlias() },
        sql: sql`${side(index)}.${ident(column.alias)}`,
      })),
    ),
  ];
  const joins = rest.map((part, index) => {
    const on =
      keyCount === 0
        ? boolParam(true)
        : join(
            keys.map(
              (column, key) =>
                sql`${side(0)}.${ident(column.alias)} IS NOT DISTINCT FROM ${side(index + 1)}.${ident(part.columns[key].alias)}`,
            ),
            " AND ",
          );
    return sql` LEFT JOIN ${ident(part.cte)} ON ${on}`;
  });
  return q.addStage(
    sql`SELECT ${join(output.map((entry) => sql`${entry.sql} AS ${ident(entry.column.alias)}`))} FROM ${ident(first.cte)}${join(joins, "")}`,
    output.map((entry) => entry.column),
    true,
  );
}

/**
 * The one expression every dcount() of this summarize counts, when its aggregations are only count() and dcount()
 * of that expression; else null. Such a summarize is compiled in two levels (summarizeDistinct).
 */
function distinctCountArgument(rows: ExpressionCompiler, items: TNamedExpr[]): TTyped | null {
  let argument: TTyped | null = null;
  for (const { expr } of items) {
    if (expr.kind !== "call") return null;
    if (expr.name === "count" && expr.args.length === 0) continue;
    if (expr.name !== "dcount" || expr.args.length < 1 || expr.args.length > 2) return null;
    const value = rows.compile(expr.args[0]);
    if (
      argument &&
      (argument.sql.sql !== value.sql.sql || JSON.stringify(argument.sql.values) !== JSON.stringify(value.sql.values))
    )
      return null;
    argument = value;
  }
  return argument;
}

/**
 * `summarize count(), dcount(X) by Keys` as GROUP BY Keys, X and then GROUP BY Keys: one hash aggregation of the
 * (few) distinct pairs instead of count(DISTINCT), which sorts every group's rows and spills at the default work_mem
 * (measured 1,282 → 434 ms at a million rows). A null X is a group of its own inside and is not counted outside.
 */
function summarizeDistinct(
  q: QueryCompiler,
  relation: TRelation,
  items: TNamedExpr[],
  by: { column: TColumn; sql: TSql }[],
  argument: TTyped,
  nameOf: (item: TNamedExpr) => string,
): TRelation {
  const valueAlias = q.newAlias();
  const rowsAlias = q.newAlias();
  const inner = join([
    ...by.map((entry) => sql`${entry.sql} AS ${ident(entry.column.alias)}`),
    sql`${argument.sql} AS ${ident(valueAlias)}`,
    sql`count(*) AS ${ident(rowsAlias)}`,
  ]);
  const pairs = q.addStage(
    sql`SELECT ${inner} FROM ${ident(relation.cte)} GROUP BY ${positions(by.length + 1)}`,
    [],
    true,
  );
  const outputs = items.map((item) => {
    const isCount = (item.expr as Extract<TExpr, { kind: "call" }>).name === "count";
    const value = isCount ? sql`coalesce(sum(${ident(rowsAlias)}), 0)::bigint` : sql`count(${ident(valueAlias)})`;
    return { column: { name: nameOf(item), type: "long" as const, alias: q.newAlias() }, sql: value };
  });
  const all = [...by.map((entry) => ({ column: entry.column, sql: ident(entry.column.alias) })), ...outputs];
  const groupBy = by.length > 0 ? sql` GROUP BY ${positions(by.length)}` : EMPTY;
  return q.addStage(
    sql`SELECT ${join(all.map((entry) => sql`${entry.sql} AS ${ident(entry.column.alias)}`))} FROM ${ident(pairs.cte)}${groupBy}`,
    all.map((entry) => entry.column),
    true,
  );
}

/** GROUP BY 1, 2, …: the by expressions by position, so each is written (and its parameters bound) once. */
const positions = (count: number, from = 1): TSql =>
  join(Array.from({ length: count }, (_, index) => keyword(String(from + index))));

/**
 * summarize arg_max(Expr, Col, …) by Keys: per group, the row where Expr is largest (arg_min: smallest), as
 * DISTINCT ON (keys) … ORDER BY keys, Expr DESC. `*` takes every other column.
 */
function pickRows(
  q: QueryCompiler,
  relation: TRelation,
  picker: TNamedExpr,
  by: { column: TColumn; sql: TSql }[],
  taken: Set<string>,
  rows: ExpressionCompiler,
): TRelation {
  const call = picker.expr as Extract<TExpr, { kind: "call" }>;
  if (call.args.length < 2)
    throw new KqlError(`${call.name}() takes the expression to maximise, then columns or *`, call.pos);
  const [target, ...wanted] = call.args;
  const extreme = rows.compile(target);
  const extremeName =
    picker.name ?? uniqueName(inferName(target, true) ?? `${call.name === "arg_max" ? "max" : "min"}_`, taken);
  taken.add(extremeName);
  const picked: { column: TColumn; sql: TSql }[] = [
    { column: { name: extremeName, type: columnType(extreme), alias: q.newAlias() }, sql: extreme.sql },
  ];
  const sources = wanted.flatMap((arg) => {
    if (arg.kind === "star")
      return relation.columns.filter(
        (column) => !taken.has(column.name) && !(target.kind === "column" && column.name === target.name),
      );
    if (arg.kind !== "column")
      throw new KqlError(`${call.name}() takes column names or * after the expression`, arg.pos);
    return [findColumn(relation, arg.name, arg.pos)];
  });
  for (const source of sources) {
    const name = uniqueName(source.name, taken);
    taken.add(name);
    picked.push({ column: { ...source, name, alias: q.newAlias() }, sql: ident(source.alias) });
  }
  const all = [...by, ...picked];
  const select = join(all.map((entry) => sql`${entry.sql} AS ${ident(entry.column.alias)}`));
  const direction = keyword(call.name === "arg_max" ? "DESC NULLS LAST" : "ASC NULLS LAST");
  const body =
    by.length > 0
      ? sql`SELECT DISTINCT ON (${positions(by.length)}) ${select} FROM ${ident(relation.cte)} ORDER BY ${positions(by.length)}, ${keyword(String(by.length + 1))} ${direction}`
      : sql`SELECT ${select} FROM ${ident(relation.cte)} ORDER BY 1 ${direction} LIMIT 1`;
  return q.addStage(
    body,
    all.map((entry) => entry.column),
    true,
  );
}
