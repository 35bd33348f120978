import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { judgeEmail, type TEmailVerdict } from "./judge-email";
import { loadTenantContexts, type TContextRequest } from "./load-tenant-contexts";

// The store's reads for one chunk run while the engine judges the chunk before it: the reads wait on PostgreSQL (another
// core), the engine works this one, so a batch costs about the larger of the two rather than their sum.
const CHUNK = 500;
// The engine yields to the event loop this often, so the next chunk's queries are sent and answered meanwhile.
const YIELD_EVERY = 25;

/** The engine over a batch of messages (ingestion, the journal): the store read set-based per chunk, then each judged in turn. */
export async function judgeEmails(requests: readonly TContextRequest[]): Promise<TEmailVerdict[]> {
  const chunks: TContextRequest[][] = [];
  for (let start = 0; start < requests.length; start += CHUNK) chunks.push(requests.slice(start, start + CHUNK));
  const verdicts: TEmailVerdict[] = [];
  const load = (chunk: TContextRequest[] | undefined) => {
    if (!chunk) return null;
    const loading = loadTenantContexts(chunk);
    // Marked handled now: a failure while the engine works is thrown at the await below, not as an unhandled rejection.
    loading.catch(() => undefined);
    return loading;
  };
  let next = load(chunks[0]);
  for (const [index, chunk] of chunks.entries()) {
    const contexts = await next!;
    next = load(chunks[index + 1]);
    for (const [position, request] of chunk.entries()) {
      if (position % YIELD_EVERY === YIELD_EVERY - 1) await nextTurn();
      verdicts.push(judgeEmail(request.email, contexts[position]));
    }
  }
  return verdicts;
}
