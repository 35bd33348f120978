import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { readEnv } from "@/server/env";

type TPoolName = "main" | "hunting";

// One client per pool and process, made on first use: `next build` imports server modules with no database around,
// and Next's dev server reloads modules, so the instances live on globalThis.
const globalForPrisma = globalThis as unknown as { breakwaterPrisma?: Partial<Record<TPoolName, PrismaClient>> };
const clients = (globalForPrisma.breakwaterPrisma ??= {});

function client(name: TPoolName): PrismaClient {
  const existing = clients[name];
  if (existing) return existing;
  const env = readEnv();
  const connectionString = env.DATABASE_URL;
  if (!connectionString)
    throw new Error("DATABASE_URL is not set: start Breakwater with `npm start`, which provides one");
  const pool = {
    connectionString,
    // Advanced hunting has a small pool of its own: heavy queries wait for each other, never for the console's pages.
    max: name === "main" ? env.DATABASE_POOL_SIZE : env.BREAKWATER_HUNTING_POOL_SIZE,
    // Sent at connect time, so they bound every statement and every lock wait on these connections: one stuck request
    // or one long-held row fails alone (a lock wait past its limit is a 409, see error-response.ts) instead of holding
    // a connection that everyone else queues for. 0 turns one off.
    statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
    lock_timeout: env.DATABASE_LOCK_TIMEOUT_MS,
  };
  return (clients[name] = new PrismaClient({ adapter: new PrismaPg(pool) }));
}

/**
 * Set while an interactive transaction's callback runs. Asking the pool for another connection there is how a request
 * that holds a row lock ends up waiting for a connection held by requests that wait for that lock: every query inside
 * `prisma.$transaction(async (tx) => …)` goes through `tx`.
 */
const openTransaction = new AsyncLocalStorage<{ isOpen: boolean }>();

function assertNoOpenTransaction(property: PropertyKey) {
  if (!openTransaction.getStore()?.isOpen) return;
  const error = new Error(
    `prisma.${String(property)} inside a transaction: use the transaction's client (tx), or read it before the transaction`,
  );
  // In tests and `npm run dev` it is a bug to fix now; anywhere else (`npm start`'s worker has no NODE_ENV), a log line
  // rather than a failed request or run.
  const { NODE_ENV } = readEnv();
  if (NODE_ENV === "test" || NODE_ENV === "development") throw error;
  console.error(error);
}

function guarded(name: TPoolName): PrismaClient {
  return new Proxy({} as PrismaClient, {
    get(_target, property) {
      assertNoOpenTransaction(property);
      const instance = client(name);
      if (property === "$transaction") return inTransaction(instance);
      const value = Reflect.get(instance, property);
      return typeof value === "function" ? value.bind(instance) : value;
    },
  });
}

/** `$transaction` whose interactive callback runs marked as inside a transaction (the array form holds no connection in JS). */
function inTransaction(instance: PrismaClient): PrismaClient["$transaction"] {
  return ((input: unknown, options?: unknown) => {
    if (typeof input !== "function") return instance.$transaction(input as never, options as never);
    return instance.$transaction(async (tx) => {
      const store = { isOpen: true };
      try {
        return await openTransaction.run(store, () => (input as (tx: unknown) => Promise<unknown>)(tx));
      } finally {
        // Work the callback started and left running (a fire-and-forget promise) may use the pool once it has ended.
        store.isOpen = false;
      }
    }, options as never);
  }) as PrismaClient["$transaction"];
}

export const prisma = guarded("main");

/** Advanced hunting's own bounded pool (BREAKWATER_HUNTING_POOL_SIZE connections). */
export const huntingPrisma = guarded("hunting");

export async function disconnectPrisma(): Promise<void> {
  for (const name of Object.keys(clients) as TPoolName[]) {
    await clients[name]?.$disconnect();
    delete clients[name];
  }
}
