import { describe, expect, it } from "vitest";
import { makeNonce, securityHeaders } from "@/server/http/security-headers";

const directives = (headers: Record<string, string>) =>
  Object.fromEntries(
    headers["Content-Security-Policy"]
      .split("; ")
      .map((part) => [part.split(" ")[0], part.slice(part.indexOf(" ") + 1)]),
  );

describe("security headers", () => {
  it("allow only this response's scripts, no framing and no sniffing", () => {
    const headers = securityHeaders({ nonce: "abc123", isHttps: false, isDev: false });
    const csp = directives(headers);
    expect(csp["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(csp["object-src"]).toBe("'none'");
    expect(csp["base-uri"]).toBe("'none'");
    expect(headers).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
    });
    expect(headers["Permissions-Policy"]).toContain("camera=()");
  });

  it("send HSTS and upgrade-insecure-requests only over https, where they cannot lock out a plain-http install", () => {
    const plain = securityHeaders({ nonce: "n", isHttps: false, isDev: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    const https = securityHeaders({ nonce: "n", isHttps: true, isDev: false });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(directives(https)).toHaveProperty("upgrade-insecure-requests");
  });

  it("allow eval only under next dev", () => {
    expect(directives(securityHeaders({ nonce: "n", isHttps: false, isDev: true }))["script-src"]).toContain(
      "'unsafe-eval'",
    );
    expect(directives(securityHeaders({ nonce: "n", isHttps: false, isDev: false }))["script-src"]).not.toContain(
      "'unsafe-eval'",
    );
  });

  it("make a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, makeNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
