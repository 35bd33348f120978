// Runs `prisma generate` offline: the CLI insists on a schema engine binary it cannot download here, and
// generate does not need one, so point it at a no-op. (Never do this for migrate: see scripts/db-migrate.ts.)
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
