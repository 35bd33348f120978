import type { TEmail } from "./email-input";
import type { TSignal } from "./signal";
import type { TTenantContext } from "./tenant-context";

/** One named check: pure, never throws on any message (the engine's fuzz test holds every check to that). */
export type TCheck = { name: string; run: (email: TEmail, context: TTenantContext) => TSignal[] };
