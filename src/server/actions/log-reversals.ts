import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { actionTypeLabel } from "@/lib/labels";
import type { TReversal } from "./record-reversals";

/**
 * Tells each investigation whose action a revert of another cluster moved copies of (overlapping clusters): nothing is
 * moved silently, the run's log says by which action and how many.
 */
export async function logReversals(
  revertId: number,
  revertType: string,
  reversals: TReversal[],
  tx: Prisma.TransactionClient,
): Promise<void> {
  const lines = reversals
    .filter((reversal) => reversal.investigationId !== null)
    .map((reversal) => ({
      investigationId: reversal.investigationId!,
      message: `${actionTypeLabel(reversal.type)} (#${reversal.actionId}) ${reversal.copies < reversal.ofCopies ? "partially " : ""}reverted by #${revertId} (${actionTypeLabel(revertType)} of an overlapping cluster): ${reversal.copies} of ${reversal.ofCopies} messages moved back`,
    }));
  if (lines.length) await tx.investigationLog.createMany({ data: lines });
}
