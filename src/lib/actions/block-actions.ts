import { z } from "zod";

/** Blocks add a threat indicator of `indicator` kind; reverting one lifts it (removes the indicator the action added). */
export const BLOCK_ACTION_SPECS = {
  blockUrl: { label: "Block URL", indicator: "url", isRevertable: true },
  blockSender: { label: "Block sender", indicator: "sender", isRevertable: true },
} as const;

export type TBlockActionType = keyof typeof BLOCK_ACTION_SPECS;

export const ZBlockTarget = z.object({ value: z.string(), threatType: z.string().optional(), reason: z.string().optional() });
