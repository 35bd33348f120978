import { ensureDatabase, dropDatabase } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
const url = process.argv[2];
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
