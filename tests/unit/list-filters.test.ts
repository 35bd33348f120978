import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateFilter, likeContains, ZCsvEnum } from "@/server/http/list-filters";

describe("list filters", () => {
  const schema = z.object({ severity: ZCsvEnum(["High", "Medium", "Low"] as const).optional() });

  it("reads comma-separated values case-insensitively, without duplicates", () => {
    expect(schema.parse({ severity: "high, Medium,high," })).toEqual({ severity: ["High", "Medium"] });
    expect(schema.parse({ severity: "" })).toEqual({ severity: [] });
  });

  it("names the param itself for an unknown value", () => {
    const result = schema.safeParse({ severity: "High,Critical" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["severity"]);
    expect(result.error?.issues[0].message).toContain('"Critical"');
  });

  it("combines from, to and period, the later start winning", () => {
    const now = new Date("2025-03-10T12:00:00Z");
    expect(dateFilter({}, now)).toBeUndefined();
    expect(dateFilter({ period: "24h" }, now)).toEqual({ gte: new Date("2025-03-09T12:00:00Z") });
    expect(dateFilter({ period: "7d", from: new Date("2025-03-08T00:00:00Z") }, now)).toEqual({
      gte: new Date("2025-03-08T00:00:00Z"),
    });
    expect(dateFilter({ period: "24h", from: new Date("2025-01-01T00:00:00Z"), to: now }, now)).toEqual({
      gte: new Date("2025-03-09T12:00:00Z"),
      lte: now,
    });
  });

  it("escapes LIKE wildcards", () => {
    expect(likeContains("a_b%c\\")).toBe("%a\\_b\\%c\\\\%");
  });
});
