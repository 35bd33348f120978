import "server-only";
import { judgeEmail, type TEmailVerdict } from "./judge-email";
import { loadTenantContexts, type TContextRequest } from "./load-tenant-contexts";

/** The engine over a batch of messages (ingestion, the journal): the store read once for all, then each judged in turn. */
export async function judgeEmails(requests: readonly TContextRequest[]): Promise<TEmailVerdict[]> {
  const contexts = await loadTenantContexts(requests);
  return requests.map((request, index) => judgeEmail(request.email, contexts[index]));
}
