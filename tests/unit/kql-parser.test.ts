import { describe, expect, it } from "vitest";
import type { TExpr, TOperator } from "@/server/hunting/kql/ast";
import { KqlError } from "@/server/hunting/kql/kql-error";
import { parseKql } from "@/server/hunting/kql/parse-query";
import { tokenize } from "@/server/hunting/kql/tokenize";

const operators = (query: string): TOperator[] => parseKql(query).body.operators;
const first = (query: string): TOperator => operators(query)[0];
const predicate = (condition: string): TExpr => {
  const operator = first(`EmailEvents | where ${condition}`);
  if (operator.kind !== "where") throw new Error("not a where");
  return operator.predicate;
};

function errorOf(query: string): KqlError {
  try {
    parseKql(query);
  } catch (error) {
    if (error instanceof KqlError) return error;
    throw error;
  }
  throw new Error(`parsed: ${query}`);
}

describe("KQL tokenizer", () => {
  it("reads the three string forms, with escapes and doubled quotes", () => {
    const values = tokenize(`"a\\"b\\\\c" 'it\\'s' @"C:\\temp ""x""" h"secret"`).flatMap((token) =>
      token.kind === "string" ? [token.value] : [],
    );
    expect(values).toEqual(['a"b\\c', "it's", 'C:\\temp "x"', "secret"]);
  });

  it("reads timespans in Kusto's units and datetime literals as UTC", () => {
    const tokens = tokenize('7d 30min 1h 10s 250ms 1.5h datetime(2024-03-01 10:30) datetime("2024-03-01T10:30:15.5Z")');
    expect(tokens.flatMap((token) => (token.kind === "timespan" ? [token.milliseconds] : []))).toEqual([
      604_800_000, 1_800_000, 3_600_000, 10_000, 250, 5_400_000,
    ]);
    expect(tokens.flatMap((token) => (token.kind === "datetime" ? [token.value.toISOString()] : []))).toEqual([
      "2024-03-01T10:30:00.000Z",
      "2024-03-01T10:30:15.500Z",
    ]);
  });

  it("drops // comments anywhere and keeps counting lines and columns", () => {
    const tokens = tokenize('// heading\nEmailEvents // trailing\n  | take 1 // "not a string');
    expect(tokens.map((token) => (token.kind === "ident" || token.kind === "punct" ? token.text : token.kind))).toEqual(
      ["EmailEvents", "|", "take", "number", "eof"],
    );
    expect(tokens[1]).toMatchObject({ line: 3, column: 3 });
  });

  it.each([
    ['EmailEvents | where Subject == "open', "This string is never closed (line 1, column 32)"],
    [
      "EmailEvents\n| where x == 7x",
      "'7x' is not a number or a timespan (use units d, h, m, s, ms) (line 2, column 14)",
    ],
    [
      "EmailEvents | where Timestamp > datetime(2024-13-01)",
      "'2024-13-01' is not a datetime: use e.g. datetime(2024-01-31) or datetime(2024-01-31T10:00:00Z) (line 1, column 33)",
    ],
    ["EmailEvents | where a # b", "Unexpected character '#' (line 1, column 23)"],
  ])("rejects %j", (query, message) => {
    expect(errorOf(query).message).toBe(message);
  });
});

