import { z } from "zod";
import { Verdict } from "@/generated/prisma/enums";
import { defineContract } from "@/server/http/contract";
import { enumValues } from "@/server/http/list-filters";
import { ZPage, ZWireDate } from "@/server/http/wire";
import {
  ZAssessSubmissionBody,
  ZSubmissionIdParams,
  ZSubmissionListQuery,
  ZSubmitJsonBody,
  ZSubmitQuery,
} from "./submissions.schemas";

const ZVerdict = z.enum(enumValues(Verdict));
const ZShared = z.array(z.object({ kind: z.string(), value: z.string() }));

const SUBMISSION_FIELDS = {
  id: z.string(),
  createdAt: ZWireDate,
  reporter: z.string(),
  source: z.string(),
  sender: z.string(),
  replyTo: z.array(z.string()),
  findings: z.unknown(),
  wrapper: z.unknown(),
  subject: z.string(),
  verdict: ZVerdict,
  threatType: z.string(),
  detection: z.unknown(),
  assessment: ZVerdict.nullable(),
  assessedThreatType: z.string().nullable(),
  assessedByName: z.string().nullable(),
  assessedAt: ZWireDate.nullable(),
  networkMessageId: z.string().nullable(),
  alertId: z.number().int().nullable(),
  investigationId: z.number().int().nullable(),
  campaignId: z.number().int().nullable(),
};

const ZSubmissionDetails = z.object({
  ...SUBMISSION_FIELDS,
  internetMessageId: z.string().nullable(),
  senderDomain: z.string(),
  bodyFingerprint: z.string().nullable(),
  details: z.unknown(),
});

const ZCampaignOfReport = z.object({
  id: z.number().int(),
  firstSeen: ZWireDate,
  lastSeen: ZWireDate,
  investigationId: z.number().int().nullable(),
  reports: z.number().int(),
  others: z.array(
    z.object({
      id: z.string(),
      createdAt: ZWireDate,
      reporter: z.string(),
      sender: z.string(),
      subject: z.string(),
      verdict: ZVerdict,
      assessment: ZVerdict.nullable(),
      shared: ZShared,
    }),
  ),
  assessment: z
    .object({
      submissionId: z.string(),
      assessment: ZVerdict,
      threatType: z.string().nullable(),
      byName: z.string().nullable(),
      at: ZWireDate.nullable(),
      shared: ZShared,
    })
    .nullable(),
});

export const SUBMISSION_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/submissions",
    permission: "submissions:read",
    summary: "List submissions",
    query: ZSubmissionListQuery,
    response: ZPage(
      z.object({
        ...SUBMISSION_FIELDS,
        // Another report of its campaign was assessed and this one was not: that assessment applies here too.
        campaignAssessment: z
          .object({
            campaignId: z.number().int(),
            submissionId: z.string(),
            assessment: ZVerdict,
            assessedThreatType: z.string().nullable(),
            assessedByName: z.string().nullable(),
            assessedAt: ZWireDate.nullable(),
          })
          .nullable(),
      }),
    ),
  }),
  submit: defineContract({
    method: "POST",
    path: "/api/v1/submissions",
    permission: "submissions:create",
    summary: "Report a message",
    description:
      "The reported message itself (message/rfc822), or JSON naming a stored NetworkMessageId. Answers `{ submissionId, alertId, investigationId }`.",
    query: ZSubmitQuery,
    bodyMediaTypes: { "message/rfc822": null, "application/json": ZSubmitJsonBody },
    response: z.object({
      submissionId: z.string(),
      alertId: z.number().int().nullable(),
      investigationId: z.number().int(),
    }),
    status: 201,
  }),
  get: defineContract({
    method: "GET",
    path: "/api/v1/submissions/{id}",
    permission: "submissions:read",
    summary: "One submission",
    params: ZSubmissionIdParams,
    response: ZSubmissionDetails.extend({ campaign: ZCampaignOfReport.nullable() }),
  }),
  assess: defineContract({
    method: "PATCH",
    path: "/api/v1/submissions/{id}",
    permission: "submissions:assess",
    summary: "Assess a submission",
    description: "An analyst's verdict, which the playbook takes over the automatic one.",
    params: ZSubmissionIdParams,
    body: ZAssessSubmissionBody,
    response: ZSubmissionDetails,
  }),
};
