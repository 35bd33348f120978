// The console as `npm start` runs it, on a database of its own: a fresh embedded data folder, or a fresh
// database on DATABASE_URL's server, so that e2e runs never see a developer's data or each other's.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, withDatabaseName } from "../../src/server/db/databases";
import { startMailSandbox, type TMailSandbox } from "../../tools/mail-sandbox/mail-sandbox";
import { E2E_ADMIN } from "./support/accounts";
import { E2E_MAILBOXES, e2eMailSystemFile } from "./support/mail";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "breakwater-e2e-"));
const databaseUrl = process.env.DATABASE_URL
  ? withDatabaseName(process.env.DATABASE_URL, `breakwater_e2e_${process.pid}`)
  : undefined;
if (databaseUrl) {
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
}

const port = process.env.E2E_PORT ?? "3100";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
}

// A real Postfix + Dovecot beside the console when they are installed (.ci/run installs them): Postfix asks the
// console's sender policy service, on a port of this run's own, and the mail e2e test reads where it all is.
const policyPort = await freePort();
const isMailSystemInstalled = existsSync("/usr/sbin/postfix") && existsSync("/usr/sbin/dovecot");
const sandbox: TMailSandbox | null = isMailSystemInstalled
  ? await startMailSandbox({
      mailboxes: E2E_MAILBOXES,
      policy: { host: "127.0.0.1", port: policyPort },
      masterUser: { user: "breakwater", password: "e2e-master-password" },
    })
  : null;
if (sandbox) {
  const info = {
    smtpPort: sandbox.smtpPort,
    imapPort: sandbox.imapPort,
    policyPort,
    masterUser: sandbox.masterUser,
    masterPassword: sandbox.masterPassword,
    mailboxes: E2E_MAILBOXES,
  };
  writeFileSync(e2eMailSystemFile(port), JSON.stringify(info));
}

// Node itself (not npx), so that stopping this process reaches `npm start`'s process, which stops Next and PostgreSQL.
const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PORT: port,
    NEXTAUTH_URL: `http://localhost:${port}`,
    BREAKWATER_POLICY_PORT: String(policyPort),
    // The mail sandbox and the tests' receivers are on loopback: allowed by setting, as an admin would.
    BREAKWATER_ALLOWED_INTERNAL_HOSTS: "127.0.0.1",
    BREAKWATER_DATA_DIR: dataDir,
    BREAKWATER_ADMIN_EMAIL: E2E_ADMIN.email,
    BREAKWATER_ADMIN_PASSWORD: E2E_ADMIN.password,
    BREAKWATER_DEMO: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

async function cleanUp() {
  await sandbox?.stop().catch(() => {});
  rmSync(e2eMailSystemFile(port), { force: true });
  if (databaseUrl) await dropDatabase(databaseUrl).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.once("exit", async (code) => {
  await cleanUp();
  process.exit(code ?? 0);
});
