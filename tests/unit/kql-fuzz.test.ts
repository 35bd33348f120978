import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import { compileKql, type TCompiledQuery } from "@/server/hunting/kql/compile-kql";
import { KqlError } from "@/server/hunting/kql/kql-error";
import { parseKql } from "@/server/hunting/kql/parse-query";

// Random and hostile text thrown at the hunting parser and compiler: the only error is a KqlError, and whatever
// compiles is SQL built from the compiler's own words, the schema's identifiers and $n placeholders — no text of
// the query, so quotes, semicolons, comments and catalog names can only ever be parameter values.

/** Every bare word the compiler writes. A new one here is a deliberate, reviewed addition. */
const SQL_WORDS = new Set(
  `WITH AS MATERIALIZED SELECT FROM WHERE AND OR NOT IS NULL ORDER BY ASC DESC NULLS FIRST LAST LIMIT DISTINCT ON GROUP JOIN LEFT RIGHT FULL
   EXISTS IN BETWEEN CASE WHEN THEN ELSE END FILTER AT TIME ZONE LIKE ILIKE l r epoch secs
   text integer bigint double precision boolean timestamp timestamptz interval jsonb float8 numeric
   now make_interval date_bin date_trunc floor lower upper char_length concat concat_ws strpos starts_with right substr replace
   string_to_array to_jsonb regexp_match to_char date_part coalesce nullif trunc count sum min max avg array_agg jsonb_typeof
   jsonb_array_length split_part extract mod regexp_replace encode convert_to
   jsonb_build_object jsonb_build_array jsonb_agg jsonb_each jsonb_array_elements cross lateral ordinality generate_series union all`
    .toLowerCase()
    .split(/\s+/),
);

const IDENTIFIERS = new Set(
  HUNTING_TABLES.flatMap((table) => [
    table.model,
    ...table.columns.flatMap((column) => [column.name, ...(column.field ? [column.field] : [])]),
  ]),
);
const isAllowedIdentifier = (name: string) => IDENTIFIERS.has(name) || /^_s\d+$/.test(name) || /^c\d+$/.test(name);

function compileOrKqlError(text: string): TCompiledQuery | null {
  try {
    return compileKql(parseKql(text));
  } catch (error) {
    if (error instanceof KqlError) {
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeGreaterThanOrEqual(1);
      return null;
    }
    throw error;
  }
}

