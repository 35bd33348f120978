// Once per `vitest` run: a PostgreSQL server (DATABASE_URL's, or a throw-away embedded one) and a template
// database with every migration applied. Each test file then gets its own copy (see file-database.ts).
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, withDatabaseName } from "../../src/server/db/databases";
import { startEmbeddedPostgres } from "../../src/server/db/embedded-postgres";
import { applyMigrations } from "../../src/server/db/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const templateName = `breakwater_template_${process.pid}`;
  let stopServer = async () => {};
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = `.data/test-pg-${process.pid}`;
    const server = await startEmbeddedPostgres({ dataDir, isEphemeral: true });
    serverUrl = server.urlFor("postgres");
    stopServer = async () => {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    };
  }
  const templateUrl = withDatabaseName(serverUrl, templateName);
  await dropDatabase(templateUrl);
  await ensureDatabase(templateUrl);
  await applyMigrations(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  return async () => {
    await dropDatabase(templateUrl);
    await stopServer();
  };
}
