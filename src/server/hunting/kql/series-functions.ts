// Functions of several results, which extend names with `(A, B, C) = f(…)` (or f_<arg>_<result> when unnamed).
//
// series_decompose_anomalies(series [, threshold = 1.5, seasonality = -1, trend = "avg", test_points = 0,
// ad_method = "ctukey", seasonality_threshold = 0.6]): Kusto's result shape (ad_flag, ad_score, baseline, each a
// dynamic array as long as the series) from Kusto's method, written once over a few array operations (TArrays) that
// each store spells its own way (PostgreSQL: float8[] with unnest/ARRAY(SELECT …); ClickHouse: arrays and lambdas):
// - baseline = trend + seasonal. Trend "avg" (Kusto's default) is the mean, "linefit" the least-squares line over
//   the index (from 0), "none" 0.
// - seasonal, for a period p > 1, is the per-phase (index mod p) median of the detrended series (the median, as
//   Kusto's series_seasonal() documents, so that a spike does not lower its hour's baseline on the other days), less
//   the mean of those phase medians (so it sums to 0 over a period). seasonality p ≥ 2 is taken as given, 0 or 1 means none, -1
//   autodetects: among periods 2 … ⌊m/2⌋ (m the learning points), the shortest at which the autocorrelation of the
//   detrended series (the mean of (dᵢ − d̄)(dᵢ₊ₚ − d̄) over the pairs p apart, over the mean of (dᵢ − d̄)²) peaks (is
//   not below its neighbours at p ± 1) and reaches seasonality_threshold; none when no period does. The shortest, not
//   the highest: a multiple of the season correlates about as well but leaves two or three points a phase, too few
//   for a median to ignore a spike. Dividing by the pairs rather than by all points keeps a daily period
//   in three days of hourly bins near 1 (the usual estimate caps it at 2/3, below the default 0.6 with any noise).
//   This is simpler than series_periods_detect, whose scoring Kusto does not document, so a borderline series may
//   get a period where Kusto finds none, or the reverse.
// - test_points: the last points are left out of learning (trend, phases, autodetect, fence) but still scored.
// - the residual x − baseline is scored by Tukey's fence: quartiles 25/75 for "tukey", percentiles 10/90 for
//   "ctukey" (Kusto's default); the score is the distance beyond the lower or upper one in ranges between them (0
//   inside; a range of 0 counts as 1, so that a spike on an otherwise exact fit still stands out); the flag is 1 above
//   the threshold, -1 below minus it, 0 otherwise. Percentiles interpolate linearly (percentile_cont,
//   quantileExactInclusive). Elements that are not numbers are left out of learning and get flag 0, score 0.
// Every argument after the series must be a constant. The work is O(n²) per series (O(n²/2) more to autodetect).
import type { TExpr } from "./ast";
import type { ExpressionCompiler } from "./compile-expression";
import { KqlError } from "./kql-error";
import type { TTyped } from "./kql-types";
import { arity } from "./scalar-functions";
import { join, keyword, longParam, realParam, sql, type TSql } from "./sql";

type TCall = Extract<TExpr, { kind: "call" }>;

/** Each result with the suffix Kusto names it by. */
export type TTupleFunction = (call: TCall, c: ExpressionCompiler) => { suffix: string; value: TTyped }[];

/** The array operations the decomposition is written in. Arrays and their positions (i) count from 1. */
type TArrays = {
  /** The series' elements as an array of floats, null where an element is not a number. */
  numbers(series: TSql): TSql;
  length(array: TSql): TSql;
  at(array: TSql, position: TSql): TSql;
  map(array: TSql, body: (x: TSql, i: TSql) => TSql): TSql;
  /** Σ body over the elements (0 for none); body must be a float that is never null. */
  sum(array: TSql, body: (x: TSql, i: TSql) => TSql): TSql;
  /** A percentile of the elements that are not null, interpolated linearly. */
  percentile(array: TSql, fraction: number): TSql;
  /** The integers from..to (empty when to < from). */
  range(from: number, to: TSql): TSql;
  /** The first element that passes; null or 0 when none does. */
  first(array: TSql, passes: (x: TSql, i: TSql) => TSql): TSql;
  /** body with value computed once. */
  bind(value: TSql, body: (v: TSql) => TSql): TSql;
  float(value: TSql): TSql;
  /** An array as the dynamic value the dialect keeps. */
  dynamic(array: TSql): TSql;
};