function expectOnlyCompilerText({ sql }: TCompiledQuery): void {
  const text = sql.text;
  expect(text).not.toMatch(/'|;|--|\/\*|\$\$/);
  const strangers = [...text.matchAll(/"([^"]*)"/g)]
    .map((match) => match[1])
    .filter((name) => !isAllowedIdentifier(name));
  const bare = text.replace(/"[^"]*"/g, " ").replace(/\$\d+/g, " ");
  const words = (bare.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((word) => !SQL_WORDS.has(word.toLowerCase()));
  expect({ strangers, words }).toEqual({ strangers: [], words: [] });
  expect(bare).toMatch(/^[A-Za-z0-9_\s(),.:=<>!~*%+\-/[\]|#{}]*$/);
  const placeholders = [...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
  expect(Math.max(0, ...placeholders)).toBe(sql.values.length);
}

const HOSTILE = [
  `';drop table "User";--`,
  `"; DROP TABLE "User"; --`,
  "pg_catalog.pg_authid",
  "$1",
  "$$",
  "/*",
  "*/",
  "--",
  "\\",
  "\\'",
  '"',
  "'",
  "`",
  "\u0000",
  "🙂",
  "é",
  "\u202e",
  "\r\n",
  "User",
  "pg_sleep(10)",
  ") OR 1=1 --",
  "%",
  "_",
  "(?i)",
  "[",
  "]",
  "{}",
  "\u2028",
];

const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 6 }).map((parts) => parts.join("")),
);

/** KQL string literals holding `value` exactly: double-quoted with escapes, single-quoted, verbatim. */
const escaped = (value: string, quote: string) =>
  value.replace(/\\/g, "\\\\").replaceAll(quote, `\\${quote}`).replace(/\n/g, "\\n").replace(/\r/g, "\\r");
const quoted = (value: string) => `"${escaped(value, '"')}"`;
const singleQuoted = (value: string) => `'${escaped(value, "'")}'`;
const verbatim = (value: string) => `@"${value.replace(/"/g, '""')}"`;

/** Queries of the supported grammar with the hostile text in every place a value goes, once as a plain value. */
const TEMPLATES: ((value: string) => string)[] = [
  (value) => `EmailEvents | where Subject == ${quoted(value)}`,
  (value) =>
    `EmailEvents | where Subject has ${verbatim(value)} or Subject contains ${quoted(value)} or Subject startswith ${singleQuoted(value)} or Subject == ${verbatim(value)}`,
  (value) =>
    `EmailEvents | where SenderFromDomain in~ (${quoted(value)}, ${verbatim(value)}) and Subject has_any (${quoted(value)}) or Subject in (${singleQuoted(value)})`,
  (value) =>
    `let needle = ${quoted(value)};\nEmailEvents | where Subject endswith needle | project Subject, Marked = strcat(needle, Subject)`,
  (value) => `EmailEvents | where Subject matches regex ${verbatim(value)} | summarize count() by Subject`,
  (value) =>
    `EmailEvents | project [${singleQuoted(value)}] = Subject, Other = replace_string(Subject, ${quoted(value)}, ${quoted(value)})`,
  (value) =>
    `EmailEvents | extend Parsed = parse_json(${quoted(value)}) | where tostring(Parsed[${quoted(value)}]) == ${quoted(value)}`,
  (value) =>
    `EmailEvents | where Subject in (dynamic([${quoted(value)}, ${quoted(value)}])) | join kind=leftouter (EmailUrlInfo | where Url has ${quoted(value)}) on NetworkMessageId`,
  (value) =>
    `EmailEvents | where Subject !has ${quoted(value)} and extract(${quoted(value)}, 0, Subject) != ${quoted(value)} | top 5 by Timestamp`,
];

/** Words and symbols of the language, shuffled into mostly-wrong queries that still reach the compiler. */
const TOKENS = [
  "EmailEvents",
  "EmailUrlInfo",
  "UrlClickEvents",
  "User",
  "pg_class",
  "|",
  "where",
  "project",
  "extend",
  "summarize",
  "by",
  "count()",
  "count",
  "take",
  "10",
  "join",
  "kind=inner",
  "on",
  "$left.NetworkMessageId",
  "==",
  "$right.NetworkMessageId",
  "Subject",
  "Timestamp",
  "NetworkMessageId",
  "has",
  "!has",
  "in",
  "(",
  ")",
  ",",
  "=",
  "ago(1d)",
  '"x"',
  "'y'",
  '@"z"',
  "let",
  "a",
  ";",
  ">",
  "and",
  "or",
  "not(",
  "dcount(",
  "bin(",
  "1h",
  "sort",
  "top",
  "distinct",
  "*",
  "render",
  "timechart",
  "project-away",
  "mv-expand",
  "//",
  "\n",
  "[",
  "]",
  "dynamic(",
  "datetime(2024-01-01)",
  "between",
  "..",
  "iff(",
  "case(",
  "arg_max(",
  "matches",
  "regex",
];

/** Random pipelines of the supported grammar, well- and ill-typed, with hostile values among the literals. */
const COLUMNS = [
  "Subject",
  "Timestamp",
  "UrlCount",
  "SenderFromDomain",
  "NetworkMessageId",
  "AuthenticationDetails",
  "AdditionalActions",
  "EmailSize",
  "Nope",
  "count_",
];
const FUNCTIONS = [
  "tolower",
  "strlen",
  "tostring",
  "toint",
  "isempty",
  "isnull",
  "ago",
  "bin",
  "startofday",
  "parse_json",
  "not",
  "count",
  "dcount",
  "make_set",
  "sum",
  "avg",
  "max",
  "iff",
  "strcat",
  "extract",
  "split",
  "coalesce",
  "array_length",
  "todatetime",
  "toreal",
  "substring",
  "zap",
];
const OPERATORS = [
  "==",
  "!=",
  "<",
  ">=",
  "=~",
  "!~",
  "has",
  "!has",
  "contains",
  "startswith",
  "endswith",
  "has_cs",
  "matches regex",
  "and",
  "or",
  "+",
  "-",
  "*",
  "/",
  "%",
];
const literal = fc.oneof(
  hostileText.map(quoted),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => value.toFixed(3)),
  fc.constantFrom("1h", "30min", "7d", "true", "null", "datetime(2024-01-01)", 'dynamic(["a", 1])', "now()"),
);
const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...COLUMNS),
    literal,
    fc
      .tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie("expr"), { maxLength: 3 }))
      .map(([name, args]) => `${name}(${args.join(", ")})`),
    fc
      .tuple(tie("expr"), fc.constantFrom(...OPERATORS), tie("expr"))
      .map(([left, op, right]) => `(${left} ${op} ${right})`),
    fc
      .tuple(
        tie("expr"),
        fc.constantFrom("in", "!in", "in~", "has_any", "has_all"),
        fc.array(literal, { maxLength: 3 }),
      )
      .map(([left, op, items]) => `${left} ${op} (${items.join(", ")})`),
    fc.tuple(tie("expr"), tie("expr"), tie("expr")).map(([value, low, high]) => `${value} between (${low} .. ${high})`),
    fc.tuple(tie("expr"), fc.constantFrom(".SPF", "[0]", '["x"]')).map(([object, access]) => `${object}${access}`),
  ),
}));
const column = fc.constantFrom(...COLUMNS);
const operator = fc.oneof(
  expr.map((predicate) => `where ${predicate}`),
  fc.tuple(column, expr).map(([name, value]) => `extend ${name} = ${value}`),
  fc.tuple(expr, column).map(([value, name]) => `project X = ${value}, ${name}`),
  fc.tuple(expr, column).map(([value, name]) => `summarize A = ${value} by ${name}`),
  fc.tuple(expr, column).map(([value, name]) => `summarize arg_max(${value}, *) by ${name}`),
  expr.map((key) => `sort by ${key} asc`),
  expr.map((count) => `top ${count} by Timestamp`),
  fc.constantFrom(
    "take 5",
    "count",
    "distinct SenderFromDomain",
    "distinct *",
    "project-away Sub*",
    "project-rename S = Subject",
    "render timechart",
  ),
  fc
    .constantFrom("inner", "innerunique", "leftouter", "fullouter", "leftanti", "rightsemi")
    .map((kind) => `join kind=${kind} (EmailUrlInfo | where Url has "x") on NetworkMessageId`),
);
const pipeline = fc
  .tuple(
    fc.constantFrom("EmailEvents", "EmailUrlInfo", "UrlClickEvents", "IdentityLogonEvents", "t"),
    fc.array(operator, { maxLength: 4 }),
    expr,
  )
  .map(
    ([source, operators, letValue]) =>
      `let v = ${letValue};\nlet t = EmailEvents | where Subject has v;\n${[source, ...operators].join("\n| ")}`,
  );

