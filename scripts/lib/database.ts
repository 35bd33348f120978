// For one-shot scripts: run against DATABASE_URL, or start the embedded server (the same one `npm start` uses).
import { ensureDatabase } from "../../src/server/db/databases";
import { startEmbeddedPostgres } from "../../src/server/db/embedded-postgres";

export const EMBEDDED_DATA_DIR = process.env.BREAKWATER_DATA_DIR ?? ".data";
export const EMBEDDED_DATABASE = "breakwater";

export async function withDatabase<T>(run: (databaseUrl: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return run(process.env.DATABASE_URL);
  const server = await startEmbeddedPostgres({ dataDir: `${EMBEDDED_DATA_DIR}/pg` });
  try {
    const databaseUrl = server.urlFor(EMBEDDED_DATABASE);
    await ensureDatabase(databaseUrl);
    process.env.DATABASE_URL = databaseUrl;
    return await run(databaseUrl);
  } finally {
    await server.stop();
  }
}
