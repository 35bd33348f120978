import { z } from "zod";
import { AlertStatus, Severity } from "@/generated/prisma/enums";
import { defineContract } from "@/server/http/contract";
import { enumValues } from "@/server/http/list-filters";
import { ZDeleted, ZWireDate } from "@/server/http/wire";
import {
  ENTITY_COLUMNS,
  FREQUENCIES,
  RULE_ACTIONS,
  SEVERITIES,
  ZDetectionRuleBody,
  ZRuleEnabledBody,
  ZRuleExportQuery,
  ZRuleIdParams,
  ZRuleImportBody,
  type TFrequency,
} from "./detection-rules.schemas";

// A rule as the API and its YAML speak of it (the body's fields), with its state.
const ZRule = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  query: z.string(),
  severity: z.enum(SEVERITIES),
  category: z.string(),
  frequency: z.enum(Object.keys(FREQUENCIES) as [TFrequency, ...TFrequency[]]),
  lookBackMinutes: z.number().int(),
  entityColumns: z.array(z.enum(ENTITY_COLUMNS)),
  action: z.enum(RULE_ACTIONS),
  isEnabled: z.boolean(),
  isBuiltIn: z.boolean(),
  /** Why Breakwater switched it off (Auto-disabled); null when a person did, or it is on. */
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  watermark: ZWireDate.nullable(),
  lastRunAt: ZWireDate.nullable(),
  nextRunAt: ZWireDate,
  createdByName: z.string(),
  createdAt: ZWireDate,
  updatedAt: ZWireDate,
});

const ZRun = z.object({
  id: z.string(),
  ruleId: z.string(),
  startedAt: ZWireDate,
  windowFrom: ZWireDate,
  windowTo: ZWireDate,
  durationMs: z.number().int(),
  rowCount: z.number().int(),
  isTruncated: z.boolean(),
  alertCount: z.number().int(),
  error: z.string().nullable(),
});

const ZRuleFiles = z.object({ files: z.array(z.object({ name: z.string(), content: z.string() })) });

export const DETECTION_RULE_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/detection-rules",
    permission: "settings:read",
    summary: "List custom detection rules",
    description: "Each rule with its last run, the alerts it raised and whether it is on (or Auto-disabled, and why).",
    response: z.array(
      ZRule.extend({
        alertCount: z.number().int(),
        lastRun: ZRun.pick({ startedAt: true, rowCount: true, alertCount: true, error: true }).nullable(),
      }),
    ),
  }),
  create: defineContract({
    method: "POST",
    path: "/api/v1/detection-rules",
    permission: "detectionRules:manage",
    summary: "Create a custom detection rule",
    description:
      "A hunting query that runs every 5 minutes, hour or day; the query must return Timestamp and the entity columns (400 naming what is missing).",
    body: ZDetectionRuleBody,
    response: ZRule,
    status: 201,
  }),
  export: defineContract({
    method: "GET",
    path: "/api/v1/detection-rules/export",
    permission: "settings:read",
    summary: "Export detection rules as YAML",
    description: "One YAML file per rule (every rule, or the one `id` names), in the shape the import takes back.",
    query: ZRuleExportQuery,
    response: ZRuleFiles,
  }),
  import: defineContract({
    method: "POST",
    path: "/api/v1/detection-rules/import",
    permission: "detectionRules:manage",
    summary: "Import detection rules from YAML",
    description:
      "One rule per YAML document (a file may hold several, separated by ---); a rule whose name exists is updated. Malformed YAML is a 400 naming the file and line; nothing is saved unless every file is valid.",
    body: ZRuleImportBody,
    response: z.object({ created: z.array(ZRule), updated: z.array(ZRule) }),
  }),
  get: defineContract({
    method: "GET",
    path: "/api/v1/detection-rules/{id}",
    permission: "settings:read",
    summary: "A detection rule with its run history and alerts",
    params: ZRuleIdParams,
    response: z.object({
      rule: ZRule,
      runs: z.array(ZRun),
      alerts: z.array(
        z.object({
          id: z.number().int(),
          title: z.string(),
          severity: z.enum(enumValues(Severity)),
          status: z.enum(enumValues(AlertStatus)),
          eventCount: z.number().int(),
          createdAt: ZWireDate,
          investigationId: z.number().int().nullable(),
        }),
      ),
    }),
  }),
  update: defineContract({
    method: "PUT",
    path: "/api/v1/detection-rules/{id}",
    permission: "detectionRules:manage",
    summary: "Change a detection rule",
    description: "The query is validated again.",
    params: ZRuleIdParams,
    body: ZDetectionRuleBody,
    response: ZRule,
  }),
  setEnabled: defineContract({
    method: "PATCH",
    path: "/api/v1/detection-rules/{id}",
    permission: "detectionRules:manage",
    summary: "Switch a detection rule on or off",
    description: "Switching on re-validates the query and clears an Auto-disabled reason.",
    params: ZRuleIdParams,
    body: ZRuleEnabledBody,
    response: ZRule,
  }),
  remove: defineContract({
    method: "DELETE",
    path: "/api/v1/detection-rules/{id}",
    permission: "detectionRules:manage",
    summary: "Delete a detection rule",
    description: "Its run history goes with it; its alerts stay.",
    params: ZRuleIdParams,
    response: ZDeleted(z.string()),
  }),
};