describe("KQL parser: tabular operators", () => {
  it("parses the query of seeds/004 as written", () => {
    const query = parseKql(
      'EmailPostDeliveryEvents | where ActionType == "Automated Remediation" and ActionTrigger == "Automation"',
    );
    expect(query.body.source).toMatchObject({ kind: "name", name: "EmailPostDeliveryEvents" });
    expect(query.body.operators[0]).toMatchObject({ kind: "where", predicate: { kind: "binary", op: "and" } });
  });

  it("where and filter", () => {
    expect(first("EmailEvents | filter AttachmentCount > 0")).toMatchObject({ kind: "where", predicate: { op: ">" } });
  });

  it("project with renames and expressions", () => {
    expect(
      first(
        "EmailEvents | project Timestamp, Sender = SenderFromAddress, Domain = tolower(SenderFromDomain), strlen(Subject)",
      ),
    ).toMatchObject({
      kind: "project",
      items: [
        { name: null, expr: { kind: "column", name: "Timestamp" } },
        { name: "Sender", expr: { kind: "column", name: "SenderFromAddress" } },
        { name: "Domain", expr: { kind: "call", name: "tolower" } },
        { name: null, expr: { kind: "call", name: "strlen" } },
      ],
    });
  });

  it("project-away with wildcards, project-rename and extend", () => {
    const [away, rename, extend] = operators(
      "EmailEvents | project-away Sender*, *Id | project-rename Recipient = RecipientEmailAddress | extend Hour = bin(Timestamp, 1h)",
    );
    expect(away).toMatchObject({ kind: "project-away", patterns: [{ pattern: "Sender*" }, { pattern: "*Id" }] });
    expect(rename).toMatchObject({
      kind: "project-rename",
      items: [{ name: "Recipient", from: "RecipientEmailAddress" }],
    });
    expect(extend).toMatchObject({ kind: "extend", items: [{ name: "Hour", expr: { kind: "call", name: "bin" } }] });
  });

  it("summarize with named and default aggregates, by with renames and bin, and by alone", () => {
    expect(
      first(
        "EmailEvents | summarize Total = count(), dcount(SenderFromAddress) by Day = bin(Timestamp, 1d), SenderFromDomain",
      ),
    ).toMatchObject({
      kind: "summarize",
      aggregates: [{ name: "Total" }, { name: null, expr: { name: "dcount" } }],
      by: [
        { name: "Day", expr: { name: "bin" } },
        { name: null, expr: { name: "SenderFromDomain" } },
      ],
    });
    expect(first("EmailEvents | summarize hint.strategy = shuffle by SenderFromDomain")).toMatchObject({
      kind: "summarize",
      aggregates: [],
      by: [{ name: null }],
    });
  });

  it("order by / sort by descend unless asc, with nulls placement", () => {
    expect(first("EmailEvents | order by Timestamp")).toMatchObject({
      kind: "sort",
      keys: [{ isDescending: true, nulls: null }],
    });
    expect(first("EmailEvents | sort by Subject asc nulls last, Timestamp desc")).toMatchObject({
      keys: [
        { isDescending: false, nulls: "last" },
        { isDescending: true, nulls: null },
      ],
    });
  });

  it("top N by, take, limit, distinct, count", () => {
    const [top, take, limit, distinct, everything, count] = operators(
      "EmailEvents | top 5 by EmailSize asc | take 3 | limit 2 | distinct SenderFromAddress, Subject | distinct * | count",
    );
    expect(top).toMatchObject({ kind: "top", count: { kind: "long", value: "5" }, keys: [{ isDescending: false }] });
    expect(take).toMatchObject({ kind: "take", count: { value: "3" } });
    expect(limit).toMatchObject({ kind: "take", count: { value: "2" } });
    expect(distinct).toMatchObject({ kind: "distinct", columns: [{ name: "SenderFromAddress" }, { name: "Subject" }] });
    expect(everything).toMatchObject({ kind: "distinct", columns: null });
    expect(count).toEqual({ kind: "count", pos: { line: 1, column: 110 } });
  });

  it("join: default innerunique, kinds, hints ignored, one or more keys, $left/$right", () => {
    expect(first("EmailEvents | join EmailUrlInfo on NetworkMessageId")).toMatchObject({
      kind: "join",
      joinKind: "innerunique",
      keys: [{ left: "NetworkMessageId", right: "NetworkMessageId" }],
    });
    expect(
      first(
        "EmailEvents | join kind=leftouter hint.remote=auto (UrlClickEvents | where IsClickedThrough) on $right.AccountUpn == $left.RecipientEmailAddress, NetworkMessageId",
      ),
    ).toMatchObject({
      joinKind: "leftouter",
      right: { source: { name: "UrlClickEvents" }, operators: [{ kind: "where" }] },
      keys: [
        { left: "RecipientEmailAddress", right: "AccountUpn" },
        { left: "NetworkMessageId", right: "NetworkMessageId" },
      ],
    });
  });

  it("let: scalar, list and tabular, and in (<let>)", () => {
    const query = parseKql(`let window = 7d;
let bad = dynamic(["evil.example", "phish.example"]);
let clicked = UrlClickEvents | where IsClickedThrough | project NetworkMessageId;
EmailEvents | where Timestamp > ago(window) and SenderFromDomain in (bad) and NetworkMessageId in (clicked)`);
    expect(query.lets.map((entry) => [entry.name, entry.kind])).toEqual([
      ["window", "scalar"],
      ["bad", "scalar"],
      ["clicked", "tabular"],
    ]);
    expect(query.lets[1]).toMatchObject({ value: { kind: "dynamic", value: ["evil.example", "phish.example"] } });
    const where = query.body.operators[0] as Extract<TOperator, { kind: "where" }>;
    expect(where.predicate).toMatchObject({
      right: { kind: "inList", items: [{ kind: "tabular", query: { source: { name: "clicked" } } }] },
    });
  });

  it("render keeps the chart kind and skips its properties", () => {
    expect(first('EmailEvents | render timechart with (title="Mail per hour", ytitle = "count")')).toMatchObject({
      kind: "render",
      chart: "timechart",
    });
  });
});

