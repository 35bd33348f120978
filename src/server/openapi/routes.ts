import "server-only";
import type { TContract, TContractKey } from "@/server/http/contract";
import { ACTIVITY_ROUTES } from "@/server/activity/activity.contracts";
import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { CLUSTER_ROUTES } from "@/server/clusters/clusters.contracts";
import { EXPLORER_ROUTES } from "@/server/explorer/explorer.contracts";
import { HEALTH_ROUTES } from "@/server/health/health.contracts";
import { HUNTING_ROUTES } from "@/server/hunting/hunting.contracts";
import { DETECTION_RULE_ROUTES } from "@/server/detection-rules/detection-rules.contracts";
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
  detectionRules: DETECTION_RULE_ROUTES,
  activity: ACTIVITY_ROUTES,
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
