import { z } from "zod";
import { Severity } from "@/generated/prisma/enums";
import { defineContract } from "@/server/http/contract";
import { enumValues } from "@/server/http/list-filters";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZAlertPolicyIdParams, ZUpdateAlertPolicyBody } from "./alert-policies.schemas";

const ZAlertPolicy = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  severity: z.enum(enumValues(Severity)),
  isEnabled: z.boolean(),
  settings: z.unknown(),
  updatedAt: ZWireDate,
});

export const ALERT_POLICY_ROUTES = {
  // A handful of built-in policies: one page holds them all, in the list shape every other list answers.
  list: defineContract({
    method: "GET",
    path: "/api/v1/alert-policies",
    permission: "settings:read",
    summary: "List alert policies",
    response: ZPage(ZAlertPolicy),
  }),
  update: defineContract({
    method: "PATCH",
    path: "/api/v1/alert-policies/{id}",
    permission: "settings:write",
    summary: "Change an alert policy",
    description: "Switch it on or off, set its severity and settings.",
    params: ZAlertPolicyIdParams,
    body: ZUpdateAlertPolicyBody,
    response: ZAlertPolicy,
  }),
};
