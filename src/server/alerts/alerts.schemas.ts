import { z } from "zod";
import { AlertClassification, AlertDetermination, AlertStatus, Severity } from "@/generated/prisma/enums";
import { CLASSIFICATION_LABELS, DETERMINATIONS_BY_CLASSIFICATION, isDeterminationOf } from "@/lib/alert-triage";
import {
  ZCsvEnum,
  ZCsvIdentifiers,
  ZIntId,
  ZPriorityAccountFilter,
  ZTimeFilters,
  enumValues,
} from "@/server/http/list-filters";
import { ZListQuery } from "@/server/http/pagination";
import { ZFilterText, ZText } from "@/server/http/safe-text";

export const ALERT_SORT_FIELDS = ["createdAt", "severity", "status", "lastActivity"] as const;

/** `me` (the caller), `unassigned`, or user ids, comma-separated. */
const ZAssigneeFilter = z
  .string()
  .max(2000)
  .transform((text, ctx) => {
    const parts = [
      ...new Set(
        text
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean),
      ),
    ];
    const bad = parts.find((part) => part !== "me" && part !== "unassigned" && !z.uuid().safeParse(part).success);
    if (bad !== undefined) {
      ctx.issues.push({ code: "custom", input: text, message: `"${bad}" is not me, unassigned or a user id` });
      return z.NEVER;
    }
    return parts;
  });

export const ZAlertListQuery = ZListQuery(ALERT_SORT_FIELDS, "-createdAt").extend({
  policy: ZCsvIdentifiers().optional(),
  severity: ZCsvEnum(enumValues(Severity)).optional(),
  status: ZCsvEnum(enumValues(AlertStatus)).optional(),
  assignee: ZAssigneeFilter.optional().describe("Comma-separated: me, unassigned, or user ids."),
  classification: ZCsvEnum([...enumValues(AlertClassification), "Unclassified"] as const).optional(),
  user: ZFilterText(320),
  priorityAccount: ZPriorityAccountFilter,
  ...ZTimeFilters,
});
export type TAlertListQuery = z.infer<typeof ZAlertListQuery>;

/**
 * What Manage alert changes; every field is optional and only the fields given change. A determination goes with
 * its classification in the same request (Defender picks them as one choice), and `classification: null` clears both.
 */
const triageFields = {
  status: z.enum(enumValues(AlertStatus)).optional(),
  assigneeId: z.uuid({ error: "must be a user id, or null for unassigned" }).nullable().optional(),
  classification: z.enum(enumValues(AlertClassification)).nullable().optional(),
  determination: z.enum(enumValues(AlertDetermination)).optional(),
  comment: ZText(2000, { min: 1 }).optional(),
};

type TTriageFields = { classification?: AlertClassification | null; determination?: AlertDetermination };

function checkDetermination(body: TTriageFields, ctx: z.RefinementCtx) {
  if (body.determination === undefined) return;
  if (!body.classification) {
    ctx.addIssue({ code: "custom", path: ["determination"], message: "give it with its classification" });
  } else if (!isDeterminationOf(body.classification, body.determination)) {
    const allowed = DETERMINATIONS_BY_CLASSIFICATION[body.classification].join(", ");
    ctx.addIssue({
      code: "custom",
      path: ["determination"],
      message: `is not a determination of ${CLASSIFICATION_LABELS[body.classification]}; expected one of ${allowed}`,
    });
  }
}

export const ZUpdateAlertBody = z
  .strictObject({
    ...triageFields,
    version: z
      .int()
      .min(0)
      .optional()
      .describe("The version the caller last read: a 409 when someone changed the alert since."),
  })
  .superRefine(checkDetermination)
  .refine((body) => Object.keys(body).some((key) => key !== "version"), {
    error: "give at least one of status, assigneeId, classification, comment",
  });
export type TUpdateAlertBody = z.infer<typeof ZUpdateAlertBody>;
export type TTriageChange = Omit<TUpdateAlertBody, "version">;

export const MAX_TRIAGE_IDS = 500;

export const ZTriageAlertsBody = z
  .strictObject({
    ids: z
      .array(ZIntId)
      .min(1, { error: "must name at least one alert" })
      .max(MAX_TRIAGE_IDS, { error: `must name at most ${MAX_TRIAGE_IDS} alerts` }),
    ...triageFields,
  })
  .superRefine(checkDetermination)
  .refine((body) => Object.keys(body).some((key) => key !== "ids"), {
    error: "give at least one of status, assigneeId, classification, comment",
  });
export type TTriageAlertsBody = z.infer<typeof ZTriageAlertsBody>;

export const ZAlertCommentBody = z.strictObject({ comment: ZText(2000, { min: 1 }) });

export const ZAlertHistoryQuery = ZListQuery(["at"], "-at").pick({ page: true, pageSize: true });
