// Kusto's scalar functions that published hunting queries use, each compiled to PostgreSQL with Kusto's results:
// conversions give null (not an error) for text that is not a number, strings are never null.
import type { TExpr } from "./ast";
import type { ExpressionCompiler } from "./compile-expression";
import { KqlError } from "./kql-error";
import { commonType, isNumeric, type TKqlType, type TTyped } from "./kql-types";
import type { TDatetimeFormat, TDatetimePart, TDialect } from "./dialect";
import { join, keyword, sql, type TSql } from "./sql";

type TCall = Extract<TExpr, { kind: "call" }>;
type TScalarFunction = (call: TCall, c: ExpressionCompiler) => TTyped;

export function arity(call: TCall, min: number, max = min): void {
  const count = call.args.length;
  if (count >= min && count <= max) return;
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  throw new KqlError(`${call.name}() takes ${expected} argument${expected === "1" ? "" : "s"}, not ${count}`, call.pos);
}

const INTEGER_TEXT = /^\s*[-+]?\d{1,18}\s*$/;
const REAL_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const ISO_DATETIME = /^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/;

/** Guarded conversion of text: a PostgreSQL cast only when the text has the shape, else null as in Kusto. */
const castText = (dialect: TDialect, text: TSql, shape: RegExp, type: TSql) =>
  sql`(CASE WHEN ${dialect.regex(text, shape.source)} THEN (${text})::${type} END)`;

function toNumber(call: TCall, c: ExpressionCompiler, type: "int" | "long" | "real"): TTyped {
  arity(call, 1);
  const value = c.compile(call.args[0]);
  const pgType = keyword(type === "int" ? "integer" : type === "long" ? "bigint" : "double precision");
  if (isNumeric(value.type))
    return {
      sql:
        type !== "real" && value.type === "real" ? sql`trunc(${value.sql})::${pgType}` : sql`(${value.sql})::${pgType}`,
      type,
    };
  if (value.type === "bool") return { sql: sql`(${value.sql})::integer::${pgType}`, type };
  if (value.type === "null") return { sql: sql`NULL::${pgType}`, type };
  const text = c.toText(value);
  return {
    sql:
      type === "real"
        ? castText(c.dialect, text, REAL_TEXT, pgType)
        : sql`${castText(c.dialect, text, INTEGER_TEXT, keyword("bigint"))}::${pgType}`,
    type,
  };
}

function toDatetime(call: TCall, c: ExpressionCompiler): TTyped {
  arity(call, 1);
  const value = c.compile(call.args[0]);
  if (value.type === "datetime") return value;
  if (value.type === "null") return { sql: sql`NULL::${c.dialect.type("datetime")}`, type: "datetime" };
  return { sql: c.dialect.parseDatetime(c.toText(value), ISO_DATETIME.source), type: "datetime" };
}

function bin(call: TCall, c: ExpressionCompiler): TTyped {
  arity(call, 2);
  const value = c.expect(call.args[0], ["datetime", "int", "long", "real"], `The first argument of ${call.name}()`);
  const size = c.expect(
    call.args[1],
    value.type === "datetime" ? ["timespan"] : ["int", "long", "real"],
    `The bin size of ${call.name}()`,
  );
  // Bins start at 1970-01-01 for datetimes and at 0 for numbers, as in Kusto.
  if (value.type === "datetime") return { sql: c.dialect.binDatetime(value.sql, size.sql), type: "datetime" };
  const floor = sql`(floor((${value.sql})::numeric / NULLIF((${size.sql})::numeric, 0)) * (${size.sql})::numeric)`;
  const type = commonType(value.type, size.type) as TKqlType;
  return c.castTo({ sql: floor, type: "real" }, type === "int" ? "long" : type);
}

const startOf =
  (unit: "day" | "week" | "month" | "year") =>
  (call: TCall, c: ExpressionCompiler): TTyped => {
    arity(call, 1);
    const value = c.expect(call.args[0], ["datetime"], `The argument of ${call.name}()`);
    return { sql: c.dialect.startOf(unit, value.sql), type: "datetime" };
  };

const textFunction =
  (build: (text: TSql) => TSql, type: TKqlType = "string") =>
  (call: TCall, c: ExpressionCompiler): TTyped => {
    arity(call, 1);
    return { sql: build(c.toText(c.compile(call.args[0]))), type };
  };

function emptiness(call: TCall, c: ExpressionCompiler, isEmpty: boolean): TTyped {
  arity(call, 1);
  const value = c.compile(call.args[0]);
  const test =
    value.type === "string" ? sql`(${value.sql} IS NULL OR ${value.sql} = ${""}::text)` : sql`(${value.sql} IS NULL)`;
  return { sql: isEmpty ? test : sql`(NOT ${test})`, type: "bool" };
}

