import { z } from "zod";
import { ACTIVITY_CONTENT_TYPES } from "@/server/activity/activity.schemas";
import { defineContract } from "@/server/http/contract";
import { ZDeleted, ZPage, ZWireDate } from "@/server/http/wire";
import { ZCreateWebhookBody, ZDeliveryListQuery, ZUpdateWebhookBody, ZWebhookIdParams } from "./webhooks.schemas";

// Never the secret, except in the answer that made it.
const ZWebhook = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  contentTypes: z.array(z.enum(ACTIVITY_CONTENT_TYPES)),
  isEnabled: z.boolean(),
  pausedReason: z.string().nullable(),
  failedAttempts: z.number().int(),
  nextAttemptAt: ZWireDate.nullable(),
  createdByName: z.string(),
  createdAt: ZWireDate,
  updatedAt: ZWireDate,
});

const ZDelivery = z.object({
  id: z.string(),
  attempt: z.number().int(),
  at: ZWireDate,
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  isSuccess: z.boolean(),
  recordCount: z.number().int(),
  firstRecordId: z.string(),
  lastRecordId: z.string(),
});

export const WEBHOOK_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/webhooks",
    permission: "webhooks:manage",
    summary: "List webhooks",
    description: "With each one's latest deliveries; never the secrets.",
    response: z.object({ items: z.array(ZWebhook.extend({ recentDeliveries: z.array(ZDelivery) })) }),
  }),
  create: defineContract({
    method: "POST",
    path: "/api/v1/webhooks",
    permission: "webhooks:manage",
    summary: "Make a webhook",
    description:
      "It receives the feed's records from now on, POSTed as `{ webhookId, attempt, sentAt, records }` and signed: `X-Breakwater-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>`, `X-Breakwater-Timestamp: <unix seconds>`. The answer holds the secret, the only time it is shown. A failed batch is sent again after 1, 4, 16, 64 and 256 seconds, then the webhook pauses until it is enabled again.",
    body: ZCreateWebhookBody,
    response: ZWebhook.extend({ secret: z.string() }),
    status: 201,
  }),
  update: defineContract({
    method: "PATCH",
    path: "/api/v1/webhooks/{id}",
    permission: "webhooks:manage",
    summary: "Change a webhook",
    description: "Rename, repoint, choose content types; `isEnabled: false` stops it, `true` resumes where it stopped.",
    params: ZWebhookIdParams,
    body: ZUpdateWebhookBody,
    response: ZWebhook,
  }),
  remove: defineContract({
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    permission: "webhooks:manage",
    summary: "Delete a webhook",
    description: "With its delivery log.",
    params: ZWebhookIdParams,
    response: ZDeleted(z.uuid()),
  }),
  deliveries: defineContract({
    method: "GET",
    path: "/api/v1/webhooks/{id}/deliveries",
    permission: "webhooks:manage",
    summary: "A webhook's delivery log",
    description: "One row per attempt, newest first: status code, error, time, records sent.",
    params: ZWebhookIdParams,
    query: ZDeliveryListQuery,
    response: ZPage(ZDelivery),
  }),
};
