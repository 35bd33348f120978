import type { TRole } from "@/lib/roles";

export { ROLE_LABELS } from "@/lib/roles";

export type ConsoleRole = TRole;

export type ConsoleUser = { name: string; email: string; role: ConsoleRole };
