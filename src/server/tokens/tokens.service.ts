import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import { newTokenSecret } from "@/server/auth/api-tokens";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { conflict, notFound } from "@/server/http/app-error";
import type { TCreateToken } from "./tokens.schemas";

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function listTokens() {
  return prisma.apiToken.findMany({
    select: { ...PUBLIC_FIELDS, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

/** Creates a token and returns its secret: the only time it is ever shown, since only its hash is stored. */
export async function createToken(input: TCreateToken, actor: TPrincipal) {
  const { secret, prefix, tokenHash } = newTokenSecret();
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        prefix,
        tokenHash,
        createdById: actor.kind === "user" ? actor.id : null,
      },
      select: PUBLIC_FIELDS,
    });
    await writeAudit({ actor, action: "token.create", targetType: "apiToken", targetId: token.id, after: token }, tx);
    return { ...token, secret };
  });
}

export async function revokeToken(id: string, actor: TPrincipal) {
  const before = await prisma.apiToken.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  if (!before) throw notFound("The API token");
  if (before.revokedAt) throw conflict("The API token is already revoked");
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: PUBLIC_FIELDS });
    await writeAudit({ actor, action: "token.revoke", targetType: "apiToken", targetId: id, before, after: token }, tx);
    return token;
  });
}
