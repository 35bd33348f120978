import { z } from "zod";
import { ZApprovalRule, ZApprovalRulesBody } from "@/server/approval-rules/approval-rules.schemas";
import { defineContract } from "@/server/http/contract";
import { ZIntIdParams } from "@/server/http/list-filters";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZMailSystemSettingsBody, ZMailSystemTestBody } from "@/server/mail-system/mail-system-settings.schemas";
import { FEEDBACK_OUTCOMES } from "@/server/user-reported/feedback-templates";
import { REPORT_TYPES } from "@/server/user-reported/report-type";
import { ZUserReportedSettingsBody } from "@/server/user-reported/user-reported-settings.schemas";
import { ZDetectionSettingsInput, ZLearnedListQuery } from "@/server/verdicts/detection-settings.schemas";
import { ZAutomationSettingsBody } from "./automation-settings.schemas";
import { AUTOMATABLE_ACTIONS } from "@/lib/actions/action-catalogue";

// Every settings answer says who saved it last and when (null: never saved, the defaults).
const ZStamp = { updatedAt: ZWireDate.nullable(), updatedBy: z.string().nullable() };

const ZAutomationSettings = z.object({
  similarFiles: z.boolean(),
  similarUrls: z.boolean(),
  action: z.enum(AUTOMATABLE_ACTIONS),
  retentionDays: z.number().int(),
  emailEventsRetentionDays: z.number().int(),
  pendingExpiryDays: z.number().int(),
  resolveAlertsOnRunEnd: z.boolean(),
  canaryAboveMessages: z.number().int().nullable(),
  canarySamplePercent: z.number(),
  canarySampleMinimum: z.number().int(),
  canaryMaxFailedPercent: z.number(),
  ...ZStamp,
});

const ZApprovalRuleSettings = z.object({ rules: z.array(ZApprovalRule), ...ZStamp });

const ZDetectionSettings = z.object({
  trustedAuthservIds: z.array(z.string()),
  customBrands: z.array(z.object({ name: z.string(), domains: z.array(z.string()) })),
  learningDays: z.number().int(),
  campaignWindowDays: z.number().int(),
  sharedHosts: z.array(z.string()),
  isSharedHostsEdited: z.boolean(),
  ...ZStamp,
});

const ZLearnedVerdict = z.object({
  id: z.number().int(),
  kind: z.string(),
  value: z.string(),
  assessment: z.string(),
  decidedByName: z.string(),
  decidedAt: ZWireDate,
  submissionId: z.string().nullable(),
  clusterId: z.number().int().nullable(),
  expiresAt: ZWireDate,
});

const MAIL_SYSTEM_FIELDS = [
  "connector",
  "policyHost",
  "policyPort",
  "policyFailOpen",
  "imapHost",
  "imapPort",
  "imapSecure",
  "masterUser",
  "masterPassword",
  "doveadmUrl",
  "doveadmApiKey",
  "journalMailbox",
  "maillogPath",
  "rspamdUrl",
  "rspamdControllerUrl",
  "rspamdControllerPassword",
  "allowedInternalHosts",
] as const;

/** Never the secrets, only whether each is stored. */
const ZMailSystemSettings = z.object({
  connector: z.enum(["builtin", "postfix-dovecot"]),
  policyHost: z.string(),
  policyPort: z.number().int(),
  policyFailOpen: z.boolean(),
  imapHost: z.string().nullable(),
  imapPort: z.number().int().nullable(),
  imapSecure: z.boolean(),
  masterUser: z.string().nullable(),
  doveadmUrl: z.string().nullable(),
  journalMailbox: z.string().nullable(),
  maillogPath: z.string().nullable(),
  rspamdUrl: z.string().nullable(),
  rspamdControllerUrl: z.string().nullable(),
  allowedInternalHosts: z.array(z.string()),
  hasMasterPassword: z.boolean(),
  hasDoveadmApiKey: z.boolean(),
  hasRspamdControllerPassword: z.boolean(),
  fromEnvironment: z
    .array(z.enum(MAIL_SYSTEM_FIELDS))
    .describe("Fields an environment variable sets: they win over what is saved here"),
  ...ZStamp,
});

const ZFeedbackTemplate = z.object({ subject: z.string(), body: z.string() });

