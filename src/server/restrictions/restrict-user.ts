import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { announceSenderChange } from "@/server/mail-system/policy/sender-changes";

/** Restricts a sender unless already restricted; returns the active restriction and whether it is new. */
export async function restrictUser(
  address: string,
  reason: string,
  db: Prisma.TransactionClient,
): Promise<{ id: number; isNew: boolean }> {
  await db.$executeRaw`select pg_advisory_xact_lock(hashtext(${`restrict:${address}`}))`;
  const active = await db.restrictedUser.findFirst({ where: { address, releasedAt: null } });
  if (active) return { id: active.id, isNew: false };
  const created = await db.restrictedUser.create({ data: { address, reason } });
  await announceSenderChange(address, db);
  return { id: created.id, isNew: true };
}
