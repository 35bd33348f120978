import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { announceSenderChange } from "@/server/mail-system/policy/sender-changes";
import type { TExecution } from "@/server/connectors/execution.types";

// Blocking an entity adds it to the tenant's threat indicators: every later verdict on it is Malicious, and the
// indicator names the action that made it, so the block can be traced back (and removed on Threat intelligence).
export const BLOCK_ACTIONS = { blockUrl: "url", blockSender: "sender" } as const;

export const isBlockAction = (type: string): type is keyof typeof BLOCK_ACTIONS => Object.hasOwn(BLOCK_ACTIONS, type);

export async function executeBlockAction(action: { id: number; type: keyof typeof BLOCK_ACTIONS; target: Record<string, string> }, tx: Prisma.TransactionClient): Promise<TExecution> {
  const value = action.target.value;
  if (!value) return { succeeded: 0, failed: 1, alreadyInDestination: 0, failures: { "The action names nothing to block": 1 } };
  const { count } = await tx.threatIndicator.createMany({
    data: [{ kind: BLOCK_ACTIONS[action.type], value, threatType: action.target.threatType || "Phish", source: `Action #${action.id}`, description: action.target.reason ?? null, actionId: action.id }],
    skipDuplicates: true,
  });
  // The sender policy service refuses blocked senders at SMTP: tell it now rather than at its next periodic reload.
  if (count && action.type === "blockSender") await announceSenderChange(value, tx);
  // Already blocked (imported intelligence or an earlier action) is done, not failed.
  return { succeeded: count, failed: 0, alreadyInDestination: 1 - count, failures: {} };
}