describe("KQL parser: scalar operators", () => {
  it.each(["==", "!=", "<", "<=", ">", ">=", "=~", "!~"])("comparison %s", (op) => {
    expect(predicate(`Subject ${op} "x"`)).toMatchObject({
      kind: "binary",
      op,
      left: { name: "Subject" },
      right: { value: "x" },
    });
  });

  it.each([
    "has",
    "!has",
    "contains",
    "!contains",
    "startswith",
    "!startswith",
    "endswith",
    "!endswith",
    "has_cs",
    "contains_cs",
    "hasprefix",
    "!hassuffix",
  ])("string operator %s", (op) => {
    expect(predicate(`Subject ${op} "invoice"`)).toMatchObject({ kind: "binary", op });
  });

  it.each(["in", "!in", "in~", "!in~", "has_any", "has_all"])("list operator %s", (op) => {
    expect(predicate(`SenderFromDomain ${op} ("a.example", "b.example")`)).toMatchObject({
      kind: "inList",
      op,
      items: [{ kind: "scalar" }, { kind: "scalar" }],
    });
  });

  it("matches regex, between and !between", () => {
    expect(predicate('Subject matches regex @"^RE:\\s"')).toMatchObject({
      op: "matches regex",
      right: { value: "^RE:\\s" },
    });
    expect(predicate("UrlCount between (1 .. 5)")).toMatchObject({
      kind: "between",
      isNegated: false,
      low: { value: "1" },
      high: { value: "5" },
    });
    expect(predicate("Timestamp !between (ago(2d) .. 1d)")).toMatchObject({
      kind: "between",
      isNegated: true,
      high: { kind: "timespan" },
    });
  });

  it("and binds tighter than or; not() is a function; arithmetic keeps precedence", () => {
    expect(predicate("a == 1 or b == 2 and not(c == 3)")).toMatchObject({
      op: "or",
      right: { op: "and", right: { kind: "call", name: "not" } },
    });
    expect(predicate("UrlCount + AttachmentCount * 2 > -1")).toMatchObject({
      op: ">",
      left: { op: "+", right: { op: "*" } },
      right: { kind: "unary", op: "-" },
    });
  });

  it("functions, * arguments, member access, bracketed names, dynamic literals", () => {
    const operator = first("EmailEvents | summarize arg_max(Timestamp, *) by ['NetworkMessageId']");
    expect(operator).toMatchObject({
      aggregates: [{ expr: { name: "arg_max", args: [{ kind: "column" }, { kind: "star" }] } }],
      by: [{ expr: { kind: "column", name: "NetworkMessageId" } }],
    });
    expect(predicate('parse_json(AuthenticationDetails).SPF == "fail"')).toMatchObject({
      left: { kind: "member", key: "SPF", object: { kind: "call" } },
    });
    expect(predicate('split(SenderFromAddress, "@")[1] == "x"')).toMatchObject({ left: { kind: "member", key: 1 } });
    expect(predicate('Subject in (dynamic({"a": [1, -2.5, true, null]}))')).toMatchObject({
      items: [{ expr: { kind: "dynamic", value: { a: [1, -2.5, true, null] } } }],
    });
  });
});

