import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { authOptions } from "@/server/auth/auth-options";

const CONSOLE = "http://localhost:3000";

// What reaches the code: the login page gets callbackUrl already percent-decoded by the query string parser.
const TRICKS = [
  "/\\evil.example/",
  "/\\evil.example",
  "\\\\evil.example",
  "//evil.example",
  "///evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  " //evil.example",
  "/.//evil.example",
  "https://evil.example",
  "https:evil.example",
  "http://localhost:3000.evil.example/",
  "http://localhost:3000@evil.example/",
  "javascript:alert(document.domain)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "http://[::1",
];

describe("the sign-in redirect", () => {
  it.each(TRICKS)("sends %j to Home, not to another site", (trick) => {
    expect(safeCallbackPath(trick, CONSOLE)).toBe("/");
    expect(safeCallbackPath(decodeURIComponent(encodeURIComponent(trick)), CONSOLE)).toBe("/");
  });

  it("keeps the console's own paths, with their query and fragment", () => {
    expect(safeCallbackPath("/alerts?status=New#top", CONSOLE)).toBe("/alerts?status=New#top");
    expect(safeCallbackPath(`${CONSOLE}/action-center?view=history`, CONSOLE)).toBe("/action-center?view=history");
    // A percent-encoded backslash that survives decoding stays an encoded path segment of the console.
    expect(safeCallbackPath("/%5Cevil.example/", CONSOLE)).toBe("/%5Cevil.example/");
    expect(safeCallbackPath(undefined, CONSOLE)).toBe("/");
    expect(safeCallbackPath("", CONSOLE)).toBe("/");
  });

  it("is what next-auth's redirect callback answers too: the console's origin and a safe path", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    for (const trick of TRICKS) expect(await redirect({ url: trick, baseUrl: CONSOLE })).toBe(`${CONSOLE}/`);
    expect(await redirect({ url: "/investigations/7", baseUrl: CONSOLE })).toBe(`${CONSOLE}/investigations/7`);
    expect(await redirect({ url: `${CONSOLE}/alerts`, baseUrl: CONSOLE })).toBe(`${CONSOLE}/alerts`);
  });
});
