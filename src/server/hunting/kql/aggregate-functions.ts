// Kusto's aggregations for summarize. Over no rows count, dcount and sum give 0 and make_set/make_list give [],
// as in Kusto; nulls are ignored. dcount() is exact here (Kusto's is an estimate, within a few percent).
import type { TExpr } from "./ast";
import type { ExpressionCompiler } from "./compile-expression";
import { KqlError } from "./kql-error";
import type { TTyped } from "./kql-types";
import { arity } from "./scalar-functions";
import { EMPTY, keyword, sql, type TSql } from "./sql";

type TCall = Extract<TExpr, { kind: "call" }>;

/** `prefix`: the start of the column name Kusto gives the result when none is given (count_, dcount_Sender). */
type TAggregate = { prefix: string; compile: (call: TCall, rows: ExpressionCompiler) => TTyped };

// make_set/make_list keep at most this many values unless told otherwise, as in Kusto.
const DEFAULT_MAX_SIZE = 1_048_576;

const filterOf = (call: TCall, rows: ExpressionCompiler, index: number): TSql =>
  call.args[index]
    ? sql` FILTER (WHERE ${rows.expect(call.args[index], ["bool"], `The condition of ${call.name}()`).sql})`
    : EMPTY;

const count = (prefix: string, hasPredicate: boolean): TAggregate => ({
  prefix,
  compile: (call, rows) => {
    arity(call, hasPredicate ? 1 : 0);
    return { sql: sql`count(*)${filterOf(call, rows, 0)}`, type: "long" };
  },
});

const dcount = (prefix: string, hasPredicate: boolean): TAggregate => ({
  prefix,
  compile: (call, rows) => {
    // dcount's optional second argument is an accuracy level, meaningless for an exact count.
    arity(call, hasPredicate ? 2 : 1, hasPredicate ? 3 : 2);
    const value = rows.compile(call.args[0]);
    return { sql: sql`count(DISTINCT ${value.sql})${hasPredicate ? filterOf(call, rows, 1) : EMPTY}`, type: "long" };
  },
});

const sum = (prefix: string, hasPredicate: boolean): TAggregate => ({
  prefix,
  compile: (call, rows) => {
    arity(call, hasPredicate ? 2 : 1);
    const value = rows.expect(call.args[0], ["int", "long", "real"], `The argument of ${call.name}()`);
    const total = sql`coalesce(sum(${value.sql})${filterOf(call, rows, 1)}, 0)`;
    return value.type === "real"
      ? { sql: sql`${total}::float8`, type: "real" }
      : { sql: sql`${total}::bigint`, type: "long" };
  },
});

const extreme = (fn: "min" | "max", prefix: string, hasPredicate: boolean): TAggregate => ({
  prefix,
  compile: (call, rows) => {
    arity(call, hasPredicate ? 2 : 1);
    const value = rows.expect(
      call.args[0],
      ["int", "long", "real", "datetime", "timespan", "string"],
      `The argument of ${call.name}()`,
    );
    return { sql: sql`${keyword(fn)}(${value.sql})${filterOf(call, rows, 1)}`, type: value.type };
  },
});

const average = (prefix: string, hasPredicate: boolean): TAggregate => ({
  prefix,
  compile: (call, rows) => {
    arity(call, hasPredicate ? 2 : 1);
    const value = rows.expect(call.args[0], ["int", "long", "real"], `The argument of ${call.name}()`);
    return { sql: sql`(avg(${value.sql})${filterOf(call, rows, 1)})::float8`, type: "real" };
  },
});

const collect = (isDistinct: boolean, prefix: string): TAggregate => ({
  prefix,
  compile: (call, rows) => {
    arity(call, 1, 2);
    const value = rows.compile(call.args[0]);
    if (value.type === "null")
      throw new KqlError(`${call.name}() needs a column or expression, not null`, call.args[0].pos);
    const limit = call.args[1] ? rows.constant(call.args[1]) : null;
    if (call.args[1] && (limit?.kind !== "long" || BigInt(limit.value) < 1n))
      throw new KqlError(`The size limit of ${call.name}() must be a positive constant`, call.args[1].pos);
    const maxSize = limit?.kind === "long" ? Number(limit.value) : DEFAULT_MAX_SIZE;
    return { sql: rows.dialect.collect(value.sql, isDistinct, maxSize), type: "dynamic" };
  },
});

export const AGGREGATES: Record<string, TAggregate> = {
  count: count("count", false),
  countif: count("countif", true),
  dcount: dcount("dcount", false),
  dcountif: dcount("dcountif", true),
  sum: sum("sum", false),
  sumif: sum("sumif", true),
  min: extreme("min", "min", false),
  minif: extreme("min", "minif", true),
  max: extreme("max", "max", false),
  maxif: extreme("max", "maxif", true),
  avg: average("avg", false),
  avgif: average("avgif", true),
  make_set: collect(true, "set"),
  make_list: collect(false, "list"),
};

/** arg_max()/arg_min() pick whole rows, so summarize compiles them itself (DISTINCT ON), not as an aggregation. */
export const ROW_PICKERS = new Set(["arg_max", "arg_min"]);