describe("KQL parser: mv-expand", () => {
  it("reads kind, with_itemindex, a name, to typeof() and limit", () => {
    expect(
      first("EmailEvents | mv-expand kind=array with_itemindex=I Action = AdditionalActions to typeof(string) limit 5"),
    ).toMatchObject({
      kind: "mv-expand",
      bagKind: "array",
      indexName: "I",
      items: [{ name: "Action", expr: { kind: "column", name: "AdditionalActions" }, typeName: { name: "string" } }],
      limit: { kind: "long", value: "5" },
    });
    expect(first("EmailEvents | mv-expand parse_json(DetectionMethods)")).toMatchObject({
      bagKind: "bag",
      indexName: null,
      items: [{ name: null, typeName: null }],
      limit: null,
    });
  });
});

describe("KQL parser: make-series", () => {
  it("reads aggregations with defaults, on, from, to, step and by", () => {
    expect(
      first(
        "EmailEvents | make-series N = count() default = 0, dcount(Subject) on Timestamp from ago(7d) to now() step 1h by SenderFromDomain",
      ),
    ).toMatchObject({
      kind: "make-series",
      aggregates: [
        { name: "N", fallback: { kind: "long", value: "0" } },
        { name: null, fallback: null },
      ],
      on: { kind: "column", name: "Timestamp" },
      from: { kind: "call", name: "ago" },
      step: { kind: "timespan", milliseconds: 3_600_000 },
      by: [{ expr: { kind: "column", name: "SenderFromDomain" } }],
    });
  });
});

describe("KQL parser: union", () => {
  it("reads union as a source and as an operator, with kind and withsource", () => {
    expect(
      parseKql("union kind=inner withsource=Table EmailEvents, (EmailUrlInfo | take 1)").body.source,
    ).toMatchObject({
      kind: "union",
      union: {
        isInner: true,
        sourceColumn: "Table",
        tables: [
          { source: { name: "EmailEvents" } },
          { source: { name: "EmailUrlInfo" }, operators: [{ kind: "take" }] },
        ],
      },
    });
    expect(first("EmailEvents | union EmailUrlInfo")).toMatchObject({
      kind: "union",
      union: { isInner: false, sourceColumn: null, tables: [{ source: { name: "EmailUrlInfo" } }] },
    });
  });
});

describe("KQL parser: parse", () => {
  it("reads the pattern's skips, strings and typed columns", () => {
    expect(first('EmailEvents | parse kind=regex Subject with * "Invoice " Number:long " due " Rest')).toMatchObject({
      kind: "parse",
      isRegex: true,
      source: { kind: "column", name: "Subject" },
      parts: [
        { kind: "skip" },
        { kind: "text", value: "Invoice " },
        { kind: "column", name: "Number", typeName: { name: "long" } },
        { kind: "text", value: " due " },
        { kind: "column", name: "Rest", typeName: null },
      ],
    });
  });
});

