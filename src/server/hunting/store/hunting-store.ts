import "server-only";
import path from "node:path";
import { prisma } from "@/server/db";
import { createSleeper, outageLog, untilDatabaseTakes } from "@/server/db/wait-for-database";
import { readEnv } from "@/server/env";
import { openClickHouseServer, openEmbeddedClickHouse, type TClickHouse } from "./clickhouse-client";
import { readerPassword, readerUrl } from "./clickhouse-reader";
import { replicaStatus, startReplicator, type TReplicaStatus } from "./replicate-hunting-tables";

export type THuntingStore = "postgres" | "clickhouse";

// One connection per process (and on a server one for reading), on globalThis so that Next's dev reloads do not open
// chDB's folder twice.
const globalForStore = globalThis as unknown as {
  breakwaterClickHouse?: Promise<TClickHouse>;
  breakwaterClickHouseReader?: Promise<TClickHouse>;
};

export function isClickHouseConfigured(): boolean {
  return readEnv().BREAKWATER_CLICKHOUSE !== "off";
}

/** The ClickHouse the hunting store copies to, as its writer, opened on first use; null when none is configured. */
export function huntingClickHouse(): Promise<TClickHouse> | null {
  const env = readEnv();
  if (env.BREAKWATER_CLICKHOUSE === "off") return null;
  globalForStore.breakwaterClickHouse ??=
    env.BREAKWATER_CLICKHOUSE === "embedded"
      ? openEmbeddedClickHouse(env.BREAKWATER_CLICKHOUSE_PATH ?? path.join(env.BREAKWATER_DATA_DIR, "clickhouse"))
      : openClickHouseServer(env.BREAKWATER_CLICKHOUSE);
  return globalForStore.breakwaterClickHouse;
}

/**
 * The ClickHouse hunting reads go to: on a server, the same URL as the user that may only read the hunting tables
 * (clickhouse-reader.ts); embedded, the one session (chDB has no users). Null when none is configured.
 */
export function huntingClickHouseReader(): Promise<TClickHouse> | null {
  const env = readEnv();
  if (env.BREAKWATER_CLICKHOUSE === "off" || env.BREAKWATER_CLICKHOUSE === "embedded") return huntingClickHouse();
  globalForStore.breakwaterClickHouseReader ??= openClickHouseServer(
    readerUrl(env.BREAKWATER_CLICKHOUSE, readerPassword(env)),
  );
  return globalForStore.breakwaterClickHouseReader;
}

export async function closeHuntingClickHouse(): Promise<void> {
  const pending = [globalForStore.breakwaterClickHouse, globalForStore.breakwaterClickHouseReader];
  globalForStore.breakwaterClickHouse = undefined;
  globalForStore.breakwaterClickHouseReader = undefined;
  for (const clickhouse of pending) await (await clickhouse)?.close();
}

export type THuntingStoreStatus = TReplicaStatus & {
  store: "postgres" | "embedded" | "server";
  isCaughtUp: boolean;
  maxLagSeconds: number;
};

/** What Settings and /api/health show: where hunting runs, and how far the ClickHouse copy is behind. */
export async function huntingStoreStatus(): Promise<THuntingStoreStatus> {
  const env = readEnv();
  const status = await replicaStatus();
  const store =
    env.BREAKWATER_CLICKHOUSE === "off" ? "postgres" : env.BREAKWATER_CLICKHOUSE === "embedded" ? "embedded" : "server";
  const isCaughtUp =
    store !== "postgres" &&
    status.isEnabled &&
    status.copiedAt !== null &&
    status.lagSeconds <= env.BREAKWATER_CLICKHOUSE_MAX_LAG_SECONDS;
  return { ...status, store, isCaughtUp, maxLagSeconds: env.BREAKWATER_CLICKHOUSE_MAX_LAG_SECONDS };
}

/** The store a hunting query goes to now: ClickHouse when configured and caught up, else PostgreSQL. */
export async function currentHuntingStore(): Promise<THuntingStore> {
  if (!isClickHouseConfigured()) return "postgres";
  return (await huntingStoreStatus()).isCaughtUp ? "clickhouse" : "postgres";
}

/**
 * Starts copying the hunting tables to ClickHouse in this process, when it is the one that should: chDB's folder
 * opens in one process only, so an embedded ClickHouse is filled by the console's process that queries it; a server
 * is filled by the worker. With no ClickHouse configured, turns the triggers' change log off (and empties it).
 */
export async function startHuntingReplication(role: "console" | "worker", log: (message: string) => void) {
  const env = readEnv();
  if (env.BREAKWATER_CLICKHOUSE === "off") {
    // In the background, until the database answers: a worker that starts during an outage must not stop over it (a CI
    // run's database-outage test saw the worker die here).
    if (role === "worker") void turnReplicaOff(log);
    return null;
  }
  if ((env.BREAKWATER_CLICKHOUSE === "embedded") !== (role === "console")) return null;
  const clickhouse = await huntingClickHouse()!;
  log(`copying the hunting tables to ClickHouse (${clickhouse.kind})`);
  return startReplicator(clickhouse, { batchSize: env.BREAKWATER_CLICKHOUSE_BATCH_SIZE, log });
}

function turnReplicaOff(log: (message: string) => void) {
  return untilDatabaseTakes(
    () =>
      prisma.$transaction([
        prisma.huntingReplica.updateMany({ data: { isEnabled: false } }),
        prisma.huntingChange.deleteMany({}),
      ]),
    { isStopped: () => false, sleeper: createSleeper(), outage: outageLog(log) },
  );
}
