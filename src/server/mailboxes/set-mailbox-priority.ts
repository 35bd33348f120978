import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";

/** Tags or untags a priority account (Defender's priority account tag), audited with the value before and after. */
export async function setMailboxPriority(
  address: string,
  isPriority: boolean,
  actor: TPrincipal,
): Promise<{ address: string; isPriority: boolean }> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.mailbox.findUnique({ where: { address }, select: { isPriority: true } });
    if (!before) throw notFound(`Mailbox ${address}`);
    await tx.mailbox.update({ where: { address }, data: { isPriority } });
    await writeAudit(
      { actor, action: "mailbox.priority", targetType: "mailbox", targetId: address, before, after: { isPriority } },
      tx,
    );
    return { address, isPriority };
  });
}
