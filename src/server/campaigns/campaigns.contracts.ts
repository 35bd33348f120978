import { z } from "zod";
import { Verdict } from "@/generated/prisma/enums";
import { defineContract } from "@/server/http/contract";
import { enumValues } from "@/server/http/list-filters";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZCampaignListQuery } from "./campaigns.schemas";

const ZCampaign = z.object({
  id: z.number().int(),
  firstSeen: ZWireDate,
  lastSeen: ZWireDate,
  investigationId: z.number().int().nullable(),
  subject: z.string(),
  reports: z.number().int(),
  recipients: z.number().int(),
  senders: z.array(z.string()),
  senderCount: z.number().int(),
  linkHosts: z.array(z.string()),
  linkHostCount: z.number().int(),
  verdict: z.enum(enumValues(Verdict)),
  threatType: z.string(),
  assessedByName: z.string().nullable(),
});

export const CAMPAIGN_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/campaigns",
    permission: "submissions:read",
    summary: "List campaigns",
    description:
      "Threat Explorer › Campaigns: reports linked by a shared sender, Reply-To, link host, file or body, each with first and last seen, reports, recipients, senders, link hosts, verdict and investigation.",
    query: ZCampaignListQuery,
    response: ZPage(ZCampaign),
  }),
};
