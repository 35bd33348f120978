import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";

/** Tables that hold one row (id 1) of tenant-wide settings, edited by an admin on a Settings page. */
type TSettingsTable = "AutomationSettings" | "DetectionSettings" | "ApprovalRuleSettings";

type TStamped = { updatedAt: Date | null; updatedBy: string | null };

/**
 * Saves a settings row and audits it with before and after in the same transaction. The row is locked first: two
 * admins saving at once must each see, and audit, the other's change as their "before".
 */
export async function saveSettingsRow<TSettings extends TStamped>(
  table: TSettingsTable,
  actor: TPrincipal,
  read: (tx: Prisma.TransactionClient) => Promise<TSettings>,
  write: (tx: Prisma.TransactionClient, updatedBy: string) => Promise<unknown>,
): Promise<TSettings> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`select 1 from "${table}" where id = 1 for update`);
    const before = await read(tx);
    await write(tx, actor.name);
    const after = await read(tx);
    const name = table[0].toLowerCase() + table.slice(1);
    await writeAudit(
      {
        actor,
        action: `${name}.update`,
        targetType: name,
        targetId: 1,
        before: unstamped(before),
        after: unstamped(after),
      },
      tx,
    );
    return after;
  });
}

const unstamped = ({ updatedAt: _at, updatedBy: _by, ...settings }: TStamped) => settings;