describe("the hunting parser and compiler under random and hostile input", () => {
  it("throw nothing but KqlError on random pipelines, and what compiles holds no query text", () => {
    let compiledCount = 0;
    fc.assert(
      fc.property(pipeline, (query) => {
        const compiled = compileOrKqlError(query);
        if (!compiled) return;
        compiledCount++;
        expectOnlyCompilerText(compiled);
      }),
      { numRuns: 1_500 },
    );
    // Enough of them are valid for the check on the SQL text to mean something.
    expect(compiledCount).toBeGreaterThan(100);
  }, 60_000);

  it("throw nothing but KqlError on random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const compiled = compileOrKqlError(text);
        if (compiled) expectOnlyCompilerText(compiled);
      }),
      { numRuns: 1_000 },
    );
  }, 60_000);

  it("throw nothing but KqlError on shuffled KQL tokens, and what compiles holds no query text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 30 }), (tokens) => {
        const compiled = compileOrKqlError(tokens.join(" "));
        if (compiled) expectOnlyCompilerText(compiled);
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);

  it("keep hostile values out of the SQL text: they travel as parameters", () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom(...TEMPLATES), (value, template) => {
        const compiled = compileOrKqlError(template(value));
        expect(compiled, template(value)).not.toBeNull();
        expectOnlyCompilerText(compiled!);
        expect(compiled!.sql.values).toContain(value);
      }),
      { numRuns: 1_500 },
    );
  }, 60_000);
});
