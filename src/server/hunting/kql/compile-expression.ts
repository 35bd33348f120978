// Scalar KQL → SQL with Kusto's types. Every value a query supplies becomes a bound parameter. == and != compare
// exactly (case-sensitive); =~ and !~ compare lower() with lower(); string and list operators are in
// compile-string-operators.ts.
import type { TExpr, TTabular } from "./ast";
import { KqlError, type TSourcePosition } from "./kql-error";
import type { TDialect } from "./dialect";
import { commonType, isNumeric, type TKqlType, type TTyped } from "./kql-types";
import { AGGREGATES } from "./aggregate-functions";
import { compileHasList, compileIn, compileStringOperator } from "./compile-string-operators";
import { SCALAR_FUNCTIONS } from "./scalar-functions";
import { resolveName } from "./relation-columns";
import { boolParam, keyword, longParam, realParam, sql, textParam, type TSql } from "./sql";
import { parseDatetime } from "./tokenize";

export type TLetBinding =
  | { kind: "scalar"; expr: TExpr; env: TLetEnv }
  | { kind: "tabular"; query: TTabular; env: TLetEnv };
export type TLetEnv = ReadonlyMap<string, TLetBinding>;

/**
 * What every expression of one query shares: how a one-column query becomes a list (`x in (T)`: `SELECT <expr> FROM
 * <cte> WHERE …`, and its type), and a count of compile steps, since a let used twice by a let used twice … would
 * otherwise expand exponentially.
 */
export type TExpressionContext = {
  listSubquery: (query: TTabular, env: TLetEnv, pos: TSourcePosition, caseless: boolean) => TTyped;
  steps: { count: number };
  dialect: TDialect;
};

// Real queries take hundreds of steps; this refuses a hostile query before it costs noticeable time.
const MAX_STEPS = 100_000;

type TLiteral = Extract<
  TExpr,
  { kind: "string" | "long" | "real" | "bool" | "null" | "timespan" | "datetime" | "dynamic" }
>;

const COMPARISON_SQL: Record<string, string> = { "==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

const BOOL_WORDS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false };

export class ExpressionCompiler {
  constructor(
    private readonly columns: ReadonlyMap<string, TTyped>,
    readonly env: TLetEnv,
    readonly context: TExpressionContext,
    /** In summarize, the top level may only reach columns through aggregations. */
    readonly isAggregate = false,
  ) {}

  get dialect(): TDialect {
    return this.context.dialect;
  }

  /** The same scope, row by row: what an aggregation's arguments are compiled in. */
  rows(): ExpressionCompiler {
    return this.isAggregate ? new ExpressionCompiler(this.columns, this.env, this.context) : this;
  }

  /** The same lets over other columns (extend's growing scope). */
  withColumns(columns: ReadonlyMap<string, TTyped>): ExpressionCompiler {
    return new ExpressionCompiler(columns, this.env, this.context, this.isAggregate);
  }

  withEnv(env: TLetEnv): ExpressionCompiler {
    return new ExpressionCompiler(this.columns, env, this.context, this.isAggregate);
  }

  compile(expr: TExpr): TTyped {
    if (++this.context.steps.count > MAX_STEPS)
      throw new KqlError("The query is too large to compile: is a let used over and over?", expr.pos);
    switch (expr.kind) {
      case "string":
        return { sql: textParam(expr.value), type: "string" };
      case "long":
        return { sql: longParam(expr.value), type: "long" };
      case "real":
        return { sql: realParam(expr.value), type: "real" };
      case "bool":
        return { sql: boolParam(expr.value), type: "bool" };
      case "null":
        // Typed as text, the type a bare null column gets, so functions taking any type never see an unknown.
        return { sql: sql`NULL::${this.dialect.type("string")}`, type: "null" };
      case "timespan":
        return { sql: this.dialect.timespan(expr.milliseconds), type: "timespan" };
      case "datetime":
        return { sql: this.dialect.timestamp(expr.value), type: "datetime" };
      case "dynamic":
        return { sql: this.dialect.dynamic(expr.value), type: "dynamic" };
      case "column":
        return this.compileName(expr.name, expr.pos);
      case "star":
        throw new KqlError("* is only allowed as an argument of arg_max() or arg_min()", expr.pos);
      case "unary":
        return this.compileUnary(expr);
      case "binary":
        return this.compileBinary(expr);
      case "inList":
        return expr.op === "has_any" || expr.op === "has_all" ? compileHasList(this, expr) : compileIn(this, expr);
      case "between":
        return this.compileBetween(expr);
      case "member":
        return this.compileMember(expr);
      case "call":
        return this.compileCall(expr);
    }
  }

