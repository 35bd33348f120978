// Where the SQL of the two hunting stores differs, and only there: the compiler builds one statement from the parsed
// query and asks its dialect for the pieces PostgreSQL and ClickHouse spell differently (time, timespans, term and
// regex matching, JSON text, the base tables, the final stage). Everything else is SQL both engines read alike;
// ClickHouse's renderer (clickhouse-sql.ts) maps the type names of casts and refuses what is PostgreSQL's alone.
import type { TKqlType } from "./kql-types";
import {
  ident,
  intervalParam,
  join,
  jsonParam,
  keyword,
  NOW_UTC,
  sql,
  termPattern,
  textParam,
  timestampParam,
  type TSql,
} from "./sql";

export type TDialectName = "postgres" | "clickhouse";

export type TTermSides = { start: boolean; end: boolean };

/** A part of a format_datetime() format, as Kusto writes it. */
export type TDatetimePart =
  | "yyyy"
  | "yy"
  | "MM"
  | "M"
  | "dd"
  | "d"
  | "HH"
  | "H"
  | "hh"
  | "h"
  | "mm"
  | "m"
  | "ss"
  | "s"
  | "tt"
  | "ffffff"
  | "fffff"
  | "ffff"
  | "fff"
  | "ff"
  | "f";
export type TDatetimeFormat = (TDatetimePart | { separator: string })[];

export type TDialect = {
  name: TDialectName;
  /** Now in UTC, fixed for the whole statement, as Kusto fixes now() per query. */
  now: TSql;
  timestamp(value: Date): TSql;
  /** A timespan constant: an interval in PostgreSQL, seconds (Float64) in ClickHouse. */
  timespan(milliseconds: number): TSql;
  /** datetime ± timespan. */
  shift(datetime: TSql, op: "+" | "-", span: TSql): TSql;
  /** datetime − datetime, a timespan. */
  between(later: TSql, earlier: TSql): TSql;
  /** long / long, a long as in Kusto (ClickHouse's / always gives a float); null for a division by zero. */
  integerDivide(left: TSql, right: TSql): TSql;
  /** A timespan as seconds (float). */
  seconds(span: TSql): TSql;
  /** Kusto's has/hasprefix/hassuffix: `needle` as a whole term (or a term's start or end). */
  term(text: TSql, needle: string, sides: TTermSides, isCaseSensitive: boolean): TSql;
  /** has with a column (any text known only per row) on its right: the needle's special characters escaped in SQL. */
  termOf(text: TSql, needle: TSql, sides: TTermSides, isCaseSensitive: boolean): TSql;
  /** format_datetime(): "" for null. */
  formatDatetime(value: TSql, format: TDatetimeFormat): TSql;
  /** base64_encode_tostring(): the UTF-8 bytes of text in base64, on one line. */
  base64(text: TSql): TSql;
  /** has_any: any of the needles as a whole term, case-insensitive. */
  anyTerm(text: TSql, needles: string[]): TSql;
  /** A regular expression match (the pattern is a constant of the query). */
  regex(text: TSql, pattern: string): TSql;
  /** A datetime as Kusto's tostring() writes it: ISO 8601 with Z, fraction only when there is one. */
  datetimeText(value: TSql): TSql;
  /** startofday() … startofyear(): Kusto's weeks start on Sunday. */
  startOf(unit: "day" | "week" | "month" | "year", value: TSql): TSql;
  /** bin(datetime, span): bins from 1970-01-01. */
  binDatetime(value: TSql, span: TSql): TSql;
  /** A hunting table as the first stage reads it. */
  table(model: string): TSql;
  /** A dynamic value known when the query is compiled: dynamic([…]), dynamic({…}). */
  dynamic(value: unknown): TSql;
  /** A text array column as a dynamic value. */
  jsonArray(value: TSql): TSql;
  /** The index-th part (from 1) of text split on a constant delimiter; "" past the last. */
  splitPart(text: TSql, delimiter: string, index: number): TSql;
  /** A dynamic value's property (a string key) or element (a number, from 0). */
  member(object: TSql, key: string | number): TSql;
  /** A dynamic value as text: a JSON string unquoted, anything else its JSON; "" for null. */
  dynamicText(value: TSql): TSql;
  /** A dynamic value's number or boolean, null when it holds another kind. */
  dynamicScalar(value: TSql, type: "real" | "bool"): TSql;
  /** make_set / make_list: the values (nulls left out) as a JSON array of at most maxSize, [] when none. */
  collect(value: TSql, isDistinct: boolean, maxSize: number): TSql;
  /** ISO 8601 text (checked against `shape` first) as a UTC datetime; null for anything else. */
  parseDatetime(text: TSql, shape: string): TSql;
  /** parse_json(): JSON text ("" is null), or a scalar of another type as a dynamic value. */
  parseJson(value: TSql, isScalar: boolean): TSql;
  /** split(): the parts of text between delimiters, as a dynamic array. */
  split(text: TSql, delimiter: TSql): TSql;
  /** array_length(): null when the dynamic value is not an array. */
  arrayLength(value: TSql): TSql;
  /**
   * parse's match: the groups of `pattern` matched at the text's start, each as short as lets the rest fit unless the
   * pattern makes it longer; read them with groupOf.
   */
  anchoredGroups(text: TSql, pattern: string): TSql;
  /** The index-th (from 1) of anchoredGroups' groups; "" when the text did not match. */
  groupOf(groups: TSql, index: number): TSql;
  /** The index-th group (from 1) of the first match of a constant regular expression; "" when none. */
  regexGroup(text: TSql, pattern: string, index: number): TSql;
  /** The type name a cast to a Kusto type writes. */
  type(type: TKqlType): TSql;
  /**
   * The final statement. PostgreSQL plans a grouped result for all its rows (a MATERIALIZED CTE), so the caller's
   * LIMIT cannot make it walk an index in group order; ClickHouse has no such plan to avoid.
   */
  finalStatement(ctes: TSql[], select: TSql, isGrouped: boolean): TSql;
};

