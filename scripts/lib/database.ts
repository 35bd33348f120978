// For one-shot scripts: run against DATABASE_URL; else against the embedded server that `npm start` (or another
// command) is running, found through its connection file; else start the embedded server for this command only.
import { ensureDatabase } from "../../src/server/db/databases";
import {
  connectionFilePath,
  liveConnection,
  removeConnectionFile,
  writeConnectionFile,
} from "../../src/server/db/connection-file";
import { startEmbeddedPostgres } from "../../src/server/db/embedded-postgres";

export const EMBEDDED_DATA_DIR = process.env.BREAKWATER_DATA_DIR ?? ".data";
export const EMBEDDED_DATABASE = "breakwater";

/**
 * For the long-running commands beside `npm start` (worker, policy, maillog): DATABASE_URL, else the database of the
 * `npm start` running on the data folder. Never an embedded server of their own: it would stop when they do.
 */
export function runningDatabaseUrl(command: string): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = connectionFilePath(EMBEDDED_DATA_DIR);
  const running = liveConnection(file);
  if (!running)
    throw new Error(
      `${command} needs a database: start \`npm start\` first (its database is then found through ${file}), or set DATABASE_URL`,
    );
  process.env.DATABASE_URL = running.url;
  return running.url;
}

export async function withDatabase<T>(run: (databaseUrl: string) => Promise<T>, command = process.argv[1]): Promise<T> {
  if (process.env.DATABASE_URL) return run(process.env.DATABASE_URL);
  const file = connectionFilePath(EMBEDDED_DATA_DIR);
  const running = liveConnection(file);
  if (running) {
    process.env.DATABASE_URL = running.url;
    return run(running.url);
  }
  // Nobody runs it: start it for this command, and say so in the connection file, so that an `npm start` meanwhile
  // waits for this one rather than opening the same data folder.
  const server = await startEmbeddedPostgres({
    dataDir: `${EMBEDDED_DATA_DIR}/pg`,
    passwordFile: `${EMBEDDED_DATA_DIR}/pg-password`,
    log: (message) => console.error(message),
  });
  try {
    const databaseUrl = server.urlFor(EMBEDDED_DATABASE);
    writeConnectionFile(file, {
      url: databaseUrl,
      pid: process.pid,
      owner: `npm run ${command.replace(/^.*\/|\.ts$/g, "")}`,
      postmasterPid: server.pid,
      startedAt: new Date().toISOString(),
    });
    await ensureDatabase(databaseUrl);
    process.env.DATABASE_URL = databaseUrl;
    return await run(databaseUrl);
  } finally {
    await server.stop();
    removeConnectionFile(file);
  }
}
