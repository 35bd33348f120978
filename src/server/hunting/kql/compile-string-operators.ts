// Kusto's string operators, case-insensitive unless _cs: has/hasprefix/hassuffix match whole terms (a regular
// expression with lookarounds, see termPattern), contains/startswith/endswith are ILIKE patterns with % and _
// escaped, in~ compares lower() with lower(). Needles are parameters; a non-constant needle is compared in SQL (for has,
// a pattern escaped in SQL).
import type { TExpr } from "./ast";
import type { ExpressionCompiler } from "./compile-expression";
import { KqlError, type TSourcePosition } from "./kql-error";
import { commonType, isNumeric, type TTyped } from "./kql-types";
import type { TDialect } from "./dialect";
import { boolParam, escapeLike, join, keyword, realParam, sql, textParam, type TSql } from "./sql";
import { parseDatetime } from "./tokenize";

const TERM_SIDES: Record<string, { start: boolean; end: boolean }> = {
  has: { start: true, end: true },
  hasprefix: { start: true, end: false },
  hassuffix: { start: false, end: true },
};
const LIKE_SHAPES: Record<string, (needle: string) => string> = {
  contains: (needle) => `%${escapeLike(needle)}%`,
  startswith: (needle) => `${escapeLike(needle)}%`,
  endswith: (needle) => `%${escapeLike(needle)}`,
};

export function compileStringOperator(c: ExpressionCompiler, expr: Extract<TExpr, { kind: "binary" }>): TTyped {
  const isNegated = expr.op.startsWith("!");
  const base = expr.op.replace(/^!/, "");
  const isCaseSensitive = base.endsWith("_cs");
  const kind = base.replace(/_cs$/, "");
  const text = c.toText(c.compile(expr.left));
  const needle = c.constant(expr.right);
  let test: TSql;
  if (needle?.kind === "string" || needle?.kind === "long" || needle?.kind === "real") {
    const value = String(needle.value);
    const match =
      kind in TERM_SIDES
        ? c.dialect.term(text, value, TERM_SIDES[kind], isCaseSensitive)
        : sql`(${text} ${keyword(isCaseSensitive ? "LIKE" : "ILIKE")} ${LIKE_SHAPES[kind](value)}::text)`;
    // Asking for a non-empty text first lets the partial index of rows with a value serve the term (not when negated:
    // NOT of the pair would turn a null into true).
    test = kind in TERM_SIDES && value && !isNegated ? sql`(${nonEmpty(text)} AND ${match})` : match;
  } else {
    const right = c.toText(c.compile(expr.right));
    const [haystack, part] = isCaseSensitive ? [text, right] : [sql`lower(${text})`, sql`lower(${right})`];
    if (kind in TERM_SIDES) test = c.dialect.termOf(text, right, TERM_SIDES[kind], isCaseSensitive);
    else
      test =
        kind === "contains"
          ? sql`(strpos(${haystack}, ${part}) > 0)`
          : kind === "startswith"
            ? sql`starts_with(${haystack}, ${part})`
            : sql`(right(${haystack}, char_length(${part})) = ${part})`;
  }
  return { sql: isNegated ? sql`(NOT ${test})` : test, type: "bool" };
}

/**
 * A term of one character or more is found only in a non-empty text. Said first, it lets the planner read the
 * partial index of rows with a value (ThreatTypes is empty in most rows) and spares the regular expression the rest.
 */
const nonEmpty = (text: TSql): TSql => sql`${text} <> ${""}::text`;

