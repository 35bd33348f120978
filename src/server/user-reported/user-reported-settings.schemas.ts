import { z } from "zod";
import { safe, ZText } from "@/server/http/safe-text";
import { FEEDBACK_OUTCOMES } from "./feedback-templates";
import { REPORT_TYPES } from "./report-type";

const ZAddress = safe(
  z.email({ error: "must be an email address" }).max(320, { error: "must be at most 320 characters" }),
).transform((address) => address.toLowerCase());
const ZFolder = ZText(200, { min: 1 })
  .regex(/^[^\u0000-\u001f\u007f*%]+$/, { error: "must be a folder name (no control characters, * or %)" })
  .refine((name) => name.toUpperCase() !== "INBOX", { error: "must not be INBOX, where new items arrive" });
const ZHost = ZText(253, { min: 1 }).regex(/^[A-Za-z0-9.:[\]-]+$/, { error: "must be a host name or an IP address" });
const ZPort = z
  .int({ error: "must be a whole number" })
  .min(1, { error: "must be between 1 and 65535" })
  .max(65535, { error: "must be between 1 and 65535" });
const ZTags = z
  .array(ZText(50, { min: 1 }), { error: "must be a list of subject tags" })
  .max(20, { error: "must have at most 20 tags" });
const ZTemplate = z.strictObject({ subject: ZText(500, { min: 1 }), body: ZText(10_000, { min: 1 }) });

/**
 * The whole Settings › User reported settings form (PUT replaces it). The mailbox password may be left out or empty
 * to keep the stored one, or null to log in with the mail system's master user instead.
 */
export const ZUserReportedSettingsBody = z.strictObject({
  isEnabled: z.boolean(),
  mailbox: ZAddress.nullable(),
  password: z.union([z.literal(""), ZText(500, { min: 1 }), z.null()]).optional(),
  processedFolder: ZFolder,
  unusableFolder: ZFolder,
  reportTypeHeader: ZText(100, { min: 1 }).regex(/^[!-9;-~]+$/, {
    error: "must be a header field name (printable characters, no colon or space)",
  }),
  subjectTags: z.strictObject({ phish: ZTags, junk: ZTags, notJunk: ZTags }),
  defaultReportType: z.enum(REPORT_TYPES, { error: 'must be "phish", "junk" or "notJunk"' }),
  isFeedbackEnabled: z.boolean(),
  smtpHost: ZHost.nullable(),
  smtpPort: ZPort.nullable(),
  smtpSecure: z.boolean(),
  feedbackFrom: ZAddress.nullable(),
  feedbackTemplates: z.strictObject(
    Object.fromEntries(FEEDBACK_OUTCOMES.map((outcome) => [outcome, ZTemplate])) as Record<
      (typeof FEEDBACK_OUTCOMES)[number],
      typeof ZTemplate
    >,
  ),
});
export type TUserReportedSettingsInput = z.infer<typeof ZUserReportedSettingsBody>;
