import { z } from "zod";
import { Verdict } from "@/generated/prisma/enums";
import { ZCsvEnum, ZIntId, ZTimeFilters, enumValues } from "@/server/http/list-filters";
import { ZListQuery } from "@/server/http/pagination";
import { ZFilterText } from "@/server/http/safe-text";
import { ZGuid } from "@/server/ingestion/ingestion.schemas";

const ZReporter = z.email({ error: "must be an email address" }).max(320).toLowerCase();

/** `?reporter=` for a raw .eml; without it the caller's own address is the reporter. */
export const ZSubmitQuery = z.object({ reporter: ZReporter.optional() });

export const ZSubmitJsonBody = z.strictObject({ networkMessageId: ZGuid, reporter: ZReporter.optional() });

export const SUBMISSION_SORT_FIELDS = ["createdAt", "reporter", "sender", "subject"] as const;

export const ZSubmissionListQuery = ZListQuery(SUBMISSION_SORT_FIELDS, "-createdAt").extend({
  verdict: ZCsvEnum(enumValues(Verdict)).optional(),
  reporter: ZFilterText(320),
  q: ZFilterText(500),
  /** The reports of one campaign (Threat Explorer › Campaigns links here). */
  campaign: ZIntId.optional(),
  ...ZTimeFilters,
});
export type TSubmissionListQuery = z.infer<typeof ZSubmissionListQuery>;

export const ZSubmissionIdParams = z.object({ id: z.uuid({ error: "not a submission id" }) });

/**
 * Clean, Spam, Phish or Malware, as an analyst names what a report was (these teach the engine: learned-verdicts.ts);
 * the verdict words Malicious, Suspicious, Clean and Unknown are accepted too and teach nothing but Clean.
 */
export const ASSESSMENTS = ["Clean", "Spam", "Phish", "Malware", "Malicious", "Suspicious", "Unknown"] as const;
export const ZAssessSubmissionBody = z.strictObject({ assessment: z.enum(ASSESSMENTS) });
export type TAssessSubmission = z.infer<typeof ZAssessSubmissionBody>;