describe("KQL parser: (A, B) = in extend", () => {
  it("reads the names a function of several results fills, and refuses them outside extend", () => {
    expect(first("EmailEvents | extend (Flags, Score) = series_decompose_anomalies(Series), X = 1")).toMatchObject({
      kind: "extend",
      items: [
        { name: null, names: ["Flags", "Score"], expr: { kind: "call", name: "series_decompose_anomalies" } },
        { name: "X", expr: { kind: "long", value: "1" } },
      ],
    });
    expect(errorOf("EmailEvents | project (A, B) = f(X)").message).toBe(
      "`naming several columns at once outside extend` is not supported yet (line 1, column 23)",
    );
  });
});

describe("KQL parser: evaluate", () => {
  it("reads bag_unpack with a prefix and an output schema, and names other plugins as not supported yet", () => {
    expect(first('EmailEvents | evaluate bag_unpack(Auth, "Auth_") : (SPF:string, Score:long)')).toMatchObject({
      kind: "bag_unpack",
      bag: { kind: "column", name: "Auth" },
      prefix: "Auth_",
      schema: [
        { name: "SPF", typeName: { name: "string" } },
        { name: "Score", typeName: { name: "long" } },
      ],
    });
    expect(first("EmailEvents | evaluate bag_unpack(AuthenticationDetails)")).toMatchObject({
      prefix: null,
      schema: null,
    });
    expect(errorOf("EmailEvents | evaluate autocluster()").message).toBe(
      "`evaluate autocluster` is not supported yet (line 1, column 24)",
    );
  });
});

describe("KQL parser: errors name the operator, line and column", () => {
  it.each([
    ["EmailEvents\n| facet by Subject", "`facet` is not supported yet (line 2, column 3)"],
    [
      "EmailEvents | mv-expand kind=list AdditionalActions",
      "`list` is not an expansion kind: use bag or array (line 1, column 30)",
    ],
    ["EmailEvents | parse Subject with * 'x' *", "parse needs at least one column to fill (line 1, column 15)"],
    [
      "EmailEvents | parse kind=fuzzy Subject with * 'x' y",
      "`fuzzy` is not a parse kind: use simple, regex or relaxed (line 1, column 26)",
    ],
    ["union kind=left EmailEvents, EmailUrlInfo", "`left` is not a union kind: use inner or outer (line 1, column 12)"],
    ["EmailEvents | wher x", "`wher` is not a KQL operator (line 1, column 15)"],
    ["let f = (x:string) { x };\nEmailEvents", "`functions defined with let` is not supported yet (line 1, column 9)"],
    [
      "EmailEvents | join kind=outer EmailUrlInfo on X",
      "`outer` is not a join kind: use inner, innerunique, leftouter, rightouter, fullouter, leftsemi, leftanti, rightsemi or rightanti (line 1, column 25)",
    ],
    ["EmailEvents | render timechart | take 1", "render must be the last operator of the query (line 1, column 15)"],
    ["EmailEvents | where", "Expected a value, a column or a function, found the end of the query (line 1, column 20)"],
    [
      "EmailEvents | take 1; EmailEvents",
      "Expected the end of the query (one query at a time; operators start with |), found 'EmailEvents' (line 1, column 23)",
    ],
    ["", "The query is empty: start with a table, e.g. EmailEvents | take 10 (line 1, column 1)"],
    [
      "EmailEvents | where x == 99999999999999999999",
      "99999999999999999999 is larger than a long can hold (line 1, column 26)",
    ],
    [
      "EmailEvents | summarize",
      "Expected an aggregation such as count() or by after summarize, found the end of the query (line 1, column 24)",
    ],
    [
      `EmailEvents | where ${"(".repeat(500)}1${")".repeat(500)}`,
      "The query is nested too deeply (line 1, column 140)",
    ],
  ])("%j", (query, message) => {
    const error = errorOf(query);
    expect(error.message).toBe(message);
    expect(error.message).toContain(`(line ${error.line}, column ${error.column})`);
  });
});
