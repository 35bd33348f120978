// Functions of several results, which extend names with `(A, B, C) = f(…)` (or f_<arg>_<result> when unnamed).
//
// series_decompose_anomalies(series [, threshold = 1.5, …]): Kusto's result shape (ad_flag, ad_score, baseline, each a
// dynamic array as long as the series) from a simpler method than Kusto's: no seasonal or trend part (the further
// arguments are read as constants and change nothing). The baseline is the series' median; Tukey's fence on the values
// gives the score, the distance beyond the first or third quartile in interquartile ranges (0 between them; a range of
// 0 counts as 1, so that a spike in an otherwise flat series still stands out), and the flag is 1 above the threshold,
// -1 below minus it, 0 otherwise. Quartiles interpolate linearly (percentile_cont, quantileExactInclusive); elements
// that are not numbers get flag 0, score 0.
import type { TExpr } from "./ast";
import type { ExpressionCompiler } from "./compile-expression";
import { KqlError } from "./kql-error";
import type { TTyped } from "./kql-types";
import { arity } from "./scalar-functions";
import { ident, keyword, longParam, realParam, sql, type TSql } from "./sql";

type TCall = Extract<TExpr, { kind: "call" }>;

/** Each result with the suffix Kusto names it by. */
export type TTupleFunction = (call: TCall, c: ExpressionCompiler) => { suffix: string; value: TTyped }[];

/** One element's statistics: the element (null when not a number) and the series' quartiles. */
type TStats = { x: TSql; q1: TSql; median: TSql; q3: TSql };

function decomposeAnomalies(call: TCall, c: ExpressionCompiler) {
  arity(call, 1, 7);
  const series = c.expect(call.args[0], ["dynamic"], "The series of series_decompose_anomalies()").sql;
  const literal = call.args[1] ? c.constant(call.args[1]) : null;
  const threshold =
    literal?.kind === "real" || literal?.kind === "long" ? Number(literal.value) : call.args[1] ? 0 : 1.5;
  if (call.args[1] && !(threshold > 0))
    throw new KqlError(
      "The threshold of series_decompose_anomalies() must be a constant number above 0",
      call.args[1].pos,
    );
  for (const arg of call.args.slice(2))
    if (!c.constant(arg))
      throw new KqlError("The arguments of series_decompose_anomalies() must be constants", arg.pos);
  const k = realParam(threshold);
  const score = ({ x, q1, q3 }: TStats) => {
    const scale = sql`(CASE WHEN ${q3} > ${q1} THEN ${q3} - ${q1} ELSE ${realParam(1)} END)`;
    return sql`(CASE WHEN ${x} > ${q3} THEN (${x} - ${q3}) / ${scale} WHEN ${x} < ${q1} THEN (${x} - ${q1}) / ${scale} ELSE ${realParam(0)} END)`;
  };
  const flag = (stats: TStats) =>
    sql`(CASE WHEN ${score(stats)} > ${k} THEN ${longParam(1)} WHEN ${score(stats)} < - ${k} THEN ${longParam(-1)} ELSE ${longParam(0)} END)`;
  const each = c.dialect.name === "postgres" ? eachInPostgres : eachInClickHouse;
  return [
    { suffix: "ad_flag", value: { sql: each(c, series, flag), type: "dynamic" as const } },
    { suffix: "ad_score", value: { sql: each(c, series, score), type: "dynamic" as const } },
    { suffix: "baseline", value: { sql: each(c, series, (stats) => stats.median), type: "dynamic" as const } },
  ];
}

const quartile = (fraction: number, value: TSql) =>
  sql`percentile_cont(${realParam(fraction)}) WITHIN GROUP (ORDER BY ${value})`;

/** A jsonb array of `per` over the series' elements in order, with the series' quartiles beside each. */
function eachInPostgres(c: ExpressionCompiler, series: TSql, per: (stats: TStats) => TSql): TSql {
  const elements = sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${series}) = ${"array"}::text THEN ${series} ELSE ${"[]"}::jsonb END)`;
  const [all, value, element, position, stats] = ["sda_all", "sda_w", "sda_e", "sda_n", "sda_s"].map(ident);
  const number = c.dialect.dynamicScalar(sql`${all}.${value}`, "real");
  const quartiles = sql`(SELECT ${quartile(0.25, number)} AS ${keyword('"q1"')}, ${quartile(0.5, number)} AS ${keyword('"median"')}, ${quartile(0.75, number)} AS ${keyword('"q3"')} FROM ${elements} AS ${all}(${value}))`;
  const out = per({
    x: c.dialect.dynamicScalar(sql`${element}.${value}`, "real"),
    q1: sql`${stats}.${keyword('"q1"')}`,
    median: sql`${stats}.${keyword('"median"')}`,
    q3: sql`${stats}.${keyword('"q3"')}`,
  });
  return sql`(SELECT coalesce(jsonb_agg(${out} ORDER BY ${element}.${position}), ${"[]"}::jsonb) FROM ${elements} WITH ORDINALITY AS ${element}(${value}, ${position}) CROSS JOIN ${quartiles} AS ${stats})`;
}

/** The same over ClickHouse's JSON text: the numbers as an array, `per` mapped over it. */
function eachInClickHouse(c: ExpressionCompiler, series: TSql, per: (stats: TStats) => TSql): TSql {
  const [value, x] = [keyword("sda_v"), keyword("sda_x")];
  const numbers = sql`arrayMap(lambda(tuple(${value}), ${c.dialect.dynamicScalar(value, "real")}), JSONExtractArrayRaw(coalesce(${series}, ${"[]"}::text)))`;
  const at = (fraction: number) => sql`arrayReduce(${`quantileExactInclusive(${fraction})`}::text, ${numbers})`;
  const out = per({ x, q1: at(0.25), median: at(0.5), q3: at(0.75) });
  return sql`toJSONString(arrayMap(lambda(tuple(${x}), ${out}), ${numbers}))`;
}

export const TUPLE_FUNCTIONS: Record<string, TTupleFunction> = {
  series_decompose_anomalies: decomposeAnomalies,
};