  /** Like compile(), but the result must have one of `types`. */
  expect(expr: TExpr, types: readonly TKqlType[], what: string): TTyped {
    const typed = this.compile(expr);
    if (typed.type === "null") return { sql: sql`NULL::${this.dialect.type(types[0])}`, type: types[0] };
    if (!types.includes(typed.type))
      throw new KqlError(`${what} must be ${types.join(" or ")}, not ${typed.type}`, expr.pos);
    return typed;
  }

  /** The literal an expression stands for, following lets (`let domain = "x"; … has domain`); null if not constant. */
  constant(expr: TExpr): TLiteral | null {
    switch (expr.kind) {
      case "string":
      case "long":
      case "real":
      case "bool":
      case "null":
      case "timespan":
      case "datetime":
      case "dynamic":
        return expr;
      case "unary": {
        const inner = this.constant(expr.operand);
        if (expr.op === "-" && inner?.kind === "long") return { ...inner, value: (-BigInt(inner.value)).toString() };
        if (expr.op === "-" && (inner?.kind === "real" || inner?.kind === "timespan"))
          return inner.kind === "real"
            ? { ...inner, value: -inner.value }
            : { ...inner, milliseconds: -inner.milliseconds };
        return expr.op === "+" ? inner : null;
      }
      case "column": {
        const binding = this.columns.has(expr.name) ? undefined : this.env.get(expr.name);
        return binding?.kind === "scalar" ? this.withEnv(binding.env).constant(binding.expr) : null;
      }
      default:
        return null;
    }
  }

  /** A constant string (or number, read as its text): a regex, a has needle, a format. */
  constantText(expr: TExpr, what: string): string {
    const literal = this.constant(expr);
    if (literal?.kind === "string") return literal.value;
    if (literal?.kind === "long" || literal?.kind === "real") return String(literal.value);
    throw new KqlError(`${what} must be a constant string`, expr.pos);
  }

  /** Kusto's tostring(): never null, datetimes in ISO 8601 with Z, dynamic values as their JSON (strings unquoted). */
  toText(typed: TTyped): TSql {
    switch (typed.type) {
      case "string":
        return typed.sql;
      case "null":
        return textParam("");
      case "datetime":
        return this.dialect.datetimeText(typed.sql);
      case "dynamic":
        return this.dialect.dynamicText(typed.sql);
      default:
        return sql`coalesce((${typed.sql})::text, ${""}::text)`;
    }
  }

  castTo(typed: TTyped, type: TKqlType): TTyped {
    if (typed.type === type) return typed;
    const name = this.dialect.type(type);
    return { sql: typed.type === "null" ? sql`NULL::${name}` : sql`(${typed.sql})::${name}`, type };
  }

  private compileName(name: string, pos: TSourcePosition): TTyped {
    const column = this.columns.get(resolveName(name, (candidate) => this.columns.has(candidate)));
    if (column) {
      if (this.isAggregate)
        throw new KqlError(`${name} must be inside an aggregation here, e.g. max(${name}), or listed after by`, pos);
      return column;
    }
    const binding = this.env.get(name);
    if (binding?.kind === "scalar") return this.withEnv(binding.env).compile(binding.expr);
    if (binding?.kind === "tabular") throw new KqlError(`${name} is a table (a tabular let), not a value`, pos);
    throw new KqlError(`There is no column or let named '${name}' here`, pos);
  }

  private compileCall(call: Extract<TExpr, { kind: "call" }>): TTyped {
    const aggregate = AGGREGATES[call.name];
    if (aggregate) {
      if (!this.isAggregate) throw new KqlError(`${call.name}() is an aggregation: use it in summarize`, call.pos);
      return aggregate.compile(call, this.rows());
    }
    const scalar = SCALAR_FUNCTIONS[call.name];
    if (!scalar) throw new KqlError(`\`${call.name}()\` is not supported yet`, call.pos);
    return scalar(call, this);
  }

  private compileUnary(expr: Extract<TExpr, { kind: "unary" }>): TTyped {
    const operand = this.compile(expr.operand);
    if (!isNumeric(operand.type) && operand.type !== "timespan")
      throw new KqlError(`${expr.op} needs a number or a timespan, not ${operand.type}`, expr.pos);
    return expr.op === "-" ? { sql: sql`(- ${operand.sql})`, type: operand.type } : operand;
  }