/** has_any / has_all: one term pattern per constant, with list-valued lets and dynamic arrays flattened. */
export function compileHasList(c: ExpressionCompiler, expr: Extract<TExpr, { kind: "inList" }>): TTyped {
  const text = c.toText(c.compile(expr.left));
  const needles = expr.items.flatMap((item) => {
    const literal = item.kind === "scalar" ? c.constant(item.expr) : null;
    const pos = item.kind === "scalar" ? item.expr.pos : item.pos;
    const values =
      literal?.kind === "dynamic"
        ? Array.isArray(literal.value)
          ? literal.value
          : [literal.value]
        : literal?.kind === "string" || literal?.kind === "long" || literal?.kind === "real"
          ? [literal.value]
          : [null];
    return values.map((value) => {
      if (typeof value !== "string" && typeof value !== "number")
        throw new KqlError(`${expr.op} needs a list of constant strings`, pos);
      return String(value);
    });
  });
  if (needles.length === 0) return { sql: boolParam(expr.op === "has_all"), type: "bool" };
  const prefilter = needles.every(Boolean) ? [nonEmpty(text)] : [];
  const tests =
    expr.op === "has_any"
      ? [c.dialect.anyTerm(text, needles)]
      : needles.map((needle) => c.dialect.term(text, needle, TERM_SIDES.has, false));
  return { sql: sql`(${join([...prefilter, ...tests], " AND ")})`, type: "bool" };
}

/** in, !in, in~, !in~: constants, list-valued lets, dynamic arrays and one-column queries, in one test. */
export function compileIn(c: ExpressionCompiler, expr: Extract<TExpr, { kind: "inList" }>): TTyped {
  const isCaseless = expr.op.endsWith("~");
  let left = c.compile(expr.left);
  if (left.type === "dynamic" || isCaseless) left = { sql: c.toText(left), type: "string" };
  const wrap = (value: TSql) => (isCaseless ? sql`lower(${value})` : value);
  const values: TSql[] = [];
  const subqueries: TSql[] = [];
  for (const item of expr.items) {
    if (item.kind === "tabular") {
      const subquery = c.context.listSubquery(item.query, c.env, item.pos, isCaseless);
      if (!commonType(left.type, subquery.type))
        throw new KqlError(`Cannot compare ${left.type} with the ${subquery.type} values of this query`, item.pos);
      // A stored uuid in a query of stored uuids: compared as uuids, the column's index can answer.
      const leftUuid = isCaseless || expr.left.kind !== "column" ? undefined : left.uuid;
      subqueries.push(
        leftUuid && subquery.uuid
          ? sql`${leftUuid} IN (${subquery.uuid})`
          : sql`${wrap(left.sql)} IN (${subquery.sql})`,
      );
      continue;
    }
    const literal = c.constant(item.expr);
    if (literal?.kind === "dynamic") {
      for (const element of Array.isArray(literal.value) ? literal.value : [literal.value])
        values.push(wrap(listElement(element, left.type, item.expr.pos, c.dialect)));
      continue;
    }
    const value = c.coerceLiteral(c.compile(item.expr), left.type, item.expr);
    if (!commonType(left.type, value.type))
      throw new KqlError(`Cannot compare ${left.type} with ${value.type}`, item.expr.pos);
    if (isCaseless) values.push(wrap(c.toText(value)));
    else values.push(value.type === "null" && left.type !== "null" ? c.castTo(value, left.type).sql : value.sql);
  }
  const parts = [...(values.length > 0 ? [sql`${wrap(left.sql)} IN (${join(values)})`] : []), ...subqueries];
  const test = parts.length === 0 ? boolParam(false) : sql`(${join(parts, " OR ")})`;
  return { sql: expr.op.startsWith("!") ? sql`(NOT ${test})` : test, type: "bool" };
}

function listElement(element: unknown, type: TTyped["type"], pos: TSourcePosition, dialect: TDialect): TSql {
  if (type === "string" && (typeof element === "string" || typeof element === "number"))
    return textParam(String(element));
  if (isNumeric(type) && typeof element === "number") return realParam(element);
  if (type === "bool" && typeof element === "boolean") return boolParam(element);
  const date = type === "datetime" && typeof element === "string" ? parseDatetime(element) : null;
  if (date) return dialect.timestamp(date);
  throw new KqlError(`The list holds ${JSON.stringify(element)}, which cannot be compared with ${type}`, pos);
}
