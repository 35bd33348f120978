import { z } from "zod";
import {
  AlertClassification,
  AlertDetermination,
  AlertStatus,
  InvestigationStatus,
  Severity,
} from "@/generated/prisma/enums";
import { defineContract } from "@/server/http/contract";
import { enumValues, ZIntIdParams } from "@/server/http/list-filters";
import { ZPage, ZWireDate } from "@/server/http/wire";
import {
  ZAlertCommentBody,
  ZAlertHistoryQuery,
  ZAlertListQuery,
  ZTriageAlertsBody,
  ZUpdateAlertBody,
} from "./alerts.schemas";

const ZAssignee = z.object({ id: z.string(), name: z.string(), email: z.string() });

const ALERT_FIELDS = {
  id: z.number().int(),
  title: z.string(),
  severity: z.enum(enumValues(Severity)),
  status: z.enum(enumValues(AlertStatus)),
  category: z.string(),
  policyId: z.string(),
  policyName: z.string(),
  userAddress: z.string().nullable(),
  detectionSource: z.string(),
  eventCount: z.number().int(),
  firstActivity: ZWireDate,
  lastActivity: ZWireDate,
  createdAt: ZWireDate,
  investigationId: z.number().int().nullable(),
  assignee: ZAssignee.nullable(),
  classification: z.enum(enumValues(AlertClassification)).nullable(),
  determination: z.enum(enumValues(AlertDetermination)).nullable(),
};

const ZAlertDetails = z.object({
  ...ALERT_FIELDS,
  details: z.unknown(),
  resolvedAt: ZWireDate.nullable(),
  version: z.number().int(),
  updatedAt: ZWireDate,
  investigation: z
    .object({ id: z.number().int(), name: z.string(), status: z.enum(enumValues(InvestigationStatus)) })
    .nullable(),
  restrictedUserId: z.number().int().nullable(),
  restrictedUser: z.object({ id: z.number().int(), address: z.string(), releasedAt: ZWireDate.nullable() }).nullable(),
  detectionRule: z.object({ id: z.string(), name: z.string(), query: z.string() }).nullable(),
});

const ZFieldChange = z.object({ from: z.string().nullable(), to: z.string().nullable() });

const ZHistoryEntry = z.object({
  id: z.string(),
  at: ZWireDate,
  actorType: z.string(),
  actorName: z.string(),
  changes: z.partialRecord(z.enum(["status", "assignedTo", "classification", "determination"]), ZFieldChange),
  comment: z.string().nullable(),
});

export const ALERT_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/alerts",
    permission: "alerts:read",
    summary: "List alerts",
    query: ZAlertListQuery,
    response: ZPage(z.object({ ...ALERT_FIELDS, isPriorityAccount: z.boolean() })),
  }),
  get: defineContract({
    method: "GET",
    path: "/api/v1/alerts/{id}",
    permission: "alerts:read",
    summary: "One alert",
    description: "With its investigation and restricted-user link.",
    params: ZIntIdParams,
    response: ZAlertDetails,
  }),
  update: defineContract({
    method: "PATCH",
    path: "/api/v1/alerts/{id}",
    permission: "alerts:update",
    summary: "Manage an alert",
    description:
      "Status, assignee, classification with its determination, and an optional comment; only the fields given change. With `version`, a 409 when someone changed the alert since. Audited, and a record in the activity feed.",
    params: ZIntIdParams,
    body: ZUpdateAlertBody,
    response: ZAlertDetails,
  }),
  history: defineContract({
    method: "GET",
    path: "/api/v1/alerts/{id}/history",
    permission: "alerts:read",
    summary: "An alert's comments and history",
    description: "Newest first: who changed what, and comments.",
    params: ZIntIdParams,
    query: ZAlertHistoryQuery,
    response: ZPage(ZHistoryEntry),
  }),
  comment: defineContract({
    method: "POST",
    path: "/api/v1/alerts/{id}/comments",
    permission: "alerts:update",
    summary: "Comment on an alert",
    params: ZIntIdParams,
    body: ZAlertCommentBody,
    response: z.object({ alertId: z.number().int(), comment: z.string() }),
    status: 201,
  }),
  triage: defineContract({
    method: "POST",
    path: "/api/v1/alerts/triage",
    permission: "alerts:update",
    summary: "Triage many alerts",
    description:
      "The same status, assignee, classification or comment on up to 500 alerts; answers each alert's outcome (updated, unchanged, notFound).",
    body: ZTriageAlertsBody,
    response: z.object({
      updated: z.number().int(),
      results: z.array(z.object({ id: z.number().int(), outcome: z.enum(["updated", "unchanged", "notFound"]) })),
    }),
  }),
  assignees: defineContract({
    method: "GET",
    path: "/api/v1/alerts/assignees",
    permission: "alerts:read",
    summary: "Who alerts can be assigned to",
    description: "Users who can sign in: id, name, email.",
    response: z.object({ items: z.array(ZAssignee) }),
  }),
};
