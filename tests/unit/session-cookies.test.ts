import { describe, expect, it } from "vitest";
import { sessionCookies } from "@/server/auth/session-cookies";

describe("session cookies", () => {
  it("are Secure with the __Host- prefix when the console is served over https", () => {
    const { useSecureCookies, cookies } = sessionCookies("https://breakwater.example.com");
    expect(useSecureCookies).toBe(true);
    for (const cookie of [cookies!.sessionToken!, cookies!.callbackUrl!]) {
      expect(cookie.name).toMatch(/^__Host-next-auth\./);
      // What the prefix demands of the browser: Secure, Path=/ and no Domain.
      expect(cookie.options).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
    }
  });

  it("keep next-auth's plain defaults over http (a Secure cookie would never be sent back)", () => {
    expect(sessionCookies("http://localhost:3000")).toEqual({ useSecureCookies: false });
  });
});
