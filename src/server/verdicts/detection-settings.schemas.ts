import { z } from "zod";
import { ZFilterText, ZText } from "@/server/http/safe-text";

const ZDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+$/, { error: "must be a domain name such as contoso.com" });

export const ZDetectionSettingsInput = z.strictObject({
  trustedAuthservIds: z
    .array(
      ZText(253, { min: 1 })
        .toLowerCase()
        .regex(/^[^\s;]+$/, { error: "must be an authserv-id such as mx.contoso.com" }),
    )
    .max(50),
  customBrands: z
    .array(z.strictObject({ name: ZText(80, { min: 2 }), domains: z.array(ZDomain).min(1).max(50) }))
    .max(500),
  learningDays: z.int().min(1).max(365),
  campaignWindowDays: z.int().min(1).max(90).optional(),
  // null: back to the built-in list (src/server/campaigns/shared-hosts.ts).
  sharedHosts: z.array(ZDomain).max(2000).nullable().optional(),
});
export type TDetectionSettingsInput = z.infer<typeof ZDetectionSettingsInput>;

export const ZLearnedListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(25),
  q: ZFilterText(320),
});