function nullness(call: TCall, c: ExpressionCompiler, isNull: boolean): TTyped {
  arity(call, 1);
  return { sql: sql`(${c.compile(call.args[0]).sql} ${keyword(isNull ? "IS NULL" : "IS NOT NULL")})`, type: "bool" };
}

/** The shared type of iff()/case()/coalesce() branches, each cast to it. */
function unify(call: TCall, c: ExpressionCompiler, branches: TExpr[]): TTyped[] {
  const typed = branches.map((branch) => c.compile(branch));
  let type: TTyped["type"] = "null";
  for (const [index, branch] of typed.entries()) {
    const next = commonType(type, branch.type);
    if (!next)
      throw new KqlError(
        `The results of ${call.name}() must have one type: ${type} and ${branch.type} differ`,
        branches[index].pos,
      );
    type = next;
  }
  return typed.map((branch) => (type === "null" ? branch : c.castTo(branch, type as TKqlType)));
}

function iff(call: TCall, c: ExpressionCompiler): TTyped {
  arity(call, 3);
  const condition = c.expect(call.args[0], ["bool"], `The condition of ${call.name}()`);
  const [then, otherwise] = unify(call, c, call.args.slice(1));
  return { sql: sql`(CASE WHEN ${condition.sql} THEN ${then.sql} ELSE ${otherwise.sql} END)`, type: then.type };
}

function caseFunction(call: TCall, c: ExpressionCompiler): TTyped {
  if (call.args.length < 3 || call.args.length % 2 === 0)
    throw new KqlError("case() takes pairs of condition and value, then a value for no match", call.pos);
  const pairs = call.args.length >> 1;
  const values = unify(call, c, [...call.args.filter((_, index) => index % 2 === 1), call.args.at(-1)!]);
  const whens = Array.from({ length: pairs }, (_, index) => {
    const condition = c.expect(call.args[index * 2], ["bool"], "A condition of case()");
    return sql`WHEN ${condition.sql} THEN ${values[index].sql}`;
  });
  return { sql: sql`(CASE ${join(whens, " ")} ELSE ${values[pairs].sql} END)`, type: values[0].type };
}

function coalesce(call: TCall, c: ExpressionCompiler): TTyped {
  arity(call, 1, Infinity);
  const values = unify(call, c, call.args);
  // Kusto's coalesce() skips empty strings as well as nulls.
  const parts = values.map((value) => (value.type === "string" ? sql`NULLIF(${value.sql}, ${""}::text)` : value.sql));
  const result = sql`coalesce(${join(parts)})`;
  return values[0].type === "string"
    ? { sql: sql`coalesce(${result}, ${""}::text)`, type: "string" }
    : { sql: result, type: values[0].type };
}

function parseJson(call: TCall, c: ExpressionCompiler): TTyped {
  arity(call, 1);
  const value = c.compile(call.args[0]);
  if (value.type === "dynamic") return value;
  if (value.type === "null") return { sql: sql`NULL::${c.dialect.type("dynamic")}`, type: "dynamic" };
  return { sql: c.dialect.parseJson(value.sql, value.type !== "string"), type: "dynamic" };
}

function extract(call: TCall, c: ExpressionCompiler): TTyped {
  arity(call, 3);
  const pattern = c.constantText(call.args[0], "The regular expression of extract()");
  const group = c.constant(call.args[1]);
  if (group?.kind !== "long")
    throw new KqlError("The capture group of extract() must be a constant number", call.args[1].pos);
  const text = c.toText(c.compile(call.args[2]));
  // Group 0 is the whole match: wrap the pattern in a group, after any leading (?flags).
  const [, flags = "", body] = /^(\(\?[a-z]+\))?([\s\S]*)$/.exec(pattern)!;
  const [regex, index] = group.value === "0" ? [`${flags}(${body})`, 1] : [pattern, Number(group.value)];
  return { sql: c.dialect.regexGroup(text, regex, index), type: "string" };
}

/** Kusto's datetime format parts, longest first, so that "yyyy" is not read as two "yy". */
const DATETIME_PARTS: readonly TDatetimePart[] = [
  "yyyy",
  "yy",
  "MM",
  "M",
  "dd",
  "d",
  "HH",
  "H",
  "hh",
  "h",
  "mm",
  "m",
  "ss",
  "s",
  "tt",
  "ffffff",
  "fffff",
  "ffff",
  "fff",
  "ff",
  "f",
];
const DATETIME_SEPARATORS = new Set([" ", "/", "-", ":", ",", ".", "_", "[", "]"]);

