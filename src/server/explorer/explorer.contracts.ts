import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZWireDate } from "@/server/http/wire";
import { ZEmailMessageParams, ZEmailSearchQuery, ZEmailVolumeQuery } from "./explorer.schemas";

const ZStrings = z.array(z.string());
const ZStringRecord = z.record(z.string(), z.union([z.string(), ZStrings]));
// Messages by verdict (VOLUME_THREATS) and in all.
const ZThreatCounts = {
  total: z.number().int(),
  Malware: z.number().int(),
  Phish: z.number().int(),
  Spam: z.number().int(),
  None: z.number().int(),
};

const ZEmailListItem = z.object({
  id: z.string(),
  timestamp: ZWireDate,
  networkMessageId: z.string(),
  internetMessageId: z.string(),
  senderFromAddress: z.string(),
  senderDisplayName: z.string(),
  senderIPv4: z.string().nullable(),
  recipientEmailAddress: z.string(),
  subject: z.string(),
  emailDirection: z.string(),
  deliveryAction: z.string(),
  deliveryLocation: z.string(),
  latestDeliveryLocation: z.string(),
  threatTypes: ZStrings,
  detectionMethods: z.string(),
  bulkComplaintLevel: z.number().int().nullable(),
  additionalActions: ZStrings,
});

const ZEmailMessage = z.object({
  networkMessageId: z.string(),
  internetMessageId: z.string(),
  timestamp: ZWireDate,
  subject: z.string(),
  senderFromAddress: z.string(),
  senderFromDomain: z.string(),
  senderMailFromAddress: z.string(),
  senderMailFromDomain: z.string(),
  senderDisplayName: z.string(),
  senderIPv4: z.string().nullable(),
  emailDirection: z.string(),
  emailSize: z.number().int(),
  threatTypes: ZStrings,
  detectionMethods: ZStringRecord,
  confidenceLevel: ZStringRecord,
  threatNames: ZStrings,
  bulkComplaintLevel: z.number().int().nullable(),
  emailClusterId: z.string().nullable(),
  orgLevelAction: z.string(),
  orgLevelPolicy: z.string(),
  userLevelAction: z.string(),
  userLevelPolicy: z.string(),
  authenticationDetails: z
    .object({ SPF: z.string(), DKIM: z.string(), DMARC: z.string(), CompAuth: z.string() })
    .partial(),
  recipientCount: z.number().int(),
  recipients: z.array(
    z.object({
      id: z.string(),
      recipientEmailAddress: z.string(),
      timestamp: ZWireDate,
      deliveryAction: z.string(),
      deliveryLocation: z.string(),
      latestDeliveryLocation: z.string(),
      latestDeliveryAction: z.string().nullable(),
      threatTypes: ZStrings,
      additionalActions: ZStrings,
    }),
  ),
  urls: z.array(z.object({ id: z.string(), url: z.string(), urlDomain: z.string(), urlLocation: z.string() })),
  attachments: z.array(
    z.object({
      fileName: z.string(),
      fileType: z.string(),
      sha256: z.string(),
      fileSize: z.number().int(),
      threatTypes: ZStrings,
      recipientCount: z.number().int(),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.string(),
      timestamp: ZWireDate,
      action: z.string(),
      actionType: z.string(),
      actionTrigger: z.string(),
      actionResult: z.string(),
      recipientEmailAddress: z.string(),
      deliveryLocation: z.string(),
      threatTypes: ZStrings,
      actionId: z.number().int().nullable(),
    }),
  ),
});

export const EXPLORER_ROUTES = {
  search: defineContract({
    method: "GET",
    path: "/api/v1/explorer/email",
    permission: "console:read",
    summary: "Search email",
    description:
      "Threat Explorer: EmailEvents by time range, sender, recipient, subject, IP, URL domain, file hash, verdict and delivery.",
    query: ZEmailSearchQuery,
    // `total` is exact up to a cap; `isTotalCapped` says there are more.
    response: z.object({
      items: z.array(ZEmailListItem),
      total: z.number().int(),
      isTotalCapped: z.boolean(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  }),
  message: defineContract({
    method: "GET",
    path: "/api/v1/explorer/email/{networkMessageId}",
    permission: "console:read",
    summary: "One message",
    description: "Headers, authentication, URLs, attachments and post-delivery events.",
    params: ZEmailMessageParams,
    response: ZEmailMessage,
  }),
  volume: defineContract({
    method: "GET",
    path: "/api/v1/explorer/volume",
    permission: "console:read",
    summary: "Email volume",
    description: "Messages over time by verdict, for the Threat Explorer chart, and which store counted them.",
    query: ZEmailVolumeQuery,
    response: z.object({
      interval: z.enum(["day", "hour"]),
      from: ZWireDate,
      to: ZWireDate,
      buckets: z.array(z.object({ start: ZWireDate, ...ZThreatCounts })),
      totals: z.object(ZThreatCounts),
      // As the hunting route says it: ClickHouse while its copy is caught up and holds what the filters read.
      store: z.enum(["postgres", "clickhouse"]),
    }),
  }),
};
