import { describe, expect, it } from "vitest";
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import { DERIVED_COLUMNS } from "@/server/hunting/kql/base-tables";
import { compileKql } from "@/server/hunting/kql/compile-kql";
import { renderClickHouse } from "@/server/hunting/kql/clickhouse-sql";
import { CLICKHOUSE, toCharPattern } from "@/server/hunting/kql/dialect";
import { KqlError } from "@/server/hunting/kql/kql-error";
import { formatDatetimeParts } from "@/server/hunting/kql/scalar-functions";
import { parseKql } from "@/server/hunting/kql/parse-query";
import { escapeLike, termPattern } from "@/server/hunting/kql/sql";
import { formatTimespan } from "@/server/hunting/run-hunting-query";

const compile = (query: string) => compileKql(parseKql(query));

function errorOf(query: string): KqlError {
  try {
    compile(query);
  } catch (error) {
    if (error instanceof KqlError) return error;
    throw error;
  }
  throw new Error(`compiled: ${query}`);
}

describe("KQL compiler", () => {
  it("binds every literal of the seeds/004 query as a parameter and names columns as Defender does", () => {
    const compiled = compile(
      'EmailPostDeliveryEvents | where ActionType == "Automated Remediation" and ActionTrigger == "Automation"',
    );
    expect(compiled.sql.values).toEqual(["Automated Remediation", "Automation"]);
    expect(compiled.sql.text).toContain('WHERE (("ActionType" = $1::text) AND ("ActionTrigger" = $2::text))');
    expect(compiled.sql.text).toContain('FROM "EmailPostDeliveryEvent"');
    expect(compiled.columns.map((column) => column.name)).toEqual(
      HUNTING_TABLES.find((table) => table.name === "EmailPostDeliveryEvents")!.columns.map((column) => column.name),
    );
    expect(compiled.chart).toBeNull();
  });

  it("makes each stage a CTE over the previous one", () => {
    const { sql } = compile("EmailEvents | where UrlCount > 0 | project Subject | take 5");
    expect(sql.text).toMatch(
      /^WITH "_s1" AS \(SELECT .* FROM "EmailEvent"\),"_s2" AS \(SELECT .* FROM "_s1" WHERE .*\),"_s3" AS \(SELECT "Subject" FROM "_s2"\),"_s4" AS \(SELECT "Subject" FROM "_s3" LIMIT \$\d+::bigint\) SELECT "Subject" FROM "_s4"$/,
    );
  });

  it("plans a grouped result for all its rows, and sorts a never-null column without a NULLS clause", () => {
    expect(compile("EmailEvents | summarize count() by SenderFromDomain | where count_ > 1").sql.text).toMatch(
      /"_s4" AS MATERIALIZED \(SELECT "c1","c2" FROM "_s3"\) SELECT \* FROM "_s4"$/,
    );
    expect(compile("EmailEvents | sort by Timestamp desc").sql.text).toContain('ORDER BY "Timestamp" DESC)');
    expect(compile("EmailPostDeliveryEvents | sort by ActionId").sql.text).toContain(
      'ORDER BY "ActionId" DESC NULLS LAST)',
    );
    expect(compile("EmailEvents | order by UrlCount asc").sql.text).toContain('ORDER BY "UrlCount" ASC)');
    expect(
      compile("EmailEvents | join kind=leftouter EmailUrlInfo on NetworkMessageId | sort by Timestamp1 asc").sql.text,
    ).toMatch(/ORDER BY "c\d+" ASC NULLS FIRST\)/);
  });

  it("compares two tables' message ids as the stored uuids, so that their indexes serve joins and in", () => {
    const joined = compile(
      "EmailEvents | join kind=inner (EmailUrlInfo | project NetworkMessageId, Url) on NetworkMessageId",
    );
    expect(joined.sql.text).toMatch(/ON l\."NetworkMessageId" = r\."NetworkMessageId"\)/);
    // Results still read the id as text.
    expect(joined.sql.text).toContain('SELECT "c1","c2"::text AS "c2",');
    expect(
      compile("EmailEvents | where NetworkMessageId in (EmailUrlInfo | project NetworkMessageId)").sql.text,
    ).toContain(
      'WHERE ("NetworkMessageId" IN (SELECT "NetworkMessageId" FROM "_s3" WHERE "NetworkMessageId" IS NOT NULL))',
    );
    // A nullable id reads as "" for null, which two such rows share: it stays text, and so does a caseless in.
    expect(compile("EmailEvents | join kind=leftanti UrlClickEvents on NetworkMessageId").sql.text).toContain(
      'WHERE l."NetworkMessageId"::text = r."NetworkMessageId")',
    );
    expect(
      compile("EmailEvents | where NetworkMessageId in~ (EmailUrlInfo | project NetworkMessageId)").sql.text,
    ).toContain('WHERE (lower("NetworkMessageId"::text) IN (SELECT lower(("NetworkMessageId"::text)::text) FROM "_s3"');
    // ClickHouse keeps its text ids.
    expect(
      compileKql(parseKql("EmailEvents | join kind=inner EmailUrlInfo on NetworkMessageId"), CLICKHOUSE).sql.text,
    ).toContain('"networkMessageId"::text AS "NetworkMessageId"');
  });

  it("compiles has to a case-insensitive term match and contains/startswith/endswith to ILIKE", () => {
    const { sql } = compile(
      'EmailEvents | where Subject has "a.b" and Subject contains "50%_" and Subject startswith "Re:" and Subject endswith "!" and Subject has_cs "X"',
    );
    // has first asks for a non-empty text: the planner may then read the partial index of rows with a value.
    expect(sql.text).toMatch(/\("Subject" <> \$(\d+)::text AND \("Subject" ~\* \$\d+::text\)\)/);
    expect(sql.text).toContain('("Subject" ILIKE $');
    expect(sql.text).toMatch(/\("Subject" <> \$(\d+)::text AND \("Subject" ~ \$\d+::text\)\)/);
    expect(sql.text).not.toMatch(/<> \$\d+::text AND "Subject" ILIKE/);
    expect(sql.values).toEqual(
      expect.arrayContaining([
        "(?<![0-9A-Za-z])a\\.b(?![0-9A-Za-z])",
        "%50\\%\\_%",
        "Re:%",
        "%!",
        "(?<![0-9A-Za-z])X(?![0-9A-Za-z])",
      ]),
    );
  });

  it("compiles a summarize of count() and dcount(X) as two GROUP BYs, and count(DISTINCT) when other aggregations are beside them", () => {
    const twoLevel = compile("EmailEvents | summarize count(), dcount(RecipientEmailAddress) by EmailDirection").sql
      .text;
    expect(twoLevel).not.toContain("DISTINCT");
    expect(twoLevel).toMatch(/GROUP BY 1,2\).*GROUP BY 1\)/);
    expect(
      compile("EmailEvents | summarize dcount(RecipientEmailAddress), dcount(SenderFromAddress)").sql.text,
    ).toContain("count(DISTINCT");
    expect(compile("EmailEvents | summarize dcount(RecipientEmailAddress), sum(UrlCount)").sql.text).toContain(
      "count(DISTINCT",
    );
  });

  it("gives has a boundary only where the needle starts or ends with a letter or digit", () => {
    expect(termPattern("evil.example", { start: true, end: true })).toBe(
      "(?<![0-9A-Za-z])evil\\.example(?![0-9A-Za-z])",
    );
    expect(termPattern(".exe", { start: true, end: true })).toBe("\\.exe(?![0-9A-Za-z])");
    expect(termPattern("a(b)*", { start: true, end: false })).toBe("(?<![0-9A-Za-z])a\\(b\\)\\*");
    expect(escapeLike("100%_\\")).toBe("100\\%\\_\\\\");
  });

  it("names columns as Kusto does: count_, dcount_X, by bin(Timestamp, …) as Timestamp, clashes numbered", () => {
    const compiled = compile(
      "EmailEvents | summarize count(), count(), dcount(tolower(SenderFromAddress)), make_set(Subject) by bin(Timestamp, 1h), Column = strlen(Subject)",
    );
    expect(compiled.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "Timestamp:datetime",
      "Column:long",
      "count_:long",
      "count_1:long",
      "dcount_SenderFromAddress:long",
      "set_Subject:dynamic",
    ]);
    const joined = compile(
      "EmailEvents | join kind=inner EmailUrlInfo on NetworkMessageId | project NetworkMessageId, NetworkMessageId1, ReportId1",
    );
    expect(joined.columns.map((column) => column.name)).toEqual(["NetworkMessageId", "NetworkMessageId1", "ReportId1"]);
    expect(
      compile("EmailEvents | project strlen(Subject), tolower(Subject), AuthenticationDetails.SPF").columns.map(
        (column) => column.name,
      ),
    ).toEqual(["Column1", "Column2", "AuthenticationDetails_SPF"]);
  });

  it("extend replaces a column of the same name and moves it last", () => {
    const compiled = compile("EmailUrlInfo | extend Url = tolower(Url), Host = UrlDomain");
    expect(compiled.columns.map((column) => column.name)).toEqual([
      "Timestamp",
      "NetworkMessageId",
      "UrlDomain",
      "UrlLocation",
      "ReportId",
      "Url",
      "Host",
    ]);
  });

  it("returns the chart render asks for", () => {
    expect(compile("EmailEvents | summarize count() by bin(Timestamp, 1d) | render timechart").chart).toBe("timechart");
  });

  it("derives AccountName, AccountDomain and Location, and knows every derived column", () => {
    expect(compile("IdentityLogonEvents | project AccountName, AccountDomain, Location").sql.text).toContain(
      'split_part("accountUpn"',
    );
    for (const key of Object.keys(DERIVED_COLUMNS)) {
      const [tableName, columnName] = key.split(".");
      expect(
        HUNTING_TABLES.find((table) => table.name === tableName)?.columns.find((column) => column.name === columnName)
          ?.field,
      ).toBeNull();
    }
  });

  it("reads TimeGenerated as Timestamp unless the query made a column of that name", () => {
    expect(compile("EmailEvents | where TimeGenerated > ago(1d) | project TimeGenerated").sql.text).toContain(
      '"Timestamp" > ',
    );
    expect(
      compile("EmailEvents | summarize arg_max(TimeGenerated, Subject)").columns.map((column) => column.name),
    ).toEqual(["TimeGenerated", "Subject"]);
    const own = compile("EmailEvents | extend TimeGenerated = 1 | where TimeGenerated == 1");
    expect(own.columns.find((column) => column.name === "TimeGenerated")?.type).toBe("long");
  });

  it('reads text compared with a number as a number, and "" as null', () => {
    expect(compile('EmailEvents | where BulkComplaintLevel != ""').sql.text).toContain(
      '("BulkComplaintLevel" IS NOT NULL)',
    );
    expect(compile('EmailEvents | where BulkComplaintLevel == ""').sql.text).toContain(
      '("BulkComplaintLevel" IS NULL)',
    );
    const compiled = compile('EmailEvents | where BulkComplaintLevel >= "7" and UrlCount < " 2.5 "');
    expect(compiled.sql.values).toEqual(expect.arrayContaining(["7", 2.5]));
  });

  it("puts arg_max() beside other aggregations, in the order written, joined on the by keys", () => {
    const compiled = compile(
      "EmailEvents | summarize Messages = count(), arg_max(Timestamp, Subject), Senders = dcount(SenderFromAddress) by RecipientEmailAddress",
    );
    expect(compiled.columns.map((column) => column.name)).toEqual([
      "RecipientEmailAddress",
      "Messages",
      "Timestamp",
      "Subject",
      "Senders",
    ]);
    expect(compiled.sql.text).toMatch(/LEFT JOIN "_s\d+" ON "_s\d+"\."c\d+" IS NOT DISTINCT FROM "_s\d+"\."c\d+"/);
    expect(compile("EmailEvents | summarize arg_min(Timestamp, *), count()").columns.at(-1)?.name).toBe("count_");
  });

  it("compiles has with a column on its right to a pattern escaped in SQL", () => {
    const { sql } = compile(
      "EmailEvents | where Subject has SenderDisplayName and Subject !hasprefix_cs SenderFromDomain",
    );
    expect(sql.text).toMatch(
      /\("Subject" ~\* \(CASE WHEN "SenderDisplayName" ~ .* \|\| regexp_replace\("SenderDisplayName", /,
    );
    expect(sql.text).toMatch(/\(NOT \("Subject" ~ \(CASE WHEN "SenderFromDomain"/);
  });

  it("translates format_datetime()'s parts to to_char and quotes its separators", () => {
    expect(toCharPattern(formatDatetimeParts("yyyy-MM-dd HH:mm:ss.fff", { line: 1, column: 1 }))).toBe(
      'YYYY"-"MM"-"DD" "HH24":"MI":"SS"."MS',
    );
    expect(toCharPattern(formatDatetimeParts("M/d/yy h:m tt", { line: 1, column: 1 }))).toBe(
      'FMMM"/"FMDD"/"YY" "FMHH12":"FMMI" "AM',
    );
  });

  it("compiles for ClickHouse the constructs that once ran on PostgreSQL only, each without PostgreSQL's words", () => {
    for (const query of [
      "EmailEvents | where Subject has SenderDisplayName",
      'EmailEvents | project format_datetime(Timestamp, "M/d/yy h:mm:ss.fff tt")',
      "EmailEvents | summarize arg_max(Timestamp, Subject), count() by SenderFromAddress",
      "EmailEvents | mv-expand with_itemindex=I AdditionalActions, AuthenticationDetails to typeof(string)",
      'EmailEvents | parse SenderFromAddress with User "@" Domain',
      "union EmailUrlInfo, (UrlClickEvents | project Url)",
      "EmailEvents | make-series count() on Timestamp from ago(7d) to now() step 1d by SenderFromDomain",
    ]) {
      const { query: text } = renderClickHouse(compileKql(parseKql(query), CLICKHOUSE).sql);
      expect(text).not.toMatch(/jsonb|regexp_|to_char|generate_series|LATERAL|::/);
    }
    expect(
      compileKql(parseKql("EmailEvents | project base64_encode_tostring(Subject)"), CLICKHOUSE).sql.text,
    ).toContain("base64Encode(");
  });

  it("mv-expand: one row per element through a lateral join, the column replaced in place, an index from 0", () => {
    const compiled = compile(
      "EmailEvents | mv-expand with_itemindex=Position AdditionalActions to typeof(string) limit 3 | project AdditionalActions, Position",
    );
    expect(compiled.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "AdditionalActions:string",
      "Position:long",
    ]);
    expect(compiled.sql.text).toMatch(
      /CROSS JOIN LATERAL ROWS FROM \(jsonb_array_elements\(CASE jsonb_typeof\("AdditionalActions"\) .*\)\) WITH ORDINALITY AS "c\d+"\("c\d+", "c\d+"\) WHERE "c\d+"\."c\d+" <= \$\d+::bigint/,
    );
    expect(compile("EmailEvents | mv-expand Methods = parse_json(DetectionMethods)").columns.at(-1)).toMatchObject({
      name: "Methods",
      type: "dynamic",
    });
    expect(errorOf("EmailEvents | mv-expand Subject").message).toBe(
      "mv-expand needs a dynamic value (an array or a property bag), not string (line 1, column 25)",
    );
  });

  it("parse: one anchored regular expression, its groups converted by type, a column of the same name replaced", () => {
    const compiled = compile(
      'EmailEvents | parse Subject with "Weekly report " Number:long * | parse SenderFromAddress with User "@" SenderFromDomain',
    );
    expect(compiled.sql.values).toEqual(
      expect.arrayContaining(["^(?:Weekly report ([-+]?\\d+)){1,1}", "^(?:(.*?)@(.*)$){1,1}"]),
    );
    expect(compiled.columns.slice(-3).map((column) => `${column.name}:${column.type}`)).toEqual([
      "Number:long",
      "User:string",
      "SenderFromDomain:string",
    ]);
    expect(errorOf('EmailEvents | parse kind=regex Subject with "(a|b)" X').reason).toBe(
      "In parse kind=regex, write groups as (?: ) so that they do not count as columns",
    );
    expect(errorOf("EmailEvents | parse Subject with X:bool").reason).toBe(
      "parse cannot fill a column of type bool: use string, int, long, real, datetime or dynamic",
    );
  });

  it('union: columns matched by name, "" or null where a table has none, inner keeps the shared ones', () => {
    const outer = compile(
      "union withsource=Table (EmailUrlInfo | project Timestamp, Url), (UrlClickEvents | project Timestamp, IsClickedThrough)",
    );
    expect(outer.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "Table:string",
      "Timestamp:datetime",
      "Url:string",
      "IsClickedThrough:bool",
    ]);
    expect(outer.sql.text).toMatch(/NULL::boolean AS "c\d+" FROM "_s\d+" UNION ALL SELECT /);
    expect(outer.sql.values).toEqual(expect.arrayContaining(["union_arg0", "union_arg1"]));
    expect(compile("EmailUrlInfo | union kind=inner UrlClickEvents").columns.map((column) => column.name)).toEqual([
      "Timestamp",
      "NetworkMessageId",
      "Url",
      "ReportId",
    ]);
    expect(errorOf("EmailEvents | union (EmailUrlInfo | extend UrlCount = Url)").reason).toBe(
      "The tables of the union have a column 'UrlCount' of two types: int and string",
    );
  });

  it("make-series: the by keys, one dynamic array per aggregation, and the bins under the on column's name", () => {
    const compiled = compile(
      "EmailEvents | make-series Messages = count() default = 0, max(UrlCount) on Timestamp from ago(7d) to now() step 1d by EmailDirection",
    );
    expect(compiled.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "EmailDirection:string",
      "Messages:dynamic",
      "max_UrlCount:dynamic",
      "Timestamp:dynamic",
    ]);
    expect(compiled.sql.text).toMatch(/CROSS JOIN generate_series\(.*\) AS "c\d+"\("c\d+"\) LEFT JOIN "_s\d+" ON /);
    expect(errorOf("EmailEvents | make-series count() on Timestamp step 1d").reason).toBe(
      "make-series needs the range of its bins here: on Timestamp from ago(7d) to now() step 1d",
    );
  });

  it.each([
    ["EmailEvents | where Sender == 1", "There is no column or let named 'Sender' here (line 1, column 21)"],
    ["EmailEvents\n| where Subject > 5", "Cannot compare string with long (line 2, column 17)"],
    ["EmailEvents | where count() > 1", "count() is an aggregation: use it in summarize (line 1, column 21)"],
    [
      "EmailEvents | summarize Subject",
      "Subject must be inside an aggregation here, e.g. max(Subject), or listed after by (line 1, column 25)",
    ],
    ['EmailEvents | where UrlCount > "many"', "'many' is not a number (line 1, column 32)"],
    [
      'EmailEvents | extend d = format_datetime(Timestamp, "yyyy-MM-dd Q")',
      "format_datetime() does not know 'Q' in 'yyyy-MM-dd Q' (line 1, column 53)",
    ],
    ["EmailEvents | take UrlCount", "take needs a constant number of rows, 0 or more (line 1, column 20)"],
    ["EmailEvents | extend x = pack_array(1, 2)", "`pack_array()` is not supported yet (line 1, column 26)"],
    ["EmailEvents | where UrlCount", "The condition of where must be bool, not int (line 1, column 21)"],
    [
      "EmailEvents | project Subject, Subject",
      "The column name 'Subject' is used twice in project (line 1, column 32)",
    ],
    ["EmailEvents | project-away Nope", "There is no column 'Nope' to remove (line 1, column 28)"],
    [
      "EmailEvents | join EmailUrlInfo on Url",
      "There is no column 'Url' on the left side of the join (line 1, column 36)",
    ],
    [
      "EmailEvents | join EmailUrlInfo on $left.Subject == $right.Timestamp",
      "Join keys must have one type: Subject is string, Timestamp is datetime (line 1, column 36)",
    ],
    [
      "EmailEvents | render sparkline",
      "`sparkline` is not a chart type: use table, timechart, barchart, columnchart, piechart, linechart, areachart, stackedareachart, scatterchart, card, anomalychart, pivotchart, ladderchart, timepivot, treemap (line 1, column 15)",
    ],
    [
      "let t = EmailEvents | render table;\nt",
      "render can only end the whole query, not a let or a subquery (line 1, column 23)",
    ],
    ["let x = 1;\nx | take 1", "x is a value (a scalar let), not a table (line 2, column 1)"],
    [
      "let t = EmailEvents;\nEmailEvents | where t == 1",
      "t is a table (a tabular let), not a value (line 2, column 21)",
    ],
    [
      "EmailEvents | where Subject matches regex SenderFromAddress",
      "The regular expression of matches regex must be a constant string (line 1, column 43)",
    ],
    ['EmailEvents | where Timestamp > "yesterday"', "'yesterday' is not a datetime (line 1, column 33)"],
    [
      'EmailEvents | extend x = iff(UrlCount > 0, 1, "many")',
      "The results of iff() must have one type: long and string differ (line 1, column 47)",
    ],
    ["EmailEvents | where ago(1) > Timestamp", "The argument of ago() must be timespan, not long (line 1, column 25)"],
    [
      'EmailEvents | extend series_decompose_anomalies(dynamic([1]), 1.5, -1, "cubic")',
      'The trend of series_decompose_anomalies() must be one of "avg", "linefit", "none" (line 1, column 72)',
    ],
    [
      "EmailEvents | extend series_decompose_anomalies(dynamic([1]), 1.5, -2)",
      "The seasonality of series_decompose_anomalies() must be a constant whole number: -1 (detect), 0 (none) or a period (line 1, column 68)",
    ],
    [
      'EmailEvents | extend series_decompose_anomalies(dynamic([1]), 1.5, 24, "linefit", 0, "mad")',
      'The ad_method of series_decompose_anomalies() must be one of "ctukey", "tukey" (line 1, column 86)',
    ],
  ])("%j fails with a position", (query, message) => {
    expect(errorOf(query).message).toBe(message);
  });
});

describe("queries built to explode", () => {
  it("stops lets that double at each step", () => {
    const lets = Array.from({ length: 40 }, (_, i) => `let a${i + 1} = a${i} + a${i};`).join("\n");
    expect(errorOf(`let a0 = 1;\n${lets}\nEmailEvents | where UrlCount > a40`).reason).toBe(
      "The query is too large to compile: is a let used over and over?",
    );
    const tables = Array.from(
      { length: 30 },
      (_, i) => `let t${i + 1} = t${i} | join kind=inner (t${i}) on NetworkMessageId;`,
    ).join("\n");
    expect(errorOf(`let t0 = EmailUrlInfo;\n${tables}\nt30`).reason).toBe(
      "The query has too many steps: is a tabular let used over and over?",
    );
  });
  it("refuses more values than one statement can bind", () => {
    const many = Array.from({ length: 7_000 }, (_, i) => `"${i}"`).join(", ");
    const query = `let l = dynamic([${many}]);\nEmailEvents | where Subject in (l) or SenderFromAddress in (l) or RecipientEmailAddress in (l) or Subject !in (l) or SenderFromDomain in (l)`;
    expect(errorOf(query).reason).toMatch(/^The query is too large to run/);
  });
});

describe("timespans", () => {
  it.each([
    [0, "00:00:00"],
    [1_200, "00:20:00"],
    [90_061.5, "1.01:01:01.5000000"],
    [-3_600, "-01:00:00"],
  ])("%s seconds print as %s", (seconds, text) => {
    expect(formatTimespan(seconds)).toBe(text);
  });
});
