import { z } from "zod";
import { ActivityContentType } from "@/generated/prisma/enums";
import { MAX_PAGE_SIZE } from "@/server/http/pagination";
import { enumValues, ZCsvEnum } from "@/server/http/list-filters";

export const ACTIVITY_CONTENT_TYPES = enumValues(ActivityContentType);

/** The widest window one request may ask for, as in the Office 365 Management Activity API. */
export const MAX_FEED_WINDOW_MS = 24 * 3_600_000;
// Offset paging over one window: 10,000 pages of 100 are a million records, more than any day holds.
const MAX_FEED_PAGE = 10_000;

/** The feed's promise to a consumer, shown in the OpenAPI document, on the API page and in the README. */
export const FEED_CONTRACT = [
  "Alerts raised and triaged (AlertUpdated: status, AssignedTo, Classification, Determination, Comments), investigation",
  "status changes and action decisions, oldest first, as records shaped like the Office 365",
  "Management Activity API (Id, RecordType, CreationTime, Operation, ...; AirInvestigation records carry InvestigationId,",
  "InvestigationName, InvestigationType, StartTimeUtc, LastUpdateTimeUtc, Status, DeeplinkURL and Actions). Each record is",
  "written in the same transaction as the change it describes and never changes afterwards; its Id is stable",
  "(alert:12, alert:12:update:733, investigation:5:status:731, action:9:status:732).",
  "Windows are over CreationTime, [startTime, endTime), at most 24 hours; without both, the last 24 hours.",
  "The answer holds only settled records: those older than settledUntil, the moment before which every record that will",
  "ever exist is already committed (a transaction still writing records holds settledUntil back until it ends). A window",
  "that ends after settledUntil is answered up to settledUntil and isComplete is false.",
  "To receive every record exactly once, poll from where the previous answer stopped: read every page, then start the",
  "next window at nextStartTime. A window that ends at or before settledUntil is final: asking again returns the same",
  "records, and later pages never shift while a consumer reads them.",
].join(" ");

/**
 * An ISO 8601 time (zod checks the calendar; no offset means UTC) in the years 2000 to 9999: a feed has nothing
 * older, and PostgreSQL reads no year 0 nor a six-digit one. A bad time aborts, so the window checks only see dates.
 */
const ZFeedTime = z.iso.datetime({ offset: true, local: true, abort: true }).transform((text, ctx) => {
  const date = new Date(/(Z|[+-]\d{2}:\d{2})$/i.test(text) ? text : `${text}Z`);
  if (date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 9999) return date;
  ctx.issues.push({ code: "custom", input: text, message: "must be in the years 2000 to 9999", continue: false });
  return z.NEVER;
});

export const ZActivityFeedQuery = z
  .object({
    contentType: ZCsvEnum(ACTIVITY_CONTENT_TYPES)
      .optional()
      .describe(`Comma-separated: ${ACTIVITY_CONTENT_TYPES.join(", ")}. All of them when left out or empty.`),
    startTime: ZFeedTime.optional().describe(
      "Start of the window (inclusive), ISO 8601; UTC when it has no offset. Give it with endTime.",
    ),
    endTime: ZFeedTime.optional().describe(
      "End of the window (exclusive), at most 24 hours after startTime. Give it with startTime.",
    ),
    page: z.coerce.number().int().min(1).max(MAX_FEED_PAGE).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
  })
  .superRefine((query, ctx) => {
    if ((query.startTime === undefined) !== (query.endTime === undefined)) {
      const missing = query.startTime === undefined ? "startTime" : "endTime";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "give startTime and endTime together, or neither for the last 24 hours",
      });
    } else if (query.startTime && query.endTime) {
      if (query.endTime <= query.startTime)
        ctx.addIssue({ code: "custom", path: ["endTime"], message: "must be after startTime" });
      else if (query.endTime.getTime() - query.startTime.getTime() > MAX_FEED_WINDOW_MS) {
        ctx.addIssue({ code: "custom", path: ["endTime"], message: "must be at most 24 hours after startTime" });
      }
    }
  })
  .describe(FEED_CONTRACT);

export type TActivityFeedQuery = z.output<typeof ZActivityFeedQuery>;

/** A record as the feed and the webhooks send it: the stored payload, with its deep link made absolute. */
export const ZActivityRecord = z
  .object({
    Id: z
      .string()
      .describe("Stable id: alert:12, alert:12:update:733, investigation:5:status:731, action:9:status:732"),
    ContentType: z.enum(ACTIVITY_CONTENT_TYPES),
    RecordType: z
      .number()
      .int()
      .describe(
        "40 SecurityComplianceAlerts, 64 AirInvestigation, 86 AirManualInvestigation, 89 AirAdminActionInvestigation",
      ),
    CreationTime: z.iso.datetime(),
    Operation: z.string(),
    DeeplinkURL: z.url().optional(),
  })
  .catchall(z.unknown());

export type TActivityRecord = z.output<typeof ZActivityRecord>;

export const ZActivityFeedPage = z.object({
  items: z.array(ZActivityRecord),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  startTime: z.iso.datetime(),
  endTime: z.iso.datetime(),
  settledUntil: z.iso
    .datetime()
    .describe("Every record older than this is committed and in the feed; none older will ever appear"),
  isComplete: z.boolean().describe("The window ends at or before settledUntil: it will never change"),
  nextStartTime: z.iso.datetime().describe("Where the next window starts so that no record is missed or counted twice"),
});

export type TActivityFeedPage = z.output<typeof ZActivityFeedPage>;
