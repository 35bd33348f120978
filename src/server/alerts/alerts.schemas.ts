import { z } from "zod";
import { AlertStatus, Severity } from "@/generated/prisma/enums";
import { ZCsvEnum, ZCsvIdentifiers, ZTimeFilters, enumValues } from "@/server/http/list-filters";
import { ZListQuery } from "@/server/http/pagination";
import { ZFilterText } from "@/server/http/safe-text";

export const ALERT_SORT_FIELDS = ["createdAt", "severity", "status", "lastActivity"] as const;

export const ZAlertListQuery = ZListQuery(ALERT_SORT_FIELDS, "-createdAt").extend({
  policy: ZCsvIdentifiers().optional(),
  severity: ZCsvEnum(enumValues(Severity)).optional(),
  status: ZCsvEnum(enumValues(AlertStatus)).optional(),
  user: ZFilterText(320),
  ...ZTimeFilters,
});
export type TAlertListQuery = z.infer<typeof ZAlertListQuery>;

