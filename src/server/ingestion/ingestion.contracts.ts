import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZEmailEventBatch, ZIdentityEventBatch } from "./ingestion.schemas";

// application/x-ndjson is what log shippers send; the route reads either (parse-batch.ts) and validates the rows.
const jsonOrNdjson = (schema: z.ZodType) => ({ "application/json": schema, "application/x-ndjson": null });

export const INGESTION_ROUTES = {
  emailEvents: defineContract({
    method: "POST",
    path: "/api/v1/ingest/email-events",
    permission: "ingest:write",
    summary: "Ingest mail events",
    description:
      "A JSON array or NDJSON of EmailEvents rows with their URLs and attachments; idempotent on NetworkMessageId and recipient.",
    bodyMediaTypes: jsonOrNdjson(ZEmailEventBatch),
    maxBodyBytes: 50 * 1024 * 1024,
    response: z.object({
      received: z.number().int(),
      inserted: z.number().int(),
      /** Rows already stored, or repeated within the input: skipped, never doubled. */
      duplicates: z.number().int(),
      blocked: z.number().int(),
      detections: z.object({
        alertIds: z.array(z.number().int()),
        restrictedUsers: z.array(z.string()),
        investigationIds: z.array(z.number().int()),
      }),
    }),
  }),
  identityEvents: defineContract({
    method: "POST",
    path: "/api/v1/ingest/identity-events",
    permission: "ingest:write",
    summary: "Ingest identity events",
    description:
      "Sign-ins and mailbox configuration changes (forwarding, inbox rules, MFA, consents, roles), as a JSON array or NDJSON.",
    bodyMediaTypes: jsonOrNdjson(ZIdentityEventBatch),
    maxBodyBytes: 10 * 1024 * 1024,
    // Per event type: rows written or changed, and events that were already true (sign-ins already stored).
    response: z.object({
      received: z.number().int(),
      byType: z.record(z.string(), z.object({ applied: z.number().int(), unchanged: z.number().int() })),
    }),
  }),
};
