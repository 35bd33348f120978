import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { BLOCK_ACTION_SPECS, type TBlockActionType } from "@/lib/actions/block-actions";
import { announceSenderChange } from "@/server/mail-system/policy/sender-changes";
import type { TExecution } from "@/server/connectors/execution.types";

type TBlock = { id: number; type: TBlockActionType; target: { value: string; threatType?: string; reason?: string } };

// Blocking an entity adds it to the tenant's threat indicators: every later verdict on it is Malicious, and the
// indicator names the action that made it, so the block can be traced back (and removed on Threat intelligence).
export async function executeBlockAction(action: TBlock, tx: Prisma.TransactionClient): Promise<TExecution> {
  const value = action.target.value;
  if (!value)
    return { succeeded: 0, failed: 1, alreadyInDestination: 0, failures: { "The action names nothing to block": 1 } };
  const { count } = await tx.threatIndicator.createMany({
    data: [
      {
        kind: BLOCK_ACTION_SPECS[action.type].indicator,
        value,
        threatType: action.target.threatType || "Phish",
        source: `Action #${action.id}`,
        description: action.target.reason ?? null,
        actionId: action.id,
      },
    ],
    skipDuplicates: true,
  });
  // The sender policy service refuses blocked senders at SMTP: tell it now rather than at its next periodic reload.
  if (count && action.type === "blockSender") await announceSenderChange(value, tx);
  // Already blocked (imported intelligence or an earlier action) is done, not failed.
  return { succeeded: count, failed: 0, alreadyInDestination: 1 - count, failures: {} };
}

/**
 * Lifts the block `blockActionId` made: removes the indicator it added. Already removed (on Threat intelligence) is
 * done, not failed.
 */
export async function liftBlockAction(
  action: TBlock,
  blockActionId: number,
  tx: Prisma.TransactionClient,
): Promise<TExecution> {
  const { count } = await tx.threatIndicator.deleteMany({ where: { actionId: blockActionId } });
  if (count && BLOCK_ACTION_SPECS[action.type].indicator === "sender")
    await announceSenderChange(action.target.value, tx);
  return { succeeded: count ? 1 : 0, failed: 0, alreadyInDestination: count ? 0 : 1, failures: {} };
}
