import { z } from "zod";

export const ZDecisionBody = z.strictObject({ comment: z.string().trim().max(1000).optional() }).default({});

export const ZDecideManyBody = z.strictObject({
  ids: z.array(z.coerce.number().int().positive()).min(1).max(500),
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(1000).optional(),
});

export const ZActionIdParams = z.object({ id: z.coerce.number().int().positive() });

export const ZRevertBody = z.strictObject({
  to: z.enum(["inbox", "junk"], { error: 'must be "inbox" or "junk"' }),
  comment: z.string().trim().max(1000).optional(),
});
