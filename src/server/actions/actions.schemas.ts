import { z } from "zod";
import { ActionSource, ActionStatus } from "@/generated/prisma/enums";
import {
  ZCsvEnum,
  ZCsvIdentifiers,
  ZIntId,
  ZPriorityAccountFilter,
  ZTimeFilters,
  enumValues,
} from "@/server/http/list-filters";
import { ZListQuery } from "@/server/http/pagination";

// expiresAt: "expires soonest" on Pending. Every pending action expires the same number of days after it was made,
// so it is the creation order (and reads the (status, createdAt) index).
export const ACTION_SORT_FIELDS = ["createdAt", "decidedAt", "type", "status", "expiresAt"] as const;

export const ACTION_VIEWS = ["pending", "history"] as const;
export type TActionView = (typeof ACTION_VIEWS)[number];

export const ZActionListQuery = ZListQuery(ACTION_SORT_FIELDS, "-createdAt").extend({
  // Action center's tabs: Pending is what waits for a decision, History everything decided or expired.
  view: z.enum(ACTION_VIEWS).default("pending"),
  decidedBy: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["automation", "user"]))
    .optional(),
  source: ZCsvEnum(enumValues(ActionSource)).optional(),
  type: ZCsvIdentifiers().optional(),
  status: ZCsvEnum(enumValues(ActionStatus)).optional(),
  investigation: ZIntId.optional(),
  priorityAccount: ZPriorityAccountFilter,
  ...ZTimeFilters,
});
export type TActionListQuery = z.infer<typeof ZActionListQuery>;
