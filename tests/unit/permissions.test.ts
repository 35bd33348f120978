import { describe, expect, it } from "vitest";
import { can } from "@/server/auth/permissions";

describe("permissions", () => {
  it("gives readers read access only", () => {
    expect(can("reader", "alerts:read")).toBe(true);
    expect(can("reader", "actions:decide")).toBe(false);
    expect(can("reader", "settings:write")).toBe(false);
  });

  it("lets operators decide actions and release users, but not administer", () => {
    expect(can("operator", "actions:decide")).toBe(true);
    expect(can("operator", "restrictedUsers:release")).toBe(true);
    expect(can("operator", "users:manage")).toBe(false);
  });

  it("lets every role report a message, and operators assess one", () => {
    expect(can("reader", "submissions:create")).toBe(true);
    expect(can("reader", "submissions:read")).toBe(true);
    expect(can("reader", "submissions:assess")).toBe(false);
    expect(can("operator", "submissions:assess")).toBe(true);
  });

  it("gives admins everything", () => {
    expect(can("admin", "users:manage")).toBe(true);
    expect(can("admin", "tokens:manage")).toBe(true);
    expect(can("admin", "alerts:read")).toBe(true);
  });
});
