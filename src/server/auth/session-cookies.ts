import "server-only";
import type { CookiesOptions } from "next-auth";

const hostOnly = (name: string) => ({
  name: `__Host-${name}`,
  options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: true },
});

/**
 * next-auth's cookie settings for where the console is served. Over https the cookies are Secure, and the session
 * and callback cookies take the `__Host-` prefix (the CSRF cookie has it already): the browser then refuses them
 * from plain http and from any other host, so a sibling subdomain cannot plant or shadow a session.
 */
export function sessionCookies(consoleUrl: string): { useSecureCookies: boolean; cookies?: Partial<CookiesOptions> } {
  if (new URL(consoleUrl).protocol !== "https:") return { useSecureCookies: false };
  return {
    useSecureCookies: true,
    cookies: { sessionToken: hostOnly("next-auth.session-token"), callbackUrl: hostOnly("next-auth.callback-url") },
  };
}
