import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsModule from "next-auth/providers/credentials";
import { z } from "zod";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { consoleBaseUrl } from "@/server/activity/feed-record";
import { readEnv } from "@/server/env";
import { clientIp } from "./client-ip";
import { sessionVersionOf, signOutEverywhere } from "./end-sessions";
import { sessionCookies } from "./session-cookies";
import { signInWithPassword } from "./sign-in";

// next-auth ships CommonJS: Next and Vitest hand us its default export, plain Node (tsx: `npm run bench`) the module
// object around it. Either way this is the provider function.
const credentialsProvider = ((CredentialsModule as unknown as { default?: typeof CredentialsModule }).default ??
  CredentialsModule) as typeof CredentialsModule;

const ZCredentials = z.object({ email: z.string().trim().email(), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  ...sessionCookies(consoleBaseUrl()),
  providers: [
    credentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = ZCredentials.safeParse(credentials);
        if (!parsed.success) return null;
        const result = await signInWithPassword(
          parsed.data.email,
          parsed.data.password,
          clientIp(req?.headers, readEnv().BREAKWATER_TRUSTED_PROXIES),
        );
        // next-auth shows a thrown error's message on the sign-in page (?error=...).
        if (!result.ok && result.reason === "locked") throw new Error("locked");
        return result.ok
          ? {
              id: result.user.id,
              email: result.user.email,
              name: result.user.name,
              sessionVersion: result.user.sessionVersion,
            }
          : null;
      },
    }),
  ],
  callbacks: {
    // The token carries only the user id and the session version it was signed in at: role, status and version are
    // read from the database on every request, so a demotion, a disabled account, a sign-out or a password change
    // takes effect at once.
    jwt: ({ token, user }) =>
      user ? { ...token, sub: user.id, sv: (user as { sessionVersion?: number }).sessionVersion ?? 0 } : token,
    session: ({ session, token }) => ({
      ...session,
      user: { ...session.user, id: token.sub, sessionVersion: sessionVersionOf(token) },
    }),
    // next-auth's own check trusts anything that starts with "/" and throws on what is not a URL: only the console's paths.
    redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackPath(url, baseUrl)}`,
  },
  events: {
    // Signing out ends every session of the user, so that a copied cookie is worth nothing after it.
    signOut: ({ token }) => signOutEverywhere(token),
  },
};
