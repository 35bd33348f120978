// The console roles, shared by the server's permission table and the pages that show them.
export const ROLES = ["reader", "operator", "admin"] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  reader: "Security Reader",
  operator: "Security Operator",
  admin: "Security Administrator",
};