const PG_TYPE_NAMES: Record<TKqlType, string> = {
  string: "text",
  int: "integer",
  long: "bigint",
  real: "double precision",
  bool: "boolean",
  datetime: "timestamp",
  timespan: "interval",
  dynamic: "jsonb",
};

// PostgreSQL's to_char for each of Kusto's parts (FM drops the padding of the next part only).
const TO_CHAR_PARTS: Record<TDatetimePart, string> = {
  yyyy: "YYYY",
  yy: "YY",
  MM: "MM",
  M: "FMMM",
  dd: "DD",
  d: "FMDD",
  HH: "HH24",
  H: "FMHH24",
  hh: "HH12",
  h: "FMHH12",
  mm: "MI",
  m: "FMMI",
  ss: "SS",
  s: "FMSS",
  tt: "AM",
  ffffff: "US",
  fffff: "FF5",
  ffff: "FF4",
  fff: "MS",
  ff: "FF2",
  f: "FF1",
};

/** A format_datetime() format as a to_char pattern: separators quoted. */
export const toCharPattern = (format: TDatetimeFormat): string =>
  format.map((part) => (typeof part === "string" ? TO_CHAR_PARTS[part] : `"${part.separator}"`)).join("");

const TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS';
const EPOCH = new Date(0);

export const POSTGRES: TDialect = {
  name: "postgres",
  now: NOW_UTC,
  timestamp: timestampParam,
  timespan: intervalParam,
  shift: (datetime, op, span) => sql`(${datetime} ${keyword(op)} ${span})`,
  between: (later, earlier) => sql`(${later} - ${earlier})`,
  integerDivide: (left, right) => sql`(${left} / NULLIF(${right}, 0))`,
  seconds: (span) => sql`extract(epoch FROM ${span})::float8`,
  term: (text, needle, sides, isCaseSensitive) =>
    sql`(${text} ${keyword(isCaseSensitive ? "~" : "~*")} ${termPattern(needle, sides)}::text)`,
  termOf: (text, needle, sides, isCaseSensitive) => {
    const start = sides.start
      ? sql`CASE WHEN ${needle} ~ ${"^[0-9A-Za-z]"}::text THEN ${"(?<![0-9A-Za-z])"}::text ELSE ${""}::text END`
      : textParam("");
    const end = sides.end
      ? sql`CASE WHEN ${needle} ~ ${"[0-9A-Za-z]$"}::text THEN ${"(?![0-9A-Za-z])"}::text ELSE ${""}::text END`
      : textParam("");
    const escaped = sql`regexp_replace(${needle}, ${"([.^$|?*+()\\[\\]{}\\\\])"}::text, ${"\\\\\\1"}::text, ${"g"}::text)`;
    return sql`(${text} ${keyword(isCaseSensitive ? "~" : "~*")} (${start} || ${escaped} || ${end}))`;
  },
  formatDatetime: (value, format) => sql`coalesce(to_char(${value}, ${toCharPattern(format)}::text), ${""}::text)`,
  base64: (text) =>
    sql`replace(encode(convert_to(${text}, ${"UTF8"}::text), ${"base64"}::text), ${"\n"}::text, ${""}::text)`,
  anyTerm: (text, needles) =>
    sql`(${text} ~* ${`(?:${needles.map((needle) => termPattern(needle, { start: true, end: true })).join("|")})`}::text)`,
  regex: (text, pattern) => sql`(${text} ~ ${pattern}::text)`,
  datetimeText: (value) => {
    const seconds = sql`to_char(${value}, ${TIMESTAMP_FORMAT}::text)`;
    const fraction = sql`CASE WHEN date_part(${"microseconds"}::text, ${value})::bigint % 1000000 = 0 THEN ${"Z"}::text ELSE to_char(${value}, ${".US0Z"}::text) END`;
    return sql`coalesce(${seconds} || ${fraction}, ${""}::text)`;
  },
  startOf: (unit, value) =>
    // PostgreSQL's weeks start on Monday.
    unit === "week"
      ? sql`(date_trunc(${"week"}::text, ${value} + ${"1 day"}::interval) - ${"1 day"}::interval)`
      : sql`date_trunc(${unit}::text, ${value})`,
  binDatetime: (value, span) => sql`date_bin(${span}, ${value}, ${timestampParam(EPOCH)})`,
  table: (model) => ident(model),
  dynamic: jsonParam,
  jsonArray: (value) => sql`to_jsonb(${value})`,
  splitPart: (text, delimiter, index) => sql`split_part(${text}, ${delimiter}::text, ${keyword(String(index))})`,
  member: (object, key) => sql`(${object} -> ${typeof key === "number" ? sql`${key}::integer` : sql`${key}::text`})`,
  dynamicText: (value) => sql`coalesce(${value} #>> ${"{}"}::text[], ${""}::text)`,
  dynamicScalar: (value, type) =>
    type === "real"
      ? sql`(CASE WHEN jsonb_typeof(${value}) = ${"number"}::text THEN (${value} #>> ${"{}"}::text[])::float8 END)`
      : sql`(CASE WHEN jsonb_typeof(${value}) = ${"boolean"}::text THEN (${value} #>> ${"{}"}::text[])::boolean END)`,
  collect: (value, isDistinct, maxSize) => {
    const values = sql`array_agg(${isDistinct ? sql`DISTINCT ` : sql``}${value}) FILTER (WHERE ${value} IS NOT NULL)`;
    return sql`coalesce(to_jsonb((${values})[1:${maxSize}::integer]), ${"[]"}::jsonb)`;
  },
  parseDatetime: (text, shape) =>
    sql`(CASE WHEN ${text} ~ ${shape}::text THEN ((${text})::timestamptz AT TIME ZONE ${"UTC"}::text) END)`,
  parseJson: (value, isScalar) => (isScalar ? sql`to_jsonb(${value})` : sql`(NULLIF(${value}, ${""}::text))::jsonb`),
  split: (text, delimiter) => sql`to_jsonb(string_to_array(${text}, ${delimiter}))`,
  arrayLength: (value) =>
    sql`(CASE WHEN jsonb_typeof(${value}) = ${"array"}::text THEN jsonb_array_length(${value})::bigint END)`,
  // PostgreSQL takes a whole expression's greediness from its first quantifier: {1,1} makes the match as long as it
  // can be, so a typed column at the end reads every digit, while each lazy column inside stays shortest.
  anchoredGroups: (text, pattern) => sql`regexp_match(${text}, ${`^(?:${pattern}){1,1}`}::text)`,
  groupOf: (groups, index) => sql`coalesce((${groups})[${index}::integer], ${""}::text)`,
  regexGroup: (text, pattern, index) =>
    sql`coalesce((regexp_match(${text}, ${pattern}::text))[${index}::integer], ${""}::text)`,
  type: (type) => keyword(PG_TYPE_NAMES[type]),
  finalStatement: (ctes, select, isGrouped) => {
    if (!isGrouped) return sql`WITH ${join(ctes)} ${select}`;
    const final = ident(`_s${ctes.length + 1}`);
    return sql`WITH ${join([...ctes, sql`${final} AS MATERIALIZED (${select})`])} SELECT * FROM ${final}`;
  },
};

