import { z } from "zod";
import { ActionSource, ActionStatus, DecidedBy, Verdict } from "@/generated/prisma/enums";
import { ZReversal } from "@/server/actions/actions.contracts";
import { defineContract } from "@/server/http/contract";
import { enumValues } from "@/server/http/list-filters";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { CLUSTER_ASSESSMENTS, ZAssessClusterBody, ZClusterIdParams, ZClusterMessagesQuery } from "./clusters.schemas";

const ZClusterAction = z.object({
  id: z.number().int(),
  type: z.string(),
  status: z.enum(enumValues(ActionStatus)),
  source: z.enum(enumValues(ActionSource)),
  decidedBy: z.enum(enumValues(DecidedBy)).nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: ZWireDate.nullable(),
  executedAt: ZWireDate.nullable(),
  successCount: z.number().int(),
  alreadyCount: z.number().int(),
  failedCount: z.number().int(),
  revertOfId: z.number().int().nullable(),
  reversals: z.array(ZReversal),
});

const ZClusterMessage = z.object({
  id: z.string(),
  timestamp: ZWireDate,
  networkMessageId: z.string(),
  recipientEmailAddress: z.string(),
  senderFromAddress: z.string(),
  subject: z.string(),
  latestDeliveryLocation: z.string(),
  deliveryAction: z.string(),
  additionalActions: z.array(z.string()),
  /** What the cluster's latest action did to this copy on a real mail system (Success, Failed, AlreadyInDestination). */
  result: z.string().nullable(),
  resultReason: z.string().nullable(),
});

export const CLUSTER_ROUTES = {
  get: defineContract({
    method: "GET",
    path: "/api/v1/clusters/{id}",
    permission: "investigations:read",
    summary: "One cluster",
    description: "Its query and counts by delivery location.",
    params: ZClusterIdParams,
    response: z.object({
      id: z.number().int(),
      kind: z.string(),
      name: z.string(),
      queryText: z.string(),
      query: z.unknown(),
      verdict: z.enum(enumValues(Verdict)),
      messageCount: z.number().int(),
      countsByLocation: z.record(z.string(), z.number().int()),
      createdAt: ZWireDate,
      investigationId: z.number().int().nullable(),
      investigation: z.object({ name: z.string() }).nullable(),
      actions: z.array(ZClusterAction),
    }),
  }),
  messages: defineContract({
    method: "GET",
    path: "/api/v1/clusters/{id}/messages",
    permission: "investigations:read",
    summary: "A cluster's messages",
    params: ZClusterIdParams,
    query: ZClusterMessagesQuery,
    response: ZPage(ZClusterMessage),
  }),
  assess: defineContract({
    method: "PUT",
    path: "/api/v1/clusters/{id}/assessment",
    permission: "clusters:assess",
    summary: "Assess a cluster",
    description:
      "An analyst's verdict on a whole email cluster (Phish, Malware, Spam or Clean); its senders, link hosts, files and body fingerprints become learnt knowledge, audited.",
    params: ZClusterIdParams,
    body: ZAssessClusterBody,
    response: z.object({
      id: z.number().int(),
      verdict: z.enum(enumValues(Verdict)),
      assessment: z.enum(CLUSTER_ASSESSMENTS),
      learned: z.array(z.string()),
    }),
  }),
};
