import "server-only";
import type { z } from "zod";
import type { TContract, TContractKey } from "@/server/http/contract";
import { ZActivityFeedPage, ZActivityFeedQuery } from "@/server/activity/activity.schemas";
import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { CLUSTER_ROUTES } from "@/server/clusters/clusters.contracts";
import { EXPLORER_ROUTES } from "@/server/explorer/explorer.contracts";
import { HEALTH_ROUTES } from "@/server/health/health.contracts";
import { HUNTING_ROUTES } from "@/server/hunting/hunting.contracts";
import { ZDetectionRuleBody, ZRuleEnabledBody, ZRuleIdParams, ZRuleImportBody } from "@/server/detection-rules/detection-rules.schemas";
import { INGESTION_ROUTES } from "@/server/ingestion/ingestion.contracts";
import { PREFERENCE_ROUTES } from "@/server/preferences/preferences.contracts";
import { SUBMISSION_ROUTES } from "@/server/submissions/submissions.contracts";
import { USER_ROUTES } from "@/server/users/users.contracts";
import { TOKEN_ROUTES } from "@/server/tokens/tokens.contracts";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";
import { AUDIT_ROUTES } from "@/server/audit/audit.contracts";
import { INTEL_ROUTES } from "@/server/intel/intel.contracts";
import { INVESTIGATION_ROUTES } from "@/server/investigations/investigations.contracts";
import { ALERT_ROUTES } from "@/server/alerts/alerts.contracts";
import { ALERT_POLICY_ROUTES } from "@/server/alerts/alert-policies.contracts";
import { RESTRICTION_ROUTES } from "@/server/restrictions/restrictions.contracts";
import { DASHBOARD_ROUTES } from "@/server/dashboard/dashboard.contracts";
import { MAILBOX_ROUTES } from "@/server/mailboxes/mailboxes.contracts";
import { CAMPAIGN_ROUTES } from "@/server/campaigns/campaigns.contracts";
import { OPENAPI_ROUTES } from "./openapi.contracts";
import { WEBHOOK_ROUTES } from "@/server/webhooks/webhooks.contracts";

/**
 * Every contract module (src/server/<domain>/<domain>.contracts.ts). A route file passes its contract to withRoute;
 * GET /api/v1/openapi.json, Settings › API, the typed client and the route × role and fuzz tests read them from here,
 * and tests/integration/openapi.int.test.ts checks that every route file's contract is listed.
 */
const CONTRACT_MODULES = {
  alerts: ALERT_ROUTES,
  investigations: INVESTIGATION_ROUTES,
  clusters: CLUSTER_ROUTES,
  actions: ACTION_ROUTES,
  explorer: EXPLORER_ROUTES,
  ingestion: INGESTION_ROUTES,
  submissions: SUBMISSION_ROUTES,
  campaigns: CAMPAIGN_ROUTES,
  mailboxes: MAILBOX_ROUTES,
  dashboard: DASHBOARD_ROUTES,
  restrictions: RESTRICTION_ROUTES,
  alertPolicies: ALERT_POLICY_ROUTES,
  intel: INTEL_ROUTES,
  audit: AUDIT_ROUTES,
  settings: SETTINGS_ROUTES,
  tokens: TOKEN_ROUTES,
  users: USER_ROUTES,
  health: HEALTH_ROUTES,
  hunting: HUNTING_ROUTES,
  openapi: OPENAPI_ROUTES,
  preferences: PREFERENCE_ROUTES,
  webhooks: WEBHOOK_ROUTES,
};

type TModules = typeof CONTRACT_MODULES;
type TDeclared = { [M in keyof TModules]: TModules[M][keyof TModules[M]] }[keyof TModules];

/** Every declared contract by "METHOD /path": the console's typed client (src/lib/api-client.ts) looks them up here. */
export type TApiContracts = { [C in TDeclared as TContractKey<C>]: C };

export const API_CONTRACTS: TContract[] = Object.values(CONTRACT_MODULES).flatMap((module) => Object.values(module));

/** A route still written the old way: its config on withRoute, its documentation here. To be declared as a contract. */
export type TLegacyRoute = Omit<TContract, "response"> & { response?: z.ZodType };

export type TApiRoute = TContract | TLegacyRoute;

/** Routes not yet declared as contracts, held to their route files by tests/integration/openapi.int.test.ts. */
export const LEGACY_ROUTES: TLegacyRoute[] = [







  { method: "GET", path: "/api/v1/detection-rules", permission: "settings:read", summary: "List custom detection rules", description: "Each rule with its last run, the alerts it raised and whether it is on (or Auto-disabled, and why)." },
  { method: "POST", path: "/api/v1/detection-rules", permission: "detectionRules:manage", summary: "Create a custom detection rule", description: "A hunting query that runs every 5 minutes, hour or day; the query must return Timestamp and the entity columns (400 naming what is missing).", body: ZDetectionRuleBody, status: 201 },
  { method: "GET", path: "/api/v1/detection-rules/export", permission: "settings:read", summary: "Export detection rules as YAML", description: "One YAML file per rule, in the shape the import takes back." },
  { method: "POST", path: "/api/v1/detection-rules/import", permission: "detectionRules:manage", summary: "Import detection rules from YAML", description: "One rule per file; a rule whose name exists is updated. Malformed YAML is a 400 naming the file and line; nothing is saved unless every file is valid.", body: ZRuleImportBody },
  { method: "GET", path: "/api/v1/detection-rules/{id}", permission: "settings:read", summary: "A detection rule with its run history and alerts", params: ZRuleIdParams },
  { method: "PUT", path: "/api/v1/detection-rules/{id}", permission: "detectionRules:manage", summary: "Change a detection rule", description: "The query is validated again.", params: ZRuleIdParams, body: ZDetectionRuleBody },
  { method: "PATCH", path: "/api/v1/detection-rules/{id}", permission: "detectionRules:manage", summary: "Switch a detection rule on or off", description: "Switching on re-validates the query and clears an Auto-disabled reason.", params: ZRuleIdParams, body: ZRuleEnabledBody },
  { method: "DELETE", path: "/api/v1/detection-rules/{id}", permission: "detectionRules:manage", summary: "Delete a detection rule", description: "Its run history goes with it; its alerts stay.", params: ZRuleIdParams },


  { method: "GET", path: "/api/v1/activity/feed", permission: "activity:read", summary: "SIEM activity feed", query: ZActivityFeedQuery, response: ZActivityFeedPage },


];

/** Every route the app serves, as the OpenAPI document and the route tests walk them. */
export const API_ROUTES: TApiRoute[] = [...API_CONTRACTS, ...LEGACY_ROUTES];