/** Fresh names for the variables the operations introduce (lambdas nest, so each needs its own). */
function namer() {
  let count = 0;
  return (): TSql => keyword(`sda_${++count}`);
}

function postgresArrays(c: ExpressionCompiler): TArrays {
  const fresh = namer();
  return {
    numbers: (series) => {
      const [value, position] = [fresh(), fresh()];
      const elements = sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${series}) = ${"array"}::text THEN ${series} ELSE ${"[]"}::jsonb END)`;
      return sql`ARRAY(SELECT ${c.dialect.dynamicScalar(value, "real")} FROM ${elements} WITH ORDINALITY AS ${fresh()}(${value}, ${position}) ORDER BY ${position})`;
    },
    length: (array) => sql`cardinality(${array})`,
    at: (array, position) => sql`(${array})[(${position})::integer]`,
    map: (array, body) => {
      const [x, i] = [fresh(), fresh()];
      return sql`ARRAY(SELECT ${body(x, i)} FROM unnest(${array}) WITH ORDINALITY AS ${fresh()}(${x}, ${i}) ORDER BY ${i})`;
    },
    sum: (array, body) => {
      const [x, i] = [fresh(), fresh()];
      return sql`coalesce((SELECT sum(${body(x, i)}) FROM unnest(${array}) WITH ORDINALITY AS ${fresh()}(${x}, ${i})), ${realParam(0)})`;
    },
    percentile: (array, fraction) => {
      const x = fresh();
      return sql`(SELECT percentile_cont(${realParam(fraction)}) WITHIN GROUP (ORDER BY ${x}) FROM unnest(${array}) AS ${fresh()}(${x}))`;
    },
    range: (from, to) => sql`ARRAY(SELECT generate_series(${longParam(from)}, (${to})::bigint))`,
    first: (array, passes) => {
      const [x, i] = [fresh(), fresh()];
      return sql`(SELECT ${x} FROM unnest(${array}) WITH ORDINALITY AS ${fresh()}(${x}, ${i}) WHERE ${passes(x, i)} ORDER BY ${i} LIMIT 1)`;
    },
    bind: (value, body) => {
      const v = fresh();
      // OFFSET 0 keeps the planner from pulling the subquery up, which would write value out at each use.
      return sql`(SELECT ${body(v)} FROM (SELECT ${value} AS ${v} OFFSET 0) AS ${fresh()})`;
    },
    float: (value) => sql`(${value})::float8`,
    dynamic: (array) => sql`to_jsonb(${array})`,
  };
}

// ClickHouse's renderer refuses `->` and `[`: lambdas are lambda(tuple(…), …), elements arrayElement, arrays array().
function clickHouseArrays(c: ExpressionCompiler): TArrays {
  const fresh = namer();
  const lambda = (names: TSql[], body: TSql) => sql`lambda(tuple(${join(names)}), ${body})`;
  const bind = (value: TSql, body: (v: TSql) => TSql) => {
    const v = fresh();
    return sql`arrayElement(arrayMap(${lambda([v], body(v))}, array(${value})), 1)`;
  };
  return {
    numbers: (series) => {
      const value = fresh();
      return sql`arrayMap(${lambda([value], c.dialect.dynamicScalar(value, "real"))}, JSONExtractArrayRaw(coalesce(${series}, ${"[]"}::text)))`;
    },
    length: (array) => sql`toInt64(length(${array}))`,
    at: (array, position) => sql`arrayElement(${array}, ${position})`,
    map: (array, body) => {
      const [x, i] = [fresh(), fresh()];
      return sql`arrayMap(${lambda([x, i], body(x, i))}, ${array}, arrayEnumerate(${array}))`;
    },
    sum: (array, body) => {
      const [x, i] = [fresh(), fresh()];
      // arraySum refuses Nullable terms, which body is as a type even where it cannot be null.
      return sql`arraySum(${lambda([x, i], sql`coalesce(${body(x, i)}, ${realParam(0)})`)}, ${array}, arrayEnumerate(${array}))`;
    },
    // arrayReduce refuses Nullable elements: the numbers are taken out first.
    percentile: (array, fraction) => {
      const v = fresh();
      const numbers = sql`arrayMap(${lambda([v], sql`assumeNotNull(${v})`)}, arrayFilter(${lambda([v], sql`${v} IS NOT NULL`)}, ${array}))`;
      return sql`arrayReduce(${`quantileExactInclusive(${fraction})`}::text, ${numbers})`;
    },
    range: (from, to) => sql`range(${keyword(String(from))}, toUInt64(greatest(${to} + 1, ${keyword(String(from))})))`,
    first: (array, passes) => {
      const [x, i] = [fresh(), fresh()];
      return sql`arrayFirst(${lambda([x, i], passes(x, i))}, ${array}, arrayEnumerate(${array}))`;
    },
    bind,
    float: (value) => sql`toFloat64(${value})`,
    dynamic: (array) => sql`toJSONString(${array})`,
  };
}

type TTrend = "avg" | "linefit" | "none";
type TOptions = {
  threshold: number;
  /** -1 autodetect, 0 none, else the period. */
  seasonality: number;
  trend: TTrend;
  testPoints: number;
  /** The fence's lower and upper percentiles. */
  fence: [number, number];
  seasonalityThreshold: number;
};

const FENCES: Record<string, [number, number]> = { tukey: [0.25, 0.75], ctukey: [0.1, 0.9] };

type TResult = "ad_flag" | "ad_score" | "baseline";

/** One of the results for one series, as a dynamic array, written over the store's array operations. */
function decompose(a: TArrays, series: TSql, options: TOptions, result: TResult): TSql {
  const [zero, one] = [realParam(0), realParam(1)];
  const ratio = (top: TSql, bottom: TSql) =>
    sql`(CASE WHEN ${bottom} <> ${zero} THEN ${top} / ${bottom} ELSE ${zero} END)`;
  const indexOf = (i: TSql) => a.float(sql`${i} - 1`);
  return a.bind(a.numbers(series), (xs) =>
    a.bind(sql`(${a.length(xs)} - ${longParam(options.testPoints)})`, (learnt) => {
      const isLearnt = (x: TSql, i: TSql) => sql`(${x} IS NOT NULL AND ${i} <= ${learnt})`;
      /** Σ term(x, index from 0) over the learning points (or those `where` keeps). */
      const sumOf = (array: TSql, term: (x: TSql, j: TSql, i: TSql) => TSql, where = isLearnt) =>
        a.sum(array, (x, i) => sql`(CASE WHEN ${where(x, i)} THEN ${term(x, indexOf(i), i)} ELSE ${zero} END)`);
      return a.bind(
        sumOf(xs, () => one),
        (count) => {
          const [sx, sj] = [sumOf(xs, (x) => x), sumOf(xs, (_, j) => j)];
          const slope =
            options.trend === "linefit"
              ? ratio(
                  sql`(${count} * ${sumOf(xs, (x, j) => sql`${j} * ${x}`)} - ${sj} * ${sx})`,
                  sql`(${count} * ${sumOf(xs, (_, j) => sql`${j} * ${j}`)} - ${sj} * ${sj})`,
                )
              : zero;
          return a.bind(slope, (b) =>
            a.bind(options.trend === "none" ? zero : ratio(sql`(${sx} - ${b} * ${sj})`, count), (intercept) => {
              const trend = (i: TSql) => sql`(${intercept} + ${b} * ${indexOf(i)})`;
              return a.bind(
                a.map(xs, (x, i) => sql`(${x} - ${trend(i)})`),
                (detrended) =>
                  a.bind(period(detrended), (p) => {
                    // Each phase's median, as Kusto's series_seasonal(): a spike does not move its hour on other days.
                    const phaseMedians = a.map(a.range(0, sql`${p} - 1`), (phase) => {
                      const inPhase = (d: TSql, i: TSql) => sql`(${isLearnt(d, i)} AND (${i} - 1) % ${p} = ${phase})`;
                      const members = a.map(detrended, (d, i) => sql`(CASE WHEN ${inPhase(d, i)} THEN ${d} END)`);
                      return sql`(CASE WHEN ${sumOf(detrended, () => one, inPhase)} > ${zero} THEN ${a.percentile(members, 0.5)} ELSE ${zero} END)`;
                    });
                    return a.bind(phaseMedians, (phases) =>
                      a.bind(
                        ratio(
                          a.sum(phases, (s) => s),
                          a.float(p),
                        ),
                        (centre) => {
                          const seasonal = (i: TSql) =>
                            sql`(CASE WHEN ${p} > 1 THEN ${a.at(phases, sql`(${i} - 1) % greatest(${p}, 1) + 1`)} - ${centre} ELSE ${zero} END)`;
                          return a.bind(
                            a.map(xs, (_, i) => sql`(${trend(i)} + ${seasonal(i)})`),
                            (baseline) => (result === "baseline" ? a.dynamic(baseline) : scored(xs, learnt, baseline)),
                          );
                        },
                      ),
                    );
                  }),
              );
            }),
          );

          /** The period: the given one, none, or the detected one (0 for none). */
          function period(detrended: TSql): TSql {
            if (options.seasonality !== -1) return longParam(options.seasonality > 1 ? options.seasonality : 0);
            return a.bind(
              ratio(
                sumOf(detrended, (d) => d),
                count,
              ),
              (mean) => {
                const centred = (d: TSql) => sql`(${d} - ${mean})`;
                const laggedBy = (lag: TSql) => (d: TSql, i: TSql) =>
                  sql`(${isLearnt(d, i)} AND ${isLearnt(a.at(detrended, sql`${i} + ${lag}`), sql`${i} + ${lag}`)})`;
                // Each lag's mean product over its pairs, so that long lags (fewer pairs) are not marked down.
                const autocorrelation = (lag: TSql) =>
                  ratio(
                    ratio(
                      sumOf(
                        detrended,
                        (d, _, i) => sql`${centred(d)} * ${centred(a.at(detrended, sql`${i} + ${lag}`))}`,
                        laggedBy(lag),
                      ),
                      sumOf(detrended, () => one, laggedBy(lag)),
                    ),
                    ratio(
                      sumOf(detrended, (d) => sql`${centred(d)} * ${centred(d)}`),
                      count,
                    ),
                  );
                // The shortest period at which the autocorrelation peaks (not below either neighbour) and reaches the
                // threshold: a multiple of the season correlates as well, but the season itself comes first.
                const longest = sql`${learnt} / 2`;
                return a.bind(
                  a.map(a.range(1, sql`${longest} + 1`), (lag) => autocorrelation(lag)),
                  (correlations) => {
                    const at = (lag: TSql) => a.at(correlations, lag);
                    const isSeason = (lag: TSql) =>
                      sql`(${at(lag)} >= ${realParam(options.seasonalityThreshold)} AND ${at(lag)} >= ${at(sql`${lag} - 1`)} AND ${at(lag)} >= ${at(sql`${lag} + 1`)})`;
                    return sql`coalesce(${a.first(a.range(2, longest), isSeason)}, 0)`;
                  },
                );
              },
            );
          }
        },
      );
    }),
  );

  /** ad_flag or ad_score: Tukey's fence on the learning points' residuals. */
  function scored(xs: TSql, learnt: TSql, baseline: TSql): TSql {
    const residual = (x: TSql, i: TSql) => sql`(${x} - ${a.at(baseline, i)})`;
    const residuals = a.map(xs, (x, i) => sql`(CASE WHEN ${i} <= ${learnt} THEN ${residual(x, i)} END)`);
    return a.bind(residuals, (learning) =>
      a.bind(a.percentile(learning, options.fence[0]), (low) =>
        a.bind(a.percentile(learning, options.fence[1]), (high) => {
          const scale = sql`(CASE WHEN ${high} > ${low} THEN ${high} - ${low} ELSE ${one} END)`;
          const score = (x: TSql, i: TSql) => {
            const r = residual(x, i);
            return sql`(CASE WHEN ${r} > ${high} THEN (${r} - ${high}) / ${scale} WHEN ${r} < ${low} THEN (${r} - ${low}) / ${scale} ELSE ${zero} END)`;
          };
          const k = realParam(options.threshold);
          const flag = (x: TSql, i: TSql) =>
            sql`(CASE WHEN ${score(x, i)} > ${k} THEN ${longParam(1)} WHEN ${score(x, i)} < - ${k} THEN ${longParam(-1)} ELSE ${longParam(0)} END)`;
          return a.dynamic(a.map(xs, result === "ad_flag" ? flag : score));
        }),
      ),
    );
  }
}

/** The constant arguments, checked, with Kusto's defaults. */
function optionsOf(call: TCall, c: ExpressionCompiler): TOptions {
  const [, threshold, seasonality, trend, testPoints, method, seasonalityThreshold] = call.args;
  const number = (arg: TExpr | undefined, what: string, fallback: number, isValid: (value: number) => boolean) => {
    if (!arg) return fallback;
    const literal = c.constant(arg);
    if (literal?.kind === "null") return fallback;
    const value = literal?.kind === "real" || literal?.kind === "long" ? Number(literal.value) : Number.NaN;
    if (!isValid(value))
      throw new KqlError(`The ${what} of series_decompose_anomalies() must be ${describe[what]}`, arg.pos);
    return value;
  };
  const text = <T extends string>(arg: TExpr | undefined, what: string, fallback: T, allowed: readonly T[]): T => {
    if (!arg) return fallback;
    const literal = c.constant(arg);
    if (literal?.kind === "null") return fallback;
    const value = literal?.kind === "string" ? literal.value : "";
    if (!(allowed as readonly string[]).includes(value))
      throw new KqlError(
        `The ${what} of series_decompose_anomalies() must be one of ${allowed.map((v) => `"${v}"`).join(", ")}`,
        arg.pos,
      );
    return value as T;
  };
  const describe: Record<string, string> = {
    threshold: "a constant number above 0",
    seasonality: "a constant whole number: -1 (detect), 0 (none) or a period",
    test_points: "a constant whole number, 0 or more",
    seasonality_threshold: "a constant number",
  };
  const seasonalityLiteral = seasonality && c.constant(seasonality);
  return {
    threshold: number(threshold, "threshold", 1.5, (value) => value > 0),
    seasonality:
      seasonalityLiteral?.kind === "string" && seasonalityLiteral.value === "none"
        ? 0
        : number(seasonality, "seasonality", -1, (value) => Number.isInteger(value) && value >= -1),
    trend: text(trend, "trend", "avg", ["avg", "linefit", "none"] as const),
    testPoints: number(testPoints, "test_points", 0, (value) => Number.isInteger(value) && value >= 0),
    fence: FENCES[text(method, "ad_method", "ctukey", ["ctukey", "tukey"] as const)],
    seasonalityThreshold: number(seasonalityThreshold, "seasonality_threshold", 0.6, Number.isFinite),
  };
}

function decomposeAnomalies(call: TCall, c: ExpressionCompiler) {
  arity(call, 1, 7);
  const series = c.expect(call.args[0], ["dynamic"], "The series of series_decompose_anomalies()").sql;
  const options = optionsOf(call, c);
  const arrays = c.dialect.name === "postgres" ? postgresArrays(c) : clickHouseArrays(c);
  return (["ad_flag", "ad_score", "baseline"] as const).map((suffix) => ({
    suffix,
    value: { sql: decompose(arrays, series, options, suffix), type: "dynamic" as const },
  }));
}

export const TUPLE_FUNCTIONS: Record<string, TTupleFunction> = {
  series_decompose_anomalies: decomposeAnomalies,
};
