// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded server when unset.
import { applyMigrations } from "../src/server/db/schema-engine";
import { withDatabase } from "./lib/database";

await withDatabase(async (databaseUrl) => {
  const applied = await applyMigrations(databaseUrl);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
});