  private compileBinary(expr: Extract<TExpr, { kind: "binary" }>): TTyped {
    const { op } = expr;
    if (op === "and" || op === "or") {
      const left = this.expect(expr.left, ["bool"], `The left side of ${op}`);
      const right = this.expect(expr.right, ["bool"], `The right side of ${op}`);
      return { sql: sql`(${left.sql} ${keyword(op === "and" ? "AND" : "OR")} ${right.sql})`, type: "bool" };
    }
    if (op in COMPARISON_SQL) return this.compileComparison(expr);
    if (op === "=~" || op === "!~") {
      const left = this.toText(this.compile(expr.left));
      const right = this.toText(this.compile(expr.right));
      return { sql: sql`(lower(${left}) ${keyword(op === "=~" ? "=" : "<>")} lower(${right}))`, type: "bool" };
    }
    if (op === "matches regex") {
      const pattern = this.constantText(expr.right, "The regular expression of matches regex");
      return { sql: this.dialect.regex(this.toText(this.compile(expr.left)), pattern), type: "bool" };
    }
    if (["+", "-", "*", "/", "%"].includes(op))
      return this.compileArithmetic(op, this.compile(expr.left), this.compile(expr.right), expr.pos);
    return compileStringOperator(this, expr);
  }

  private compileComparison(expr: Extract<TExpr, { kind: "binary" }>): TTyped {
    let left = this.compile(expr.left);
    let right = this.compile(expr.right);
    left = this.coerceLiteral(left, right.type, expr.left);
    right = this.coerceLiteral(right, left.type, expr.right);
    if (left.type === "null" || right.type === "null") {
      const other = left.type === "null" ? right : left;
      if (expr.op !== "==" && expr.op !== "!=")
        throw new KqlError(`null can only be compared with == or !=; use isnull()`, expr.pos);
      return { sql: sql`(${other.sql} ${keyword(expr.op === "==" ? "IS NULL" : "IS NOT NULL")})`, type: "bool" };
    }
    if (left.type === "dynamic" && right.type !== "dynamic") left = this.fromDynamic(left, right.type);
    if (right.type === "dynamic" && left.type !== "dynamic") right = this.fromDynamic(right, left.type);
    const type = commonType(left.type, right.type);
    if (!type) throw new KqlError(`Cannot compare ${left.type} with ${right.type}`, expr.pos);
    if ((type === "dynamic" || type === "bool") && !["==", "!="].includes(expr.op))
      throw new KqlError(`${type} values can only be compared with == or !=`, expr.pos);
    return { sql: sql`(${left.sql} ${keyword(COMPARISON_SQL[expr.op])} ${right.sql})`, type: "bool" };
  }

  /**
   * Kusto reads `IsClickedThrough != "0"` and `Timestamp > "2024-01-01"`: a constant takes the other side's type.
   * A number compared with text reads the text as a number, and "" as null: `BulkComplaintLevel != ""` asks for a
   * level that is set.
   */
  coerceLiteral(typed: TTyped, otherType: TTyped["type"], expr: TExpr): TTyped {
    const literal = this.constant(expr);
    if (!literal || typed.type === otherType) return typed;
    if (isNumeric(otherType) && literal.kind === "string") {
      const text = literal.value.trim();
      if (text === "") return { sql: sql`NULL::${this.dialect.type(otherType)}`, type: "null" };
      if (/^[-+]?\d{1,18}$/.test(text)) return { sql: longParam(BigInt(text).toString()), type: "long" };
      if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return { sql: realParam(Number(text)), type: "real" };
      throw new KqlError(`'${literal.value}' is not a number`, expr.pos);
    }
    if (
      otherType === "bool" &&
      (literal.kind === "string" || literal.kind === "long") &&
      String(literal.value).toLowerCase() in BOOL_WORDS
    ) {
      return { sql: boolParam(BOOL_WORDS[String(literal.value).toLowerCase()]), type: "bool" };
    }
    if (otherType === "datetime" && literal.kind === "string") {
      const date = parseDatetime(literal.value);
      if (!date) throw new KqlError(`'${literal.value}' is not a datetime`, expr.pos);
      return { sql: this.dialect.timestamp(date), type: "datetime" };
    }
    return typed;
  }

  /** A dynamic value compared with a scalar: its text, or its number when it holds one. */
  private fromDynamic(typed: TTyped, type: TTyped["type"]): TTyped {
    if (isNumeric(type)) return { sql: this.dialect.dynamicScalar(typed.sql, "real"), type: "real" };
    if (type === "bool") return { sql: this.dialect.dynamicScalar(typed.sql, "bool"), type: "bool" };
    return { sql: this.toText(typed), type: "string" };
  }

