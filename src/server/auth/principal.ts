import type { TRole } from "./permissions";

/** Whoever is acting: a signed-in person, an API token, or the system itself (automation, start-up). */
export type TPrincipal = {
  kind: "user" | "token" | "system";
  id: string | null;
  name: string;
  role: TRole;
  email?: string;
};

export const SYSTEM: TPrincipal = { kind: "system", id: null, name: "System", role: "admin" };
export const AUTOMATION: TPrincipal = { kind: "system", id: null, name: "Automation", role: "admin" };
