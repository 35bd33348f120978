import { describe, expect, it } from "vitest";
import { renderClickHouse } from "@/server/hunting/kql/clickhouse-sql";
import { compileKql } from "@/server/hunting/kql/compile-kql";
import { CLICKHOUSE, DialectUnsupportedError } from "@/server/hunting/kql/dialect";
import { parseKql } from "@/server/hunting/kql/parse-query";

const toClickHouse = (kql: string) => renderClickHouse(compileKql(parseKql(kql), CLICKHOUSE).sql);

describe("the ClickHouse dialect", () => {
  it("reads the replica's newest rows, binds every value as a typed parameter and writes ClickHouse's casts", () => {
    const { query, params } = toClickHouse(
      `EmailEvents | where Subject has "it's" and UrlCount > 2 and Timestamp > ago(1d) | summarize count() by bin(Timestamp, 1h)`,
    );
    expect(query).toContain('FROM "EmailEvent" FINAL');
    expect(query).not.toMatch(/::|'|\$\d/);
    expect(query).toMatch(/\{p\d+:String\}/);
    expect(Object.values(params)).toContain("2");
    expect(Object.values(params).some((value) => typeof value === "string" && value.includes("it's"))).toBe(true);
    // RE2 has no lookarounds: a term's edges are written as the text's edge or a character that is not a letter or digit.
    expect(Object.values(params)).toContain("(?i)(?:^|[^0-9A-Za-z])it's(?:[^0-9A-Za-z]|$)");
  });

  it("divides longs as longs, as PostgreSQL and Kusto do", () => {
    expect(toClickHouse("EmailEvents | project X = EmailSize / 2").query).toContain("intDiv(");
  });

  it("refuses what only PostgreSQL's dialect writes, so the runner asks PostgreSQL", () => {
    expect(() => toClickHouse("EmailEvents | project X = 2.5 % 2")).toThrow(DialectUnsupportedError);
  });
});
