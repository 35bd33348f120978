// Before each test file: a fresh database copied from the migrated template, so files never see each other's
// rows and can run in parallel. It is dropped when the file ends.
import { randomUUID } from "node:crypto";
import { afterAll, inject } from "vitest";
import { dropDatabase, ensureDatabase, withDatabaseName } from "../../src/server/db/databases";

const templateUrl = inject("templateDatabaseUrl");
const templateName = new URL(templateUrl).pathname.slice(1);
const databaseUrl = withDatabaseName(templateUrl, `breakwater_test_${randomUUID().replace(/-/g, "")}`);
await ensureDatabase(databaseUrl, templateName);
process.env.DATABASE_URL = databaseUrl;

afterAll(async () => {
  // A file that queued runs started the queue's own connections: close them before the database goes.
  const { stopQueue } = await import("../../src/server/engine/queue");
  await stopQueue();
  const { disconnectPrisma } = await import("../../src/server/db");
  await disconnectPrisma();
  await dropDatabase(databaseUrl);
});
