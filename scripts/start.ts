// `npm start`: everything a new user needs, in one process tree. With no DATABASE_URL it starts the embedded
// PostgreSQL; then it migrates, bootstraps (policies, first admin, demo organisation), builds when the build is
// stale, and runs `next start`. Ctrl-C / SIGTERM stops Next and the database cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { ensureDatabase } from "../src/server/db/databases";
import { startEmbeddedPostgres, type EmbeddedServer } from "../src/server/db/embedded-postgres";
import { applyMigrations } from "../src/server/db/schema-engine";
import { readEnv } from "../src/server/env";
import { isBuildCurrent } from "./lib/build-freshness";
import { persistentSecret } from "./lib/secret";

const isDev = process.argv.includes("--dev");
const env = readEnv();
const startedAt = Date.now();
const log = (message: string) => console.log(`[breakwater] ${message}`);
let embedded: EmbeddedServer | undefined;
let next: ChildProcess | undefined;
let isStopping = false;
let worker: { stop(): Promise<void> } | undefined;
let policy: { stop(): Promise<void> } | null = null;
let mailEvents: { stop(): Promise<void> } | null = null;

async function stop(code: number): Promise<never> {
  if (!isStopping) {
    isStopping = true;
    if (next && next.exitCode === null) {
      next.kill("SIGTERM");
      await new Promise((resolve) => next!.once("exit", resolve));
    }
    await policy?.stop();
    await mailEvents?.stop();
    if (worker) {
      await worker.stop();
      const { stopQueue } = await import("../src/server/engine/queue");
      await stopQueue();
    }
    const { disconnectPrisma } = await import("../src/server/db");
    await disconnectPrisma();
    if (embedded) {
      log("stopping the embedded PostgreSQL");
      await embedded.stop();
    }
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

// Next's own entry run by this Node, not through npx: a signal to npx would not reach the server it starts.
const NEXT_BIN = "node_modules/next/dist/bin/next";

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => spawn(command, args, { stdio: "inherit", env: process.env }).once("exit", (code) => resolve(code ?? 1)));
}

try {
  if (env.DATABASE_URL) {
    log("using the PostgreSQL server in DATABASE_URL");
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: `${env.BREAKWATER_DATA_DIR}/pg`, log });
    process.env.DATABASE_URL = embedded.urlFor("breakwater");
    await ensureDatabase(process.env.DATABASE_URL);
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${embedded.dataDir})`);
  }
  process.env.NEXTAUTH_SECRET ??= persistentSecret(env.BREAKWATER_DATA_DIR, "nextauth-secret");
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

  const applied = await applyMigrations(process.env.DATABASE_URL!);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);

  const { bootstrap, isTenantEmpty } = await import("../src/server/bootstrap/bootstrap");
  const { admin } = await bootstrap({ adminEmail: env.BREAKWATER_ADMIN_EMAIL, adminPassword: env.BREAKWATER_ADMIN_PASSWORD });
  if (admin?.generatedPassword) {
    log("created the first administrator; this password is shown only once:");
    log(`  email:    ${admin.email}`);
    log(`  password: ${admin.generatedPassword}`);
  } else if (admin) {
    log(`created the first administrator ${admin.email} from BREAKWATER_ADMIN_EMAIL / BREAKWATER_ADMIN_PASSWORD`);
  }

  if (env.BREAKWATER_WORKER === "on") {
    const { startWorker } = await import("../src/server/engine/worker");
    worker = await startWorker();
    log("playbook worker and webhook dispatcher started in-process");
    if (env.BREAKWATER_POLICY === "on") {
      const { startPolicyService } = await import("../src/server/mail-system/policy/start-policy-service");
      policy = await startPolicyService();
    }
    // Mail events from Postfix's log (and content from the journal mailbox) when a log path is set.
    const { startMailEvents } = await import("../src/server/mail-system/maillog/start-mail-events");
    mailEvents = await startMailEvents(log);
  }

  const demo = env.BREAKWATER_DEMO === "on" && (await isTenantEmpty()) ? seedDemo(env.BREAKWATER_DEMO_SEED) : Promise.resolve();

  // The Docker image ships Next's traced standalone server, built in an earlier stage.
  const isStandalone = process.env.BREAKWATER_STANDALONE === "1";
  if (!isDev && !isStandalone && !isBuildCurrent()) {
    log("building the console (first start or changed sources)");
    if ((await run(process.execPath, [NEXT_BIN, "build"])) !== 0) throw new Error("next build failed");
  }
  const [command, args] = isStandalone
    ? ["node", [".next/standalone/server.js"]]
    : [process.execPath, [NEXT_BIN, isDev ? "dev" : "start", "-p", String(env.PORT)]];
  next = spawn(command, args, { stdio: "inherit", env: { ...process.env, PORT: String(env.PORT) } });
  next.once("exit", (code) => !isStopping && void stop(code ?? 1));
  await demo;
  log(`ready at ${process.env.NEXTAUTH_URL} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[breakwater] start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}

async function seedDemo(seed: number): Promise<void> {
  log(`filling the empty tenant with the demo organisation (seed ${seed}); the console is usable meanwhile`);
  const { simulateOrg } = await import("../src/server/simulator/simulate-org");
  const summary = await simulateOrg({ seed });
  log(`demo organisation ready: ${JSON.stringify(summary)}`);
}
