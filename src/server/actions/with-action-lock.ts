import "server-only";
import AsyncLock from "async-lock";
import { readEnv } from "@/server/env";
import { conflict } from "@/server/http/app-error";

// Requests that decide, revert or retry one action queue here, in memory, instead of each holding a pooled connection
// while it waits for the action's row lock: 50 analysts approving one action at once would otherwise take every
// connection of the pool, and every other page would wait. The row lock stays: it is what makes two processes (the
// worker's automated remediation and the web tier) decide one action once.
// The wait is bounded like a lock wait in PostgreSQL (DATABASE_LOCK_TIMEOUT_MS), and ends in the same 409.
let locks: AsyncLock | undefined;

/** Runs `work` when no other decision, revert or retry of action `id` is running in this process. */
export async function withActionLock<T>(id: number, work: () => Promise<T>): Promise<T> {
  let hasStarted = false;
  try {
    return await (locks ??= new AsyncLock({
      timeout: readEnv().DATABASE_LOCK_TIMEOUT_MS,
      maxPending: Infinity,
    })).acquire(`action:${id}`, () => {
      hasStarted = true;
      return work();
    });
  } catch (error) {
    // Only the wait is ours to explain; what `work` threw goes on as it was.
    if (hasStarted) throw error;
    throw conflict(`Action ${id} is being decided or carried out by another request: reload to see its outcome`);
  }
}