  compileArithmetic(op: string, left: TTyped, right: TTyped, pos: TSourcePosition): TTyped {
    const l = left.sql;
    const r = right.sql;
    const numeric = isNumeric(left.type) && isNumeric(right.type);
    const { dialect } = this;
    const spanAndNumber =
      (left.type === "timespan" && isNumeric(right.type)) || (isNumeric(left.type) && right.type === "timespan");
    switch (op) {
      case "+":
        if (numeric) return { sql: sql`(${l} + ${r})`, type: commonType(left.type, right.type)! };
        if (left.type === "datetime" && right.type === "timespan")
          return { sql: dialect.shift(l, "+", r), type: "datetime" };
        if (left.type === "timespan" && right.type === "datetime")
          return { sql: dialect.shift(r, "+", l), type: "datetime" };
        if (left.type === "timespan" && right.type === "timespan") return { sql: sql`(${l} + ${r})`, type: "timespan" };
        break;
      case "-":
        if (numeric) return { sql: sql`(${l} - ${r})`, type: commonType(left.type, right.type)! };
        if (left.type === "datetime" && right.type === "datetime")
          return { sql: dialect.between(l, r), type: "timespan" };
        if (left.type === "datetime" && right.type === "timespan")
          return { sql: dialect.shift(l, "-", r), type: "datetime" };
        if (left.type === "timespan" && right.type === "timespan") return { sql: sql`(${l} - ${r})`, type: "timespan" };
        break;
      case "*":
        if (numeric) return { sql: sql`(${l} * ${r})`, type: commonType(left.type, right.type)! };
        if (spanAndNumber) return { sql: sql`(${l} * ${r})`, type: "timespan" };
        break;
      case "/":
        // Kusto gives null, not an error, for a division by zero.
        if (numeric) {
          const type = commonType(left.type, right.type)!;
          return { sql: type === "real" ? sql`(${l} / NULLIF(${r}, 0))` : dialect.integerDivide(l, r), type };
        }
        if (left.type === "timespan" && right.type === "timespan")
          return { sql: sql`(${dialect.seconds(l)} / NULLIF(${dialect.seconds(r)}, 0))::float8`, type: "real" };
        if (left.type === "timespan" && isNumeric(right.type))
          return { sql: sql`(${l} / NULLIF((${r})::float8, 0))`, type: "timespan" };
        break;
      case "%":
        if (numeric && left.type !== "real" && right.type !== "real")
          return { sql: sql`(${l} % NULLIF(${r}, 0))`, type: commonType(left.type, right.type)! };
        if (numeric) return { sql: sql`mod((${l})::numeric, NULLIF((${r})::numeric, 0))::float8`, type: "real" };
        break;
    }
    throw new KqlError(`${op} cannot combine ${left.type} and ${right.type}`, pos);
  }

  private compileBetween(expr: Extract<TExpr, { kind: "between" }>): TTyped {
    let value = this.compile(expr.left);
    let low = this.coerceLiteral(this.compile(expr.low), value.type, expr.low);
    let high = this.coerceLiteral(this.compile(expr.high), value.type, expr.high);
    // Kusto reads `Timestamp between (start .. 1d)` as the day after start.
    if (value.type === "datetime" && high.type === "timespan") high = this.compileArithmetic("+", low, high, expr.pos);
    const lowType = commonType(value.type, low.type);
    const type = lowType && commonType(lowType, high.type);
    if (!type) throw new KqlError(`between needs bounds of the same type as ${value.type}`, expr.pos);
    // A bare null takes the others' type, so PostgreSQL never compares a typed value with text.
    if (type !== "null")
      [value, low, high] = [value, low, high].map((part) => (part.type === "null" ? this.castTo(part, type) : part));
    const test = sql`(${value.sql} BETWEEN ${low.sql} AND ${high.sql})`;
    return { sql: expr.isNegated ? sql`(NOT ${test})` : test, type: "bool" };
  }

  private compileMember(expr: Extract<TExpr, { kind: "member" }>): TTyped {
    const object = this.compile(expr.object);
    if (object.type !== "dynamic")
      throw new KqlError(`Only dynamic values have properties; use parse_json() on this ${object.type}`, expr.pos);
    return { sql: this.dialect.member(object.sql, expr.key), type: "dynamic" };
  }
}
