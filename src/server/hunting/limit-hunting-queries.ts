import "server-only";
import type { TPrincipal } from "@/server/auth/principal";
import { readEnv } from "@/server/env";
import { AppError } from "@/server/http/app-error";

/** What a refused query is told to wait: about one heavy query's run. */
export const HUNTING_RETRY_AFTER_SECONDS = 5;

// Queries running now, per user or token, in this process. The hunting pool (db.ts) keeps hunting off the console's
// connections; this keeps one reader's burst from taking the whole hunting pool from the others.
const running = new Map<string, number>();

const keyOf = (principal: TPrincipal) => `${principal.kind}:${principal.id ?? principal.name}`;

/** Runs `work` as one of `principal`'s hunting queries, or answers 429 with Retry-After when they already run their share. */
export async function withHuntingSlot<T>(principal: TPrincipal, work: () => Promise<T>): Promise<T> {
  const key = keyOf(principal);
  const limit = readEnv().BREAKWATER_HUNTING_QUERIES_PER_USER;
  const count = running.get(key) ?? 0;
  if (count >= limit) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `You already have ${limit} hunting ${limit === 1 ? "query" : "queries"} running: wait for ${limit === 1 ? "it" : "them"} to finish`,
      undefined,
      HUNTING_RETRY_AFTER_SECONDS,
    );
  }
  running.set(key, count + 1);
  try {
    return await work();
  } finally {
    const left = (running.get(key) ?? 1) - 1;
    if (left > 0) running.set(key, left);
    else running.delete(key);
  }
}

/** When every connection of the hunting pool stays busy with other users' queries past the wait. */
export const huntingBusy = () =>
  new AppError(
    "TOO_MANY_REQUESTS",
    "Advanced hunting is busy with other queries: try again in a few seconds",
    undefined,
    HUNTING_RETRY_AFTER_SECONDS,
  );
