import "@/lib/zod-jitless";
import { z } from "zod";

/**
 * Blocks add a threat indicator of `indicator` kind. Reverting one lifts it: an Unblock action of its own removes the
 * indicator the block added, so History shows who lifted what.
 */
export const BLOCK_ACTION_SPECS = {
  blockUrl: { label: "Block URL", indicator: "url", isRevertable: true },
  blockSender: { label: "Block sender", indicator: "sender", isRevertable: true },
  unblockUrl: { label: "Unblock URL", indicator: "url", isRevertable: false },
  unblockSender: { label: "Unblock sender", indicator: "sender", isRevertable: false },
} as const;

export type TBlockActionType = keyof typeof BLOCK_ACTION_SPECS;

/** The action that lifts each block. */
export const BLOCK_LIFTS = { blockUrl: "unblockUrl", blockSender: "unblockSender" } as const satisfies Partial<
  Record<TBlockActionType, TBlockActionType>
>;

export const isBlockLift = (type: TBlockActionType): boolean => (Object.values(BLOCK_LIFTS) as string[]).includes(type);

export const ZBlockTarget = z.object({
  value: z.string(),
  threatType: z.string().optional(),
  reason: z.string().optional(),
});