/** What ClickHouse cannot run (yet): the runner answers such a query from PostgreSQL instead. */
export class DialectUnsupportedError extends Error {
  constructor(readonly what: string) {
    super(`${what} does not run on ClickHouse`);
  }
}

// RE2 (ClickHouse) has no lookarounds: a term's edge is the text's edge or a character that is not a letter or digit.
const EDGE_BEFORE = "(?:^|[^0-9A-Za-z])";
const EDGE_AFTER = "(?:[^0-9A-Za-z]|$)";
const isAlnum = (char: string | undefined) => char !== undefined && /[0-9A-Za-z]/.test(char);
const escapeRe2 = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");

function re2Term(needle: string, sides: TTermSides): string {
  const start = sides.start && isAlnum(needle[0]) ? EDGE_BEFORE : "";
  const end = sides.end && isAlnum(needle.at(-1)) ? EDGE_AFTER : "";
  return `${start}${escapeRe2(needle)}${end}`;
}

const CH_TYPE_NAMES: Record<TKqlType, string> = {
  string: "String",
  int: "Int32",
  long: "Int64",
  real: "Float64",
  bool: "Bool",
  datetime: "DateTime64(6)",
  timespan: "Float64",
  dynamic: "String",
};

const chFormat = (format: string) => (value: TSql) => sql`formatDateTime(${value}, ${format}::text)`;
const chNumber = (part: string) => (value: TSql) => sql`toString(${keyword(part)}(${value}))`;
const chFraction = (digits: number) => (value: TSql) =>
  sql`substring(formatDateTime(${value}, ${"%f"}::text), 1, ${keyword(String(digits))})`;

