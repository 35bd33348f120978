// The console as `npm start` runs it, on a database of its own: a fresh embedded data folder, or a fresh
// database on DATABASE_URL's server, so that e2e runs never see a developer's data or each other's.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, withDatabaseName } from "../../src/server/db/databases";
import { E2E_ADMIN } from "./support/accounts";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "breakwater-e2e-"));
const databaseUrl = process.env.DATABASE_URL ? withDatabaseName(process.env.DATABASE_URL, `breakwater_e2e_${process.pid}`) : undefined;
if (databaseUrl) {
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
}

// Node itself (not npx), so that stopping this process reaches `npm start`'s process, which stops Next and PostgreSQL.
const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PORT: process.env.E2E_PORT ?? "3100",
    NEXTAUTH_URL: `http://localhost:${process.env.E2E_PORT ?? "3100"}`,
    BREAKWATER_DATA_DIR: dataDir,
    BREAKWATER_ADMIN_EMAIL: E2E_ADMIN.email,
    BREAKWATER_ADMIN_PASSWORD: E2E_ADMIN.password,
    BREAKWATER_DEMO: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

async function cleanUp() {
  if (databaseUrl) await dropDatabase(databaseUrl).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.once("exit", async (code) => {
  await cleanUp();
  process.exit(code ?? 0);
});
