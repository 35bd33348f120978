export type ConsoleRole = "reader" | "operator" | "admin";

export type ConsoleUser = { name: string; email: string; role: ConsoleRole };

export const ROLE_LABELS: Record<ConsoleRole, string> = {
  reader: "Security Reader",
  operator: "Security Operator",
  admin: "Security Administrator",
};
