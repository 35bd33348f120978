// A compiled statement as ClickHouse runs it: $n placeholders become typed query parameters ({p1:String}), the
// PostgreSQL casts the shared compiler writes (`x::text`) become CAST(x AS String), and what only PostgreSQL has
// (jsonb, regexes with lookarounds, intervals, …) is refused so the runner answers from PostgreSQL instead. The
// text this reads is the compiler's own: values never appear in it.
import { DialectUnsupportedError } from "./dialect";
import type { TSql } from "./sql";

export type TClickHouseStatement = { query: string; params: Record<string, string | number | boolean> };

const CAST_TYPES: Record<string, string> = {
  text: "String",
  bigint: "Int64",
  integer: "Int32",
  float8: "Float64",
  "double precision": "Float64",
  numeric: "Float64",
  boolean: "Bool",
  // The ClickHouse dialect's own type names (dialect.ts) pass through.
  String: "String",
  Int32: "Int32",
  Int64: "Int64",
  Float64: "Float64",
  Bool: "Bool",
  "DateTime64(6)": "DateTime64(6)",
};

// Words and operators of PostgreSQL's alone that the shared compiler may still write for some constructs.
const POSTGRES_ONLY =
  /\b(jsonb\w*|to_jsonb|regexp_match|to_char|date_part|string_to_array|array_agg|make_interval|date_bin|split_part|epoch|mod|timestamptz|interval|timestamp|AT TIME ZONE|MATERIALIZED)\b|~\*?|#>>|->|\[/i;

const RENAMES: [RegExp, string][] = [
  [/\bstrpos\(/g, "position("],
  [/\bstarts_with\(/g, "startsWith("],
];

function placeholder(index: number, value: unknown): string {
  if (typeof value === "number") return `{p${index}:Float64}`;
  if (typeof value === "boolean") return `{p${index}:Bool}`;
  return `{p${index}:String}`;
}

export function renderClickHouse(statement: TSql): TClickHouseStatement {
  const params: TClickHouseStatement["params"] = {};
  let text = statement.strings[0];
  statement.values.forEach((value, index) => {
    params[`p${index + 1}`] = typeof value === "number" || typeof value === "boolean" ? value : String(value);
    text += placeholder(index + 1, value) + statement.strings[index + 1];
  });
  const refused = POSTGRES_ONLY.exec(text.replace(/\{p\d+:\w+\}/g, " ").replace(/"[^"]*"/g, " "));
  if (refused) throw new DialectUnsupportedError(`\`${refused[0]}\``);
  for (const [pattern, name] of RENAMES) text = text.replace(pattern, name);
  return { query: rewriteCasts(text), params };
}

/** `x::type` → CAST(x AS Type), where x is a parameter, a quoted name, NULL, a number or a (parenthesised) call. */
function rewriteCasts(text: string): string {
  const cast = /::(double precision|DateTime64\(6\)|[a-z0-9]+)/i;
  for (let match = cast.exec(text); match; match = cast.exec(text)) {
    const type = CAST_TYPES[match[1]] ?? CAST_TYPES[match[1].toLowerCase()];
    if (!type) throw new DialectUnsupportedError(`a cast to ${match[1]}`);
    const end = match.index;
    const start = operandStart(text, end);
    const operand = text.slice(start, end);
    const target = operand === "NULL" ? `Nullable(${type})` : type;
    text = `${text.slice(0, start)}CAST(${operand} AS ${target})${text.slice(end + match[0].length)}`;
  }
  return text;
}

function operandStart(text: string, end: number): number {
  const last = text[end - 1];
  const closer = last === ")" ? "(" : last === "}" ? "{" : last === '"' ? '"' : null;
  let index = end - 1;
  if (closer === '"') {
    index = text.lastIndexOf('"', end - 2);
  } else if (closer) {
    for (let depth = 0; index >= 0; index--) {
      if (text[index] === last) depth++;
      else if (text[index] === closer && --depth === 0) break;
    }
  } else {
    while (index > 0 && /[A-Za-z0-9_.]/.test(text[index - 1])) index--;
    return index;
  }
  // A call's name belongs to its operand: lower(x)::text.
  while (index > 0 && /[A-Za-z0-9_]/.test(text[index - 1])) index--;
  return index;
}
