import { z } from "zod";
import { ZIntId, ZIntIdParams } from "@/server/http/list-filters";
import { ZText } from "@/server/http/safe-text";

export const ZDecisionBody = z.strictObject({ comment: ZText(1000).optional() }).default({});

export const ZDecideManyBody = z.strictObject({
  ids: z.array(ZIntId).min(1).max(500),
  decision: z.enum(["approve", "reject"]),
  comment: ZText(1000).optional(),
});

export const ZActionIdParams = ZIntIdParams;

export const ZRevertBody = z.strictObject({
  to: z.enum(["inbox", "junk"], { error: 'must be "inbox" or "junk"' }),
  comment: ZText(1000).optional(),
});
