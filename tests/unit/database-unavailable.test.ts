import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/server/db/database-unavailable";
import { errorResponse, toAppError } from "@/server/http/error-response";

// The shapes seen with Prisma 7 and @prisma/adapter-pg while the embedded PostgreSQL was stopped under load.
const adapterError = (cause: object, code = "P2010") =>
  Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation"), {
    code,
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });
const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: "connect" });

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "a query in flight at shutdown (57P01 admin_shutdown)",
      adapterError({ kind: "postgres", code: "57P01", originalCode: "57P01" }),
    ],
    ["a raw query with the server gone", adapterError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
    ["a model query with the server gone (P1001)", adapterError({ kind: "DatabaseNotReachable" }, "P1001")],
    ["a closed connection (P1017)", Object.assign(new Error("Server has closed the connection."), { code: "P1017" })],
    ["the adapter's closed connection", adapterError({ kind: "ConnectionClosed" })],
    [
      "a transaction whose connection broke",
      new Error("Client has encountered a connection error and is not queryable"),
    ],
    ["pg's refused connection", socketError("ECONNREFUSED")],
    [
      "Node's per-address AggregateError",
      Object.assign(new AggregateError([socketError("ECONNREFUSED"), socketError("ECONNREFUSED")], ""), {
        code: "ECONNREFUSED",
      }),
    ],
    [
      "a connection exception (08006)",
      Object.assign(new Error("connection failure"), { code: "08006", severity: "FATAL" }),
    ],
    [
      "the database starting up (57P03)",
      Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
    ],
    ["pg's lost connection", new Error("Connection terminated unexpectedly")],
    ["a wrapped cause", new Error("boom", { cause: socketError("ECONNRESET") })],
  ])("is true for %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["a syntax error in raw SQL", adapterError({ kind: "postgres", code: "42601", originalCode: "42601" })],
    ["a plain error", new Error("Something else")],
    ["undefined", undefined],
    ["a string", "ECONNREFUSED"],
  ])("is false for %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("toAppError while the database is down", () => {
  it("answers 503 with Retry-After and the one error shape, not 500", async () => {
    const response = errorResponse(toAppError(adapterError({ kind: "DatabaseNotReachable" }, "P1001")));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("database") },
    });
  });

  it("answers 503 with Retry-After when the pool stayed full for Prisma's whole wait (P2028 before the transaction began)", () => {
    const busy = Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), {
      code: "P2028",
    });
    const response = errorResponse(toAppError(busy));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(toAppError(Object.assign(new Error("Transaction already closed"), { code: "P2028" })).status).toBe(500);
  });

  it("keeps other failures a 500 without Retry-After", () => {
    const response = errorResponse(toAppError(new Error("Something else")));
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
  });
});
