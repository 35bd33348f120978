import { z } from "zod";
import { ACTIVITY_CONTENT_TYPES } from "@/server/activity/activity.schemas";
import { MAX_PAGE_SIZE } from "@/server/http/pagination";
import { safe, ZText } from "@/server/http/safe-text";

export const ZWebhookIdParams = z.object({ id: z.uuid() });

const ZWebhookUrl = safe(
  z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: "must be an http or https URL" }).max(2000),
).describe("Where the records are POSTed, http or https");

const ZContentTypes = z
  .array(z.enum(ACTIVITY_CONTENT_TYPES))
  .min(1)
  .transform((types) => [...new Set(types)])
  .describe(`Which records the webhook receives: ${ACTIVITY_CONTENT_TYPES.join(", ")}`);

export const ZCreateWebhookBody = z.strictObject({
  name: ZText(80, { min: 1 }),
  url: ZWebhookUrl,
  contentTypes: ZContentTypes.default([...ACTIVITY_CONTENT_TYPES]),
});

export type TCreateWebhook = z.output<typeof ZCreateWebhookBody>;

export const ZUpdateWebhookBody = z
  .strictObject({
    name: ZText(80, { min: 1 }).optional(),
    url: ZWebhookUrl.optional(),
    contentTypes: ZContentTypes.optional(),
    isEnabled: z
      .boolean()
      .optional()
      .describe("false stops deliveries; true resumes from where the webhook stopped, retrying the batch that failed"),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: "change at least one of name, url, contentTypes, isEnabled",
  });

export type TUpdateWebhook = z.output<typeof ZUpdateWebhookBody>;

export const ZDeliveryListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
});

export type TDeliveryListQuery = z.output<typeof ZDeliveryListQuery>;
