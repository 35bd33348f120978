import "server-only";
import PgBoss from "pg-boss";
import { outageLog } from "@/server/db/wait-for-database";
import { readEnv } from "@/server/env";

export const INVESTIGATION_QUEUE = "investigation-run";
/** Custom detection rules: pg-boss's schedule puts one job here every 5 minutes (the shortest rule frequency). */
export const DETECTION_QUEUE = "detection-rules";
export const DETECTION_CRON = "*/5 * * * *";

/** A run that has not finished this long after a worker took it is handed to another worker (its worker died). */
const runTimeoutSeconds = () => readEnv().BREAKWATER_RUN_TIMEOUT_SECONDS;
export const RUN_RETRY_LIMIT = 3;

const globalForQueue = globalThis as unknown as { breakwaterQueue?: Promise<PgBoss> };

/** The job queue lives in PostgreSQL (schema `pgboss`), so more workers on more machines scale it out. */
export function getQueue(): Promise<PgBoss> {
  // A start that failed (the database was away) is forgotten, so that the next call tries again instead of failing
  // for the life of the process.
  globalForQueue.breakwaterQueue ??= startQueue().catch((error: unknown) => {
    globalForQueue.breakwaterQueue = undefined;
    throw error;
  });
  return globalForQueue.breakwaterQueue;
}

async function startQueue(): Promise<PgBoss> {
  const { DATABASE_URL: connectionString, BREAKWATER_QUEUE_MAINTENANCE_SECONDS } = readEnv();
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    max: 4,
    application_name: "breakwater-queue",
    // How often a run whose worker died is noticed (after BREAKWATER_RUN_TIMEOUT_SECONDS) and handed on.
    maintenanceIntervalSeconds: BREAKWATER_QUEUE_MAINTENANCE_SECONDS,
  });
  // pg-boss reports its maintenance and polling failures here (an unheard 'error' event would end the process);
  // during an outage they repeat every few seconds, so each kind is said once until the database answers again.
  const outage = outageLog((message) => console.error(`[queue] ${message}`));
  boss.on("error", (error) => outage.failed(error));
  boss.on("maintenance", () => outage.recovered());
  try {
    await boss.start();
    await boss.createQueue(INVESTIGATION_QUEUE, {
      name: INVESTIGATION_QUEUE,
      retryLimit: RUN_RETRY_LIMIT,
      retryDelay: 1,
      expireInSeconds: runTimeoutSeconds(),
    });
    // A tick no worker took in time is not worth catching up on: the next one runs whatever is due, from its watermark.
    await boss.createQueue(DETECTION_QUEUE, {
      name: DETECTION_QUEUE,
      policy: "singleton",
      retryLimit: 0,
      expireInSeconds: 15 * 60,
    });
    await boss.schedule(DETECTION_QUEUE, DETECTION_CRON, {}, { tz: "UTC" });
    return boss;
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    throw error;
  }
}

export type TRunJob = { investigationId: number };

/** A caller's open transaction (Prisma's), through which pg-boss writes its jobs. */
export type TQueueTransaction = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

/**
 * Queues runs through the caller's transaction: the jobs commit with the runs they start, so a worker never takes a
 * job whose run is not there yet, and a rolled-back start leaves no job behind.
 */
export async function enqueueRuns(investigationIds: number[], tx: TQueueTransaction): Promise<void> {
  if (!investigationIds.length) return;
  const boss = await getQueue();
  const db = {
    executeSql: async (text: string, values: unknown[]) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((value) => value ?? null)),
    }),
  };
  await boss.insert(
    investigationIds.map((investigationId) => ({
      name: INVESTIGATION_QUEUE,
      data: { investigationId },
      retryLimit: RUN_RETRY_LIMIT,
      retryDelay: 1,
      expireInSeconds: runTimeoutSeconds(),
    })),
    { db },
  );
}

export async function stopQueue(): Promise<void> {
  const boss = globalForQueue.breakwaterQueue;
  globalForQueue.breakwaterQueue = undefined;
  if (boss) await (await boss).stop({ graceful: true, wait: true });
}
