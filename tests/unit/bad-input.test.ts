import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { isMalformedPath } from "@/lib/malformed-path";
import { AppError } from "@/server/http/app-error";
import { assertShallow } from "@/server/http/limit-depth";
import { ZIntId, ZTimeFilters } from "@/server/http/list-filters";
import { readText } from "@/server/http/read-body";
import { ZDate } from "@/server/http/safe-date";
import { ZFilterText, ZSafeJson, ZText } from "@/server/http/safe-text";
import { z } from "zod";

// Issue 14: bad input must be a 400 naming the field, never a database error or a stack overflow.

describe("ZText, the one text schema", () => {
  it.each([
    ["a\u0000b", "must not contain NUL characters"],
    ["\ud800", "must not contain unpaired surrogates (not valid Unicode)"],
    ["x\udc00y", "must not contain unpaired surrogates (not valid Unicode)"],
    ["x".repeat(11), "must be at most 10 characters"],
  ])("refuses %j", (text, message) => {
    const result = ZText(10).safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(message);
  });

  it("keeps well-formed text, emoji pairs included, and trims unless told not to", () => {
    expect(ZText(10).parse("  🦀 ok ")).toBe("🦀 ok");
    expect(ZText(10, { trim: false }).parse(" a ")).toBe(" a ");
    expect(ZText(10, { min: 1 }).safeParse("   ").error?.issues[0].message).toBe("must not be empty");
  });

  it("as a filter, treats empty as not given", () => {
    expect(ZFilterText(10).parse("  ")).toBeUndefined();
    expect(ZFilterText(10).parse(" ann ")).toBe("ann");
    expect(ZFilterText(10).safeParse("%\u0000").success).toBe(false);
  });

  it("checks every string and key inside free-form JSON", () => {
    const schema = ZSafeJson(z.record(z.string(), z.unknown()));
    expect(schema.safeParse({ a: [{ b: "ok" }] }).success).toBe(true);
    expect(schema.safeParse({ a: [{ b: "x\u0000" }] }).success).toBe(false);
    expect(schema.safeParse({ "\ud800": 1 }).success).toBe(false);
  });
});

describe("dates and ids PostgreSQL can store", () => {
  it.each(["0000-01-01", "-000001-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "10000-01-01T00:00:00Z", "not a date"])(
    "refuses %s",
    (text) => {
      expect(ZDate.safeParse(text).success).toBe(false);
      expect(z.object(ZTimeFilters).safeParse({ from: text }).success).toBe(false);
    },
  );

  it("accepts the years 1 to 9999", () => {
    expect(ZDate.parse("0001-01-01").toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(ZDate.parse("9999-12-31T23:59:59Z").getUTCFullYear()).toBe(9999);
  });

  it("caps ids at INT4", () => {
    expect(ZIntId.safeParse("2147483647").success).toBe(true);
    expect(ZIntId.safeParse("2147483648").success).toBe(false);
  });
});

describe("nesting", () => {
  const deep = JSON.parse("[".repeat(10_000) + "]".repeat(10_000));

  it("a 10,000-level value is a 400, without recursion", () => {
    expect(() => assertShallow({ comment: deep }, "body")).toThrowError(AppError);
    try {
      assertShallow({ comment: deep }, "body");
    } catch (error) {
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).issues?.[0]).toEqual({ path: "body", message: "nested deeper than 32 levels" });
    }
  });

  it("ordinary bodies pass", () => {
    expect(() => assertShallow({ a: [{ b: { c: [1, 2, 3] } }] }, "body")).not.toThrow();
  });
});

describe("reading a body", () => {
  /** A body that never ends on its own and counts what was pulled from it: 300 MiB if read whole. */
  function endlessRequest(totalBytes: number) {
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const pulled = { bytes: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.bytes >= totalBytes) return controller.close();
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://localhost/api/v1/hunting/query", {
      method: "POST",
      body,
      duplex: "half",
    } as RequestInit);
    return { request, pulled };
  }

  it("stops reading at the limit: 300 MiB without a length is a 413 after about the limit's worth", async () => {
    const { request, pulled } = endlessRequest(300 * 1024 * 1024);
    const started = Date.now();
    const error = await readText(request, 128 * 1024).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(413);
    expect(pulled.bytes).toBeLessThan(512 * 1024);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a declared length past the limit before reading", async () => {
    const { request, pulled } = endlessRequest(1024 * 1024);
    const declared = new Request(request, { headers: { "content-length": String(300 * 1024 * 1024) } });
    await expect(readText(declared, 1024)).rejects.toMatchObject({ status: 413 });
    // The stream itself fills its small queue ahead; the point is that the body is not read.
    expect(pulled.bytes).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it("reads text under the limit, dropping a BOM as request.text() does", async () => {
    const request = new Request("http://localhost/", { method: "POST", body: '\ufeff{"a":1}' });
    expect(await readText(request, 1024)).toBe('{"a":1}');
  });
});

describe("paths", () => {
  it.each(["/api/v1/alerts/%FF", "/alerts/%E0%A4%A", "/a/%", "/api/v1/mailboxes/%ED%A0%80"])(
    "%s cannot be decoded",
    (path) => {
      expect(isMalformedPath(path)).toBe(true);
    },
  );

  it.each(["/api/v1/mailboxes/ann%40contoso.com", "/alerts/12", "/x/%F0%9F%A6%80"])("%s can", (path) => {
    expect(isMalformedPath(path)).toBe(false);
  });

  it("the proxy answers 400 before Next reads the params (Next answered a bare 500)", async () => {
    const api = proxy(new NextRequest("http://localhost/api/v1/mailboxes/%FF"));
    expect(api.status).toBe(400);
    expect((await api.json()).error.code).toBe("BAD_REQUEST");
    expect(proxy(new NextRequest("http://localhost/investigations/%FF")).status).toBe(400);
    expect(proxy(new NextRequest("http://localhost/api/v1/alerts/12")).headers.get("x-middleware-next")).toBe("1");
  });
});
