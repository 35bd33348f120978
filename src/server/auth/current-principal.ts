import "server-only";
import { getServerSession } from "next-auth";
import { prisma } from "@/server/db";
import { principalFromToken } from "./api-tokens";
import { authOptions } from "./auth-options";
import type { TPrincipal } from "./principal";

/** The signed-in person behind this request's session cookie, checked against the database. */
export async function sessionPrincipal(): Promise<TPrincipal | null> {
  return principalFromSession(await getServerSession(authOptions));
}

/**
 * The person a decoded session stands for, while it is still good: the user exists, is enabled, and has not signed
 * out or changed password since (the session's version is the user's). One read by primary key per request, the same
 * one that loads the role, so ending sessions costs nothing more.
 */
export async function principalFromSession(session: { user?: unknown } | null): Promise<TPrincipal | null> {
  const { id: userId, sessionVersion } = (session?.user ?? {}) as { id?: string; sessionVersion?: number };
  if (!userId) return null;
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || user.isDisabled || user.sessionVersion !== (sessionVersion ?? 0)) return null;
  return { kind: "user", id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * Scripts send a bearer token; browsers carry their session. A client that can only put credentials in a URL (rspamd's
 * map URLs: http://user:password@host/…) sends HTTP Basic: the password is the API token, the user name is ignored.
 */
export async function requestPrincipal(request: Request): Promise<TPrincipal | null> {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return principalFromToken(header.slice(7).trim());
  if (header?.toLowerCase().startsWith("basic ")) return principalFromToken(basicPassword(header.slice(6).trim()));
  return sessionPrincipal();
}

function basicPassword(credentials: string): string {
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? "" : decodeURIComponent(decoded.slice(colon + 1));
}
