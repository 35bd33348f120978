import "server-only";
import { errorText } from "@/lib/error-text";
import { prisma } from "@/server/db";
import { isDatabaseUnavailable } from "./database-unavailable";

// What the long-running loops (playbook worker, webhook dispatcher) do while PostgreSQL is away: wait with a growing
// delay, say so once per outage rather than once per attempt, and go on where they were when it is back.

const BASE_MS = 500;
const MAX_MS = 5_000;

/** The wait before retry number `attempt` (0, 1, 2, …): 0.5 s doubling up to 5 s, so a restart is noticed quickly. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_MS, BASE_MS * 2 ** attempt);
}

export type TOutageLog = { failed(error: unknown): void; recovered(): void };

/** Logs the first failure of an outage (and any new kind of failure), and its end; not every retry in between. */
export function outageLog(log: (message: string) => void): TOutageLog {
  let last: string | null = null;
  return {
    failed(error) {
      // Prisma's messages start with where the call was made; the last line is what happened.
      const message =
        errorText(error)
          .split("\n")
          .filter((line) => line.trim())
          .pop() ?? "";
      if (message !== last)
        log(isDatabaseUnavailable(error) ? `database unavailable, retrying with backoff: ${message}` : message);
      last = message;
    },
    recovered() {
      if (last !== null) log("database reachable again, resuming");
      last = null;
    },
  };
}

export type TSleeper = { sleep(ms: number): Promise<void>; wake(): void };

/** Sleeps that stop() can cut short (every one in progress). */
export function createSleeper(): TSleeper {
  const waiting = new Set<() => void>();
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        waiting.add(done);
      }),
    wake: () => waiting.forEach((done) => done()),
  };
}

export type TRetryOptions = { isStopped: () => boolean; sleeper: TSleeper; outage: TOutageLog };

/**
 * Runs `operation` until the database takes it, backing off between attempts and saying once that the database is
 * away and once that it is back; gives up when `isStopped()` turns true.
 */
export async function untilDatabaseTakes(
  operation: () => Promise<unknown>,
  { isStopped, sleeper, outage }: TRetryOptions,
): Promise<void> {
  for (let attempt = 0; !isStopped(); attempt++) {
    try {
      await operation();
      outage.recovered();
      return;
    } catch (error) {
      outage.failed(error);
      await sleeper.sleep(backoffMs(attempt));
    }
  }
}

/** Resolves once a query succeeds again, or when `isStopped()` turns true. */
export function waitForDatabase(options: TRetryOptions): Promise<void> {
  return untilDatabaseTakes(() => prisma.$queryRaw`select 1`, options);
}