/** A format_datetime() format (yyyy-MM-dd HH:mm:ss) as its parts and separators, for the dialect to spell. */
export function formatDatetimeParts(format: string, pos: TCall["pos"]): TDatetimeFormat {
  const parts: TDatetimeFormat = [];
  for (let index = 0; index < format.length; ) {
    const part = DATETIME_PARTS.find((kusto) => format.startsWith(kusto, index));
    if (part) {
      parts.push(part);
      index += part.length;
    } else if (DATETIME_SEPARATORS.has(format[index])) {
      parts.push({ separator: format[index] });
      index++;
    } else {
      throw new KqlError(`format_datetime() does not know '${format[index]}' in '${format}'`, pos);
    }
  }
  return parts;
}

function formatDatetime(call: TCall, c: ExpressionCompiler): TTyped {
  arity(call, 2);
  const value = c.expect(call.args[0], ["datetime"], "The first argument of format_datetime()");
  const format = formatDatetimeParts(c.constantText(call.args[1], "The format of format_datetime()"), call.args[1].pos);
  return { sql: c.dialect.formatDatetime(value.sql, format), type: "string" };
}

export const SCALAR_FUNCTIONS: Record<string, TScalarFunction> = {
  format_datetime: formatDatetime,
  base64_encode_tostring: (call, c) => {
    arity(call, 1);
    return { sql: c.dialect.base64(c.toText(c.compile(call.args[0]))), type: "string" };
  },
  ago: (call, c) => {
    arity(call, 1);
    return {
      sql: c.dialect.shift(c.dialect.now, "-", c.expect(call.args[0], ["timespan"], "The argument of ago()").sql),
      type: "datetime",
    };
  },
  now: (call, c) => {
    arity(call, 0, 1);
    const offset = call.args[0] ? c.expect(call.args[0], ["timespan"], "The offset of now()").sql : null;
    return { sql: offset ? c.dialect.shift(c.dialect.now, "+", offset) : c.dialect.now, type: "datetime" };
  },
  datetime: toDatetime,
  todatetime: toDatetime,
  bin,
  floor: bin,
  startofday: startOf("day"),
  startofweek: startOf("week"),
  startofmonth: startOf("month"),
  startofyear: startOf("year"),
  tolower: textFunction((text) => sql`lower(${text})`),
  toupper: textFunction((text) => sql`upper(${text})`),
  strlen: textFunction((text) => sql`char_length(${text})::bigint`, "long"),
  strcat: (call, c) => {
    arity(call, 1, 64);
    return { sql: sql`concat(${join(call.args.map((arg) => c.toText(c.compile(arg))))})`, type: "string" };
  },
  substring: (call, c) => {
    arity(call, 2, 3);
    const text = c.toText(c.compile(call.args[0]));
    const start = c.expect(call.args[1], ["int", "long"], "The start of substring()").sql;
    const length = call.args[2] ? c.expect(call.args[2], ["int", "long"], "The length of substring()").sql : null;
    // Kusto counts from 0, PostgreSQL from 1.
    return {
      sql: length
        ? sql`substr(${text}, (${start})::integer + 1, (${length})::integer)`
        : sql`substr(${text}, (${start})::integer + 1)`,
      type: "string",
    };
  },
  indexof: (call, c) => {
    arity(call, 2);
    return {
      sql: sql`(strpos(${c.toText(c.compile(call.args[0]))}, ${c.toText(c.compile(call.args[1]))}) - 1)::bigint`,
      type: "long",
    };
  },
  replace_string: (call, c) => {
    arity(call, 3);
    const [text, lookup, rewrite] = call.args.map((arg) => c.toText(c.compile(arg)));
    return { sql: sql`replace(${text}, ${lookup}, ${rewrite})`, type: "string" };
  },
  split: (call, c) => {
    arity(call, 2);
    const [text, delimiter] = call.args.map((arg) => c.toText(c.compile(arg)));
    return { sql: c.dialect.split(text, delimiter), type: "dynamic" };
  },
  extract,
  isempty: (call, c) => emptiness(call, c, true),
  isnotempty: (call, c) => emptiness(call, c, false),
  isnull: (call, c) => nullness(call, c, true),
  isnotnull: (call, c) => nullness(call, c, false),
  tostring: (call, c) => {
    arity(call, 1);
    return { sql: c.toText(c.compile(call.args[0])), type: "string" };
  },
  toint: (call, c) => toNumber(call, c, "int"),
  tolong: (call, c) => toNumber(call, c, "long"),
  toreal: (call, c) => toNumber(call, c, "real"),
  todouble: (call, c) => toNumber(call, c, "real"),
  parse_json: parseJson,
  todynamic: parseJson,
  array_length: (call, c) => {
    arity(call, 1);
    const value = c.expect(call.args[0], ["dynamic"], "The argument of array_length()").sql;
    return { sql: c.dialect.arrayLength(value), type: "long" };
  },
  iff,
  iif: iff,
  case: caseFunction,
  coalesce,
  not: (call, c) => {
    arity(call, 1);
    return { sql: sql`(NOT ${c.expect(call.args[0], ["bool"], "The argument of not()").sql})`, type: "bool" };
  },
};