/** Never the mailbox password, only whether one is stored. */
const ZUserReportedSettings = z.object({
  isEnabled: z.boolean(),
  mailbox: z.string().nullable(),
  hasPassword: z.boolean(),
  processedFolder: z.string(),
  unusableFolder: z.string(),
  reportTypeHeader: z.string(),
  subjectTags: z.record(z.enum(REPORT_TYPES), z.array(z.string())),
  defaultReportType: z.enum(REPORT_TYPES),
  isFeedbackEnabled: z.boolean(),
  smtpHost: z.string().nullable(),
  smtpPort: z.number().int().nullable(),
  smtpSecure: z.boolean(),
  feedbackFrom: z.string().nullable(),
  feedbackTemplates: z.record(z.enum(FEEDBACK_OUTCOMES), ZFeedbackTemplate),
  ...ZStamp,
});

export const SETTINGS_ROUTES = {
  automation: defineContract({
    method: "GET",
    path: "/api/v1/settings/automation",
    permission: "settings:read",
    summary: "Automation settings",
    response: ZAutomationSettings,
  }),
  updateAutomation: defineContract({
    method: "PUT",
    path: "/api/v1/settings/automation",
    permission: "settings:write",
    summary: "Change automation settings",
    description: "Which clusters are remediated without approval, and how; canary runs for large email actions.",
    body: ZAutomationSettingsBody,
    response: ZAutomationSettings,
  }),
  approvalRules: defineContract({
    method: "GET",
    path: "/api/v1/settings/approval-rules",
    permission: "settings:read",
    summary: "Approval rules",
    response: ZApprovalRuleSettings,
  }),
  updateApprovalRules: defineContract({
    method: "PUT",
    path: "/api/v1/settings/approval-rules",
    permission: "settings:write",
    summary: "Change approval rules",
    description: "Two-person rules: an action that matches one needs two approvals by different people before it runs.",
    body: ZApprovalRulesBody,
    response: ZApprovalRuleSettings,
  }),
  detection: defineContract({
    method: "GET",
    path: "/api/v1/settings/detection",
    permission: "settings:read",
    summary: "Detection settings",
    description: "Trusted authserv-ids, the admin's brands, how long learnt verdicts last.",
    response: ZDetectionSettings,
  }),
  updateDetection: defineContract({
    method: "PUT",
    path: "/api/v1/settings/detection",
    permission: "settings:write",
    summary: "Change detection settings",
    body: ZDetectionSettingsInput,
    response: ZDetectionSettings,
  }),
  learned: defineContract({
    method: "GET",
    path: "/api/v1/settings/detection/learned",
    permission: "settings:read",
    summary: "What analysts' assessments taught",
    description: "Unexpired learnt verdicts (sender, link host, file, body fingerprint), newest first.",
    query: ZLearnedListQuery,
    response: ZPage(ZLearnedVerdict),
  }),
  forgetLearned: defineContract({
    method: "DELETE",
    path: "/api/v1/settings/detection/learned/{id}",
    permission: "settings:write",
    summary: "Forget a learnt verdict",
    params: ZIntIdParams,
    response: z.object({ id: z.number().int() }),
  }),
  mailSystem: defineContract({
    method: "GET",
    path: "/api/v1/settings/mail-system",
    permission: "settings:read",
    summary: "Mail system settings",
    description: "Secrets are never sent back.",
    response: ZMailSystemSettings,
  }),
  updateMailSystem: defineContract({
    method: "PUT",
    path: "/api/v1/settings/mail-system",
    permission: "settings:write",
    summary: "Change mail system settings",
    body: ZMailSystemSettingsBody,
    response: ZMailSystemSettings,
  }),
  testMailSystem: defineContract({
    method: "POST",
    path: "/api/v1/settings/mail-system/test",
    // Admins only: it makes Breakwater connect to the hosts and ports given, with the stored secrets.
    permission: "settings:write",
    summary: "Test the mail system connection",
    description: "With the values given (unsaved), or the saved settings when the body is empty.",
    body: ZMailSystemTestBody,
    response: z.object({
      ok: z.boolean(),
      checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
    }),
  }),
  userReported: defineContract({
    method: "GET",
    path: "/api/v1/settings/user-reported",
    permission: "settings:read",
    summary: "User reported settings",
    description:
      "The reporting mailbox, how report types are read, and the feedback reporters get. The mailbox password is never sent back.",
    response: ZUserReportedSettings,
  }),
  updateUserReported: defineContract({
    method: "PUT",
    path: "/api/v1/settings/user-reported",
    permission: "settings:write",
    summary: "Change user reported settings",
    description: "An empty or missing password keeps the stored one; null logs in with the mail system's master user.",
    body: ZUserReportedSettingsBody,
    response: ZUserReportedSettings,
  }),
};
