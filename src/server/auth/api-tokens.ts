import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/server/db";
import type { TPrincipal } from "./principal";

const PREFIX = "bw_";

export function newTokenSecret(): { secret: string; prefix: string; tokenHash: string } {
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, PREFIX.length + 6), tokenHash: hashToken(secret) };
}

export const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The principal behind `Authorization: Bearer <token>`, or null for an unknown or revoked token. */
export async function principalFromToken(secret: string): Promise<TPrincipal | null> {
  if (!secret.startsWith(PREFIX)) return null;
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!token || token.revokedAt) return null;
  // Coarse last-used time: one write a minute at most, not one per request.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return { kind: "token", id: token.id, name: `token ${token.name}`, role: token.role };
}