// formatDateTime pads every number, so the unpadded parts (M, d, H, …) are the numbers as text.
const CH_DATETIME_PARTS: Record<TDatetimePart, (value: TSql) => TSql> = {
  yyyy: chFormat("%Y"),
  yy: chFormat("%y"),
  MM: chFormat("%m"),
  M: chNumber("toMonth"),
  dd: chFormat("%d"),
  d: chNumber("toDayOfMonth"),
  HH: chFormat("%H"),
  H: chNumber("toHour"),
  hh: chFormat("%I"),
  h: (value) => sql`toString((toHour(${value}) + 11) % 12 + 1)`,
  mm: chFormat("%i"),
  m: chNumber("toMinute"),
  ss: chFormat("%S"),
  s: chNumber("toSecond"),
  tt: chFormat("%p"),
  ffffff: chFraction(6),
  fffff: chFraction(5),
  ffff: chFraction(4),
  fff: chFraction(3),
  ff: chFraction(2),
  f: chFraction(1),
};

const CH_START_OF = {
  day: "toStartOfDay",
  week: "toStartOfWeek",
  month: "toStartOfMonth",
  year: "toStartOfYear",
} as const;

/** ClickHouse (session time zone UTC): datetimes are DateTime64(6), timespans seconds as Float64, dynamic values JSON text. */
export const CLICKHOUSE: TDialect = {
  name: "clickhouse",
  now: sql`now64(6, ${"UTC"}::text)`,
  timestamp: (value) =>
    sql`toDateTime64(${value.toISOString().replace("T", " ").replace("Z", "")}::text, 6, ${"UTC"}::text)`,
  timespan: (milliseconds) => sql`${milliseconds / 1000}::float8`,
  shift: (datetime, op, span) =>
    sql`${keyword(op === "+" ? "addMicroseconds" : "subtractMicroseconds")}(${datetime}, toInt64(round((${span}) * 1000000)))`,
  between: (later, earlier) => sql`((toUnixTimestamp64Micro(${later}) - toUnixTimestamp64Micro(${earlier})) / 1000000)`,
  integerDivide: (left, right) => sql`intDiv(${left}, NULLIF(${right}, 0))`,
  seconds: (span) => span,
  term: (text, needle, sides, isCaseSensitive) =>
    sql`match(${text}, ${`${isCaseSensitive ? "" : "(?i)"}${re2Term(needle, sides)}`}::text)`,
  termOf: (text, needle, sides, isCaseSensitive) => {
    const start = sides.start
      ? sql`if(match(${needle}, ${"^[0-9A-Za-z]"}::text), ${EDGE_BEFORE}::text, ${""}::text)`
      : textParam("");
    const end = sides.end
      ? sql`if(match(${needle}, ${"[0-9A-Za-z]$"}::text), ${EDGE_AFTER}::text, ${""}::text)`
      : textParam("");
    const escaped = sql`replaceRegexpAll(${needle}, ${"([.^$|?*+()\\[\\]{}\\\\])"}::text, ${"\\\\\\1"}::text)`;
    return sql`match(${text}, concat(${textParam(isCaseSensitive ? "" : "(?i)")}, ${start}, ${escaped}, ${end}))`;
  },
  formatDatetime: (value, format) =>
    sql`coalesce(concat(${join(
      format.map((part) => (typeof part === "string" ? CH_DATETIME_PARTS[part](value) : textParam(part.separator))),
    )}), ${""}::text)`,
  base64: (text) => sql`base64Encode(${text})`,
  anyTerm: (text, needles) =>
    sql`match(${text}, ${`(?i)(?:${needles.map((needle) => re2Term(needle, { start: true, end: true })).join("|")})`}::text)`,
  regex: (text, pattern) => sql`match(${text}, ${pattern}::text)`,
  datetimeText: (value) =>
    sql`coalesce(concat(formatDateTime(${value}, ${"%Y-%m-%dT%H:%i:%S"}::text, ${"UTC"}::text), if(toUnixTimestamp64Micro(${value}) % 1000000 = 0, ${"Z"}::text, concat(${"."}::text, leftPad(toString(toUnixTimestamp64Micro(${value}) % 1000000), 6, ${"0"}::text), ${"0Z"}::text))), ${""}::text)`,
  // Mode 0 of toStartOfWeek: weeks start on Sunday.
  startOf: (unit, value) =>
    sql`toDateTime64(${keyword(CH_START_OF[unit])}(${value}${keyword(unit === "week" ? ", 0" : "")}), 6)`,
  binDatetime: (value, span) =>
    sql`fromUnixTimestamp64Micro(intDiv(toUnixTimestamp64Micro(${value}), toInt64(round((${span}) * 1000000))) * toInt64(round((${span}) * 1000000)), ${"UTC"}::text)`,
  // FINAL: the replica's newest version of each row, deleted rows left out (ReplacingMergeTree, see clickhouse-schema.ts).
  table: (model) => sql`${ident(model)} FINAL`,
  dynamic: (value) => textParam(JSON.stringify(value)),
  jsonArray: (value) => sql`toJSONString(${value})`,
  splitPart: (text, delimiter, index) =>
    sql`arrayElement(splitByString(${delimiter}::text, ${text}), ${keyword(String(index))})`,
  // Kusto counts elements from 0, ClickHouse's JSON functions from 1.
  member: (object, key) =>
    sql`JSONExtractRaw(${object}, ${typeof key === "number" ? sql`${key + (key >= 0 ? 1 : 0)}::bigint` : sql`${key}::text`})`,
  dynamicText: (value) =>
    sql`coalesce(if(JSONType(${value}) = ${"String"}::text, JSONExtractString(${value}), ${value}), ${""}::text)`,
  dynamicScalar: (value, type) =>
    type === "real"
      ? sql`if(JSONType(${value}) IN (${"Int64"}::text, ${"UInt64"}::text, ${"Double"}::text), JSONExtractFloat(${value}), NULL)`
      : sql`if(JSONType(${value}) = ${"Bool"}::text, JSONExtractBool(${value}) = 1, NULL)`,
  collect: (value, isDistinct, maxSize) =>
    sql`toJSONString(arraySlice(${isDistinct ? sql`arraySort(groupUniqArray(${value}))` : sql`groupArray(${value})`}, 1, ${maxSize}::bigint))`,
  parseDatetime: (text, shape) =>
    sql`if(match(${text}, ${shape}::text), parseDateTime64BestEffortOrNull(${text}, 6, ${"UTC"}::text), NULL)`,
  // Text that is not JSON stays a string, as in Kusto (PostgreSQL's cast fails the query instead).
  parseJson: (value, isScalar) =>
    isScalar
      ? sql`toJSONString(${value})`
      : sql`if(${value} = ${""}::text, NULL, if(isValidJSON(${value}), ${value}, toJSONString(${value})))`,
  split: (text, delimiter) => sql`toJSONString(splitByString(${delimiter}, ${text}))`,
  arrayLength: (value) => sql`if(JSONType(${value}) = ${"Array"}::text, toInt64(JSONLength(${value})), NULL)`,
  // RE2 gives each quantifier its own greediness; (?s): a dot matches a line break too, as in PostgreSQL.
  anchoredGroups: (text, pattern) => sql`extractGroups(${text}, ${`(?s)^(?:${pattern})`}::text)`,
  groupOf: (groups, index) => sql`coalesce(arrayElement(${groups}, ${index}::bigint), ${""}::text)`,
  regexGroup: (text, pattern, index) =>
    sql`coalesce(arrayElement(extractGroups(${text}, ${pattern}::text), ${index}::bigint), ${""}::text)`,
  type: (type) => keyword(CH_TYPE_NAMES[type]),
  finalStatement: (ctes, select) => sql`WITH ${join(ctes)} ${select}`,
};

export const DIALECTS: Record<TDialectName, TDialect> = { postgres: POSTGRES, clickhouse: CLICKHOUSE };
