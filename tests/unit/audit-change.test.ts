import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auditChanges, changeText } from "@/lib/audit-change";

describe("auditChanges", () => {
  it("lists only the fields that changed, old → new", () => {
    const changes = auditChanges({ status: "Pending", comment: "x" }, { status: "Completed", comment: "x" });
    expect(changes.map(changeText)).toEqual(["Status: Pending → Completed"]);
  });

  it("reads nested records, dates, lists and booleans as words", () => {
    const changes = auditChanges(
      { similarUrls: false, updatedAt: null },
      {
        similarUrls: true,
        updatedAt: "2026-12-05T18:03:00.000Z",
        result: { successCount: 1200, failedCount: 0 },
        roles: ["admin", "reader"],
      },
    );
    expect(changes.map(changeText)).toEqual([
      "Similar URLs: no → yes",
      "Updated at: none → Dec 5, 2026, 18:03 UTC",
      "Result › Success count: 1,200",
      "Result › Failed count: 0",
      "Roles: admin, reader",
    ]);
  });

  it("says what a created thing was made with and what a removed one was", () => {
    expect(auditChanges(null, { name: "Alice" }).map(changeText)).toEqual(["Name: Alice"]);
    expect(auditChanges({ value: "evil.example" }, null).map(changeText)).toEqual(["Value: evil.example → removed"]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it("never reports a field whose value did not change, and reports every one that did", () => {
    const record = fc.dictionary(
      fc.constantFrom("status", "comment", "isEnabled", "count"),
      fc.oneof(fc.string(), fc.boolean(), fc.integer(), fc.constant(null)),
    );
    fc.assert(
      fc.property(record, record, (before, after) => {
        const changed = auditChanges(before, after).map((change) => change.field);
        for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
          const isSame = key in before && key in after && JSON.stringify(before[key]) === JSON.stringify(after[key]);
          const field = key === "isEnabled" ? "Is enabled" : key.charAt(0).toUpperCase() + key.slice(1);
          expect(changed.includes(field)).toBe(!isSame);
        }
      }),
    );
  });
});
