import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/server/http/app-error";
import { assertSameOrigin } from "@/server/http/same-origin";

const CONSOLE = "https://console.example";
const SESSION = { cookie: "next-auth.session-token=abc" };
const JSON_TYPE = { "content-type": "application/json", "content-length": "2" };

function call(method: string, headers: Record<string, string>, accepts?: readonly string[]) {
  try {
    assertSameOrigin(new Request(`${CONSOLE}/api/v1/actions/1/approve`, { method, headers }), accepts);
    return "passes";
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

beforeEach(() => vi.stubEnv("NEXTAUTH_URL", CONSOLE));
afterEach(() => vi.unstubAllEnvs());

describe("the same-origin rule for state-changing API calls", () => {
  it("lets reads through whatever their origin", () => {
    expect(call("GET", { ...SESSION, origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBe("passes");
    expect(call("HEAD", { ...SESSION, "sec-fetch-site": "cross-site" })).toBe("passes");
  });

  it("passes the console's own pages: Sec-Fetch-Site same-origin, or its own Origin", () => {
    expect(call("POST", { ...SESSION, ...JSON_TYPE, "sec-fetch-site": "same-origin" })).toBe("passes");
    expect(call("POST", { ...SESSION, ...JSON_TYPE, origin: CONSOLE })).toBe("passes");
    expect(call("PUT", { ...SESSION, ...JSON_TYPE, origin: CONSOLE, "sec-fetch-site": "same-origin" })).toBe("passes");
    // Reached at another address than NEXTAUTH_URL (no proxy): the address the browser used is the page's origin.
    expect(call("POST", { ...SESSION, ...JSON_TYPE, host: "10.0.0.5:3000", origin: "https://10.0.0.5:3000" })).toBe(
      "passes",
    );
  });

  it.each([
    ["another site", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    [
      "another port of the same host (same-site)",
      { origin: "https://console.example:8443", "sec-fetch-site": "same-site" },
    ],
    ["a look-alike host", { origin: "https://console.example.evil.example" }],
    ["http instead of https", { origin: "http://console.example" }],
    ["an opaque origin (sandboxed frame, data: URL)", { origin: "null" }],
    ["Sec-Fetch-Site cross-site even with a matching Origin", { origin: CONSOLE, "sec-fetch-site": "cross-site" }],
    ["a user-typed navigation (Sec-Fetch-Site none)", { "sec-fetch-site": "none" }],
    ["neither header, with a session cookie", {}],
  ])("refuses a cookie call from %s with 403 CROSS_ORIGIN", (_, headers) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"])
      expect(call(method, { ...SESSION, ...JSON_TYPE, ...headers })).toBe("403 CROSS_ORIGIN");
  });

  it("exempts bearer-token calls, which carry no credential a foreign page could borrow", () => {
    expect(call("POST", { authorization: "Bearer bw_x", ...JSON_TYPE })).toBe("passes");
    expect(
      call("POST", { authorization: "Bearer bw_x", ...SESSION, ...JSON_TYPE, origin: "https://evil.example" }),
    ).toBe("passes");
  });

  it("leaves a call with no cookie and no token to the route's own 401", () => {
    expect(call("POST", { ...JSON_TYPE })).toBe("passes");
  });

  it("refuses bodies of types a form can send without a preflight, and bodies with no type, with 415", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(call("POST", { authorization: "Bearer bw_x", "content-type": type, "content-length": "2" })).toBe(
        "415 UNSUPPORTED_MEDIA_TYPE",
      );
      expect(call("POST", { ...SESSION, origin: CONSOLE, "content-type": type, "content-length": "2" })).toBe(
        "415 UNSUPPORTED_MEDIA_TYPE",
      );
    }
    expect(call("POST", { authorization: "Bearer bw_x", "content-length": "2" })).toBe("415 UNSUPPORTED_MEDIA_TYPE");
    expect(call("POST", { authorization: "Bearer bw_x", "transfer-encoding": "chunked" })).toBe(
      "415 UNSUPPORTED_MEDIA_TYPE",
    );
    // A cross-origin text/plain call is refused for where it came from first.
    expect(
      call("POST", { ...SESSION, origin: "https://evil.example", "content-type": "text/plain", "content-length": "2" }),
    ).toBe("403 CROSS_ORIGIN");
  });

  it("takes JSON with parameters, no type for an empty body, and the types a route declares", () => {
    expect(
      call("POST", {
        ...SESSION,
        origin: CONSOLE,
        "content-type": "Application/JSON; charset=utf-8",
        "content-length": "2",
      }),
    ).toBe("passes");
    expect(call("POST", { ...SESSION, origin: CONSOLE, "content-length": "0" })).toBe("passes");
    expect(call("DELETE", { ...SESSION, origin: CONSOLE })).toBe("passes");
    const eml = ["message/rfc822", "application/json"];
    expect(
      call("POST", { ...SESSION, origin: CONSOLE, "content-type": "message/rfc822", "content-length": "9" }, eml),
    ).toBe("passes");
    expect(call("POST", { ...SESSION, origin: CONSOLE, "content-type": "text/csv", "content-length": "9" }, eml)).toBe(
      "415 UNSUPPORTED_MEDIA_TYPE",
    );
  });
});
