import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import { prisma } from "@/server/db";
import type { TPrincipal } from "./principal";

/**
 * Ends every session of a user: each session's token carries the version it was signed in at, and a raised version
 * no longer matches (checked on every request, in the same read that loads the user). Sign-out does this, and a
 * password change, so that a copied cookie dies with them.
 */
export async function endSessions(userId: string): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** next-auth's sign-out event: the token of the session being ended. */
export async function signOutEverywhere(token: { sub?: string } | null | undefined): Promise<void> {
  if (!token?.sub) return;
  const user = await prisma.user.findUnique({
    where: { id: token.sub },
    select: { id: true, name: true, role: true, sessionVersion: true },
  });
  // A stale token (already signed out) ends nothing more.
  if (!user || user.sessionVersion !== sessionVersionOf(token)) return;
  await endSessions(user.id);
  const actor: TPrincipal = { kind: "user", id: user.id, name: user.name, role: user.role };
  await writeAudit({ actor, action: "auth.signOut", targetType: "user", targetId: user.id });
}

/** The version a session token carries; tokens made before versions existed carry none and count as the first. */
export const sessionVersionOf = (token: object) => ("sv" in token && typeof token.sv === "number" ? token.sv : 0);
