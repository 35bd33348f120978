// The one table of who may do what. Pages and routes ask `can(role, permission)`; nothing else compares roles.
import type { TRole } from "@/lib/roles";

export { ROLE_LABELS, ROLES, type TRole } from "@/lib/roles";

const RANK: Record<TRole, number> = { reader: 0, operator: 1, admin: 2 };

// Each permission names the least role that holds it; every higher role holds it too.
const PERMISSIONS = {
  "console:read": "reader",
  "alerts:read": "reader",
  "investigations:read": "reader",
  "actions:read": "reader",
  "restrictedUsers:read": "reader",
  "audit:read": "reader",
  "settings:read": "reader",
  "submissions:read": "reader",
  // The SIEM feed holds nothing a reader cannot already see in the console.
  "activity:read": "reader",
  // Reporting a message is what every mail user does: a Report button's token needs no more than the least role.
  "submissions:create": "reader",
  "alerts:update": "operator",
  "actions:decide": "operator",
  "restrictedUsers:release": "operator",
  "investigations:trigger": "operator",
  "investigations:stop": "operator",
  "ingest:write": "operator",
  "submissions:assess": "operator",
  "clusters:assess": "operator",
  // Defender lets security operators manage custom detection rules: they turn a hunt into a standing detection.
  "detectionRules:manage": "operator",
  "settings:write": "admin",
  "users:manage": "admin",
  "tokens:manage": "admin",
  // A webhook sends the feed to any URL with a secret of its own: as sensitive as an API token.
  "webhooks:manage": "admin",
} as const satisfies Record<string, TRole>;

export type TPermission = keyof typeof PERMISSIONS;

export function can(role: TRole, permission: TPermission): boolean {
  return RANK[role] >= RANK[PERMISSIONS[permission]];
}

export function leastRoleFor(permission: TPermission): TRole {
  return PERMISSIONS[permission];
}
