import { z } from "zod";

const ZDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+$/, { error: "must be a domain name such as contoso.com" });

export const ZDetectionSettingsInput = z.strictObject({
  trustedAuthservIds: z.array(z.string().trim().toLowerCase().min(1).max(253).regex(/^[^\s;]+$/, { error: "must be an authserv-id such as mx.contoso.com" })).max(50),
  customBrands: z.array(z.strictObject({ name: z.string().trim().min(2, { error: "must be at least 2 characters" }).max(80), domains: z.array(ZDomain).min(1).max(50) })).max(500),
  learningDays: z.int().min(1).max(365),
});
export type TDetectionSettingsInput = z.infer<typeof ZDetectionSettingsInput>;

export const ZLearnedListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(25),
  q: z.string().trim().max(320).optional(),
});
