import "server-only";
import { z } from "zod";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { conflict, notFound } from "@/server/http/app-error";
import { ZIntIdParams } from "@/server/http/list-filters";
import { ZText } from "@/server/http/safe-text";
import { announceSenderChange } from "@/server/mail-system/policy/sender-changes";

export const ZReleaseBody = z.strictObject({ reason: ZText(1000).optional() }).default({});
export const ZRestrictionIdParams = ZIntIdParams;

/**
 * Lets a restricted user send again, at once: enforcement reads the restriction on every message. Releasing twice is
 * a 409, so two operators cannot both believe they did it.
 */
export async function releaseRestrictedUser(id: number, reason: string | undefined, actor: TPrincipal) {
  return prisma.$transaction(async (tx) => {
    const released = await tx.restrictedUser.updateMany({
      where: { id, releasedAt: null },
      data: {
        releasedAt: new Date(),
        releasedById: actor.id,
        releasedByName: actor.name,
        releaseReason: reason ?? null,
      },
    });
    const restriction = await tx.restrictedUser.findUnique({ where: { id } });
    if (!restriction) throw notFound(`Restricted user ${id}`);
    if (released.count === 0)
      throw conflict(`${restriction.address} was already released by ${restriction.releasedByName ?? "someone"}`);
    // The SMTP sender policy service reloads on this, so the very next message from this sender is accepted.
    await announceSenderChange(restriction.address, tx);
    await writeAudit(
      {
        actor,
        action: "restrictedUser.release",
        targetType: "restrictedUser",
        targetId: id,
        before: { address: restriction.address, releasedAt: null },
        after: { address: restriction.address, releasedAt: restriction.releasedAt, reason },
      },
      tx,
    );
    return restriction;
  });
}

/** For a mail system's sending policy: is this sender blocked right now? */
export async function senderStatus(address: string): Promise<{ address: string; restricted: boolean }> {
  const active = await prisma.restrictedUser.count({ where: { address: address.toLowerCase(), releasedAt: null } });
  return { address: address.toLowerCase(), restricted: active > 0 };
}
