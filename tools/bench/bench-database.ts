import { randomUUID } from "node:crypto";
import { dropDatabase, ensureDatabase, withDatabaseName } from "@/server/db/databases";
import { applyMigrations } from "@/server/db/schema-engine";
import { disconnectPrisma } from "@/server/db";

/**
 * Runs `run` against a new, migrated database on the server of `serverUrl`, with the app's Prisma client
 * pointed at it, and drops the database afterwards whatever happens.
 */
export async function withThrowawayDatabase<T>(
  serverUrl: string,
  run: (databaseUrl: string) => Promise<T>,
): Promise<T> {
  const databaseUrl = withDatabaseName(serverUrl, `breakwater_bench_${randomUUID().replace(/-/g, "").slice(0, 16)}`);
  const previousUrl = process.env.DATABASE_URL;
  await ensureDatabase(databaseUrl);
  try {
    await applyMigrations(databaseUrl);
    // The client is made on first use from DATABASE_URL, so a fresh one will connect here.
    await disconnectPrisma();
    process.env.DATABASE_URL = databaseUrl;
    return await run(databaseUrl);
  } finally {
    await disconnectPrisma();
    process.env.DATABASE_URL = previousUrl;
    await dropDatabase(databaseUrl);
  }
}
