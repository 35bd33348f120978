import type { z } from "zod";
import { InvestigationStatus, Playbook } from "@/generated/prisma/enums";
import { ZCsvEnum, ZPriorityAccountFilter, ZTimeFilters, enumValues } from "@/server/http/list-filters";
import { ZListQuery } from "@/server/http/pagination";
import { ZFilterText } from "@/server/http/safe-text";

export const INVESTIGATION_SORT_FIELDS = ["createdAt", "updatedAt", "status", "threatCount", "actionCount"] as const;

export const ZInvestigationListQuery = ZListQuery(INVESTIGATION_SORT_FIELDS, "-createdAt").extend({
  status: ZCsvEnum(enumValues(InvestigationStatus)).optional(),
  playbook: ZCsvEnum(enumValues(Playbook)).optional(),
  user: ZFilterText(320),
  priorityAccount: ZPriorityAccountFilter,
  ...ZTimeFilters,
});
export type TInvestigationListQuery = z.infer<typeof ZInvestigationListQuery>;
