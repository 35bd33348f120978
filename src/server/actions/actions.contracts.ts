import { z } from "zod";

/** "Reverted by #14 (Move to Inbox)": a revert that moved back `copies` of the action's `ofCopies`. */
export const ZReversal = z.object({ revertId: z.number().int(), copies: z.number().int(), ofCopies: z.number().int(), revert: z.object({ type: z.string() }) });
