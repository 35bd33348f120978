import "server-only";
import type { TEmail } from "./email-input";
import { loadTenantContexts } from "./load-tenant-contexts";
import type { TTenantContext } from "./tenant-context";

/** Everything the checks weigh from the organisation's store for one message: a batch of one (load-tenant-contexts.ts). */
export async function loadTenantContext(
  email: TEmail,
  options: { receivedAt: Date; bodyFingerprint: string | null; submissionId?: string | null },
): Promise<TTenantContext> {
  const [context] = await loadTenantContexts([{ email, ...options }]);
  return context;
}
