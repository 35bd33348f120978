// `npm start`: everything a new user needs, in one process tree. With no DATABASE_URL it starts the embedded
// PostgreSQL; then it migrates, bootstraps (policies, first admin, demo organisation), builds when the build is
// stale, and runs `next start`. Ctrl-C / SIGTERM stops Next and the database cleanly; a watchdog process
// (lib/reaper.mjs) stops them if this process is killed outright, and a start cleans up after a run that was.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { errorText } from "../src/lib/error-text";
import {
  connectionFilePath,
  readConnectionFile,
  removeConnectionFile,
  writeConnectionFile,
  type TConnectionInfo,
} from "../src/server/db/connection-file";
import { ensureDatabase } from "../src/server/db/databases";
import { startEmbeddedPostgres, type EmbeddedServer } from "../src/server/db/embedded-postgres";
import { isProcessAlive, stopProcess } from "../src/server/db/process-control";
import { applyMigrations } from "../src/server/db/schema-engine";
import { readEnv } from "../src/server/env";
import { isBuildCurrent } from "./lib/build-freshness";
import { persistentSecret } from "./lib/secret";

const isDev = process.argv.includes("--dev");
// Measured on a 2-core machine shared with other work (README, "The first start"); said so that nobody waits blind.
const BUILD_USUALLY = "3 to 6 minutes on a busy 2-core machine, less on an idle one";
const DEMO_USUALLY = "1 to 2 minutes";
const startedAt = Date.now();
const log = (message: string) => console.log(`[breakwater] ${message}`);
let embedded: EmbeddedServer | undefined;
let next: ChildProcess | undefined;
let isStopping = false;
let worker: { stop(): Promise<void> } | undefined;
let replication: { stop(): Promise<void> } | null | undefined;
let policy: { stop(): Promise<void> } | null = null;
let mailEvents: { stop(): Promise<void> } | null = null;
let reporting: { stop(): Promise<void> } | null = null;
let connectionFile: string | undefined;
let connectionInfo: TConnectionInfo | undefined;
let embeddedRestart: Promise<void> | null = null;
const reaper = startReaper();

async function stop(code: number): Promise<never> {
  if (!isStopping) {
    isStopping = true;
    try {
      if (next?.pid && next.exitCode === null) {
        const exited = new Promise((resolve) => next!.once("exit", resolve));
        signalGroup(next.pid, "SIGTERM");
        await exited;
      }
      await policy?.stop();
      await mailEvents?.stop();
      await reporting?.stop();
      await replication?.stop();
      if (worker) {
        await worker.stop();
        const { stopQueue } = await import("../src/server/engine/queue");
        await stopQueue();
      }
      const { disconnectPrisma } = await import("../src/server/db");
      await disconnectPrisma();
      // A restart in progress ends first, so that the server it starts is the one stopped.
      await embeddedRestart;
      if (embedded) {
        log("stopping the embedded PostgreSQL");
        await embedded.stop();
      }
    } catch (error) {
      console.error(`[breakwater] while stopping: ${errorText(error)}`);
    } finally {
      if (connectionFile) removeConnectionFile(connectionFile);
      reaper.release();
    }
  }
  process.exit(code);
}
// embedded-postgres hooks SIGINT and SIGTERM (async-exit-hook) to stop its servers and exit with 128 + n at once, which
// cut this stop short while the worker was still stopping (exit code 143 in a CI run): stop() stops the embedded server
// itself, so these signals are handled here alone.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stop(0));
}
// A failure nobody awaited is a bug to log, not a reason to drop every user's console and leave the database behind.
process.on("unhandledRejection", (reason) =>
  console.error(
    `[breakwater] unhandled error (still running): ${reason instanceof Error ? reason.stack : errorText(reason)}`,
  ),
);

// Next's own entry run by this Node, not through npx: a signal to npx would not reach the server it starts.
const NEXT_BIN = "node_modules/next/dist/bin/next";

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: process.env });
    if (child.pid) reaper.watch(child.pid, "SIGTERM");
    child.once("exit", (code) => {
      if (child.pid) reaper.forget(child.pid);
      resolve(code ?? 1);
    });
  });
}

try {
  const env = readEnv();
  connectionFile = connectionFilePath(env.BREAKWATER_DATA_DIR);
  await takeOverFrom(connectionFile, env.BREAKWATER_DATA_DIR);
  await assertPortFree(env.PORT);
  if (env.DATABASE_URL) {
    log("using the PostgreSQL server in DATABASE_URL");
  } else {
    const embeddedOptions = {
      dataDir: `${env.BREAKWATER_DATA_DIR}/pg`,
      passwordFile: `${env.BREAKWATER_DATA_DIR}/pg-password`,
      log,
    };
    embedded = await startEmbeddedPostgres(embeddedOptions);
    if (embedded.pid) reaper.watch(embedded.pid, "SIGINT");
    process.env.DATABASE_URL = embedded.urlFor("breakwater");
    await ensureDatabase(process.env.DATABASE_URL);
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${embedded.dataDir})`);
    restartEmbeddedWhenItDies(embeddedOptions);
  }
  // `npm run token` / `npm run simulate` find the database here while this runs.
  publishConnection({
    url: process.env.DATABASE_URL!,
    pid: process.pid,
    owner: "npm start",
    postmasterPid: embedded?.pid ?? null,
    startedAt: new Date().toISOString(),
  });
  reaper.removeOnDeath(connectionFile);
  process.env.NEXTAUTH_SECRET ??= persistentSecret(env.BREAKWATER_DATA_DIR, "nextauth-secret");
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

  const applied = await applyMigrations(process.env.DATABASE_URL!);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);

  const { bootstrap, isTenantEmpty } = await import("../src/server/bootstrap/bootstrap");
  const { admin } = await bootstrap({
    adminEmail: env.BREAKWATER_ADMIN_EMAIL,
    adminPassword: env.BREAKWATER_ADMIN_PASSWORD,
  });
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
    // The reporting mailbox (Settings › User reported settings): idle until an admin turns it on.
    const { startReportingMailboxReader } = await import("../src/server/user-reported/reporting-mailbox-reader");
    reporting = startReportingMailboxReader({ log: (message) => log(`[reporting] ${message}`) });
    // The ClickHouse copy of the hunting tables, when a ClickHouse server is configured (chDB is filled by the console).
    const { startHuntingReplication } = await import("../src/server/hunting/store/hunting-store");
    replication = await startHuntingReplication("worker", (message) => log(`[hunting] ${message}`));
  }

  const demo =
    env.BREAKWATER_DEMO === "on" && (await isTenantEmpty()) ? seedDemo(env.BREAKWATER_DEMO_SEED) : Promise.resolve();

  // The Docker image ships Next's traced standalone server, built in an earlier stage.
  const isStandalone = process.env.BREAKWATER_STANDALONE === "1";
  if (!isDev && !isStandalone && !isBuildCurrent()) {
    log(
      `building the console (first start or changed sources); this usually takes ${BUILD_USUALLY}, and the console answers at ${process.env.NEXTAUTH_URL} when it is done`,
    );
    const buildStarted = Date.now();
    if ((await run(process.execPath, [NEXT_BIN, "build"])) !== 0) throw new Error("next build failed");
    log(`built in ${((Date.now() - buildStarted) / 1000).toFixed(0)} s`);
  }
  const [command, args] = isStandalone
    ? ["node", [".next/standalone/server.js"]]
    : [process.execPath, [NEXT_BIN, isDev ? "dev" : "start", "-p", String(env.PORT)]];
  // Its own process group, so that its workers are stopped with it (here or by the watchdog).
  next = spawn(command, args, { stdio: "inherit", detached: true, env: { ...process.env, PORT: String(env.PORT) } });
  if (next.pid) {
    reaper.watch(-next.pid, "SIGTERM");
    publishConnection({ ...connectionInfo!, nextPid: next.pid });
  }
  next.once("exit", (code) => !isStopping && void stop(code ?? 1));
  await demo;
  log(`ready at ${process.env.NEXTAUTH_URL} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[breakwater] start failed: ${errorText(error)}`);
  await stop(1);
}

function publishConnection(info: TConnectionInfo): void {
  connectionInfo = info;
  writeConnectionFile(connectionFile!, info);
}

/**
 * The embedded server is this process's to keep: if it stops on its own (killed, crashed), it is started again on
 * the same port and data folder, and the worker and the console, which wait for the database, go on.
 */
function restartEmbeddedWhenItDies(options: Parameters<typeof startEmbeddedPostgres>[0]): void {
  const restart = async (dead: EmbeddedServer) => {
    log("the embedded PostgreSQL stopped unexpectedly; starting it again");
    try {
      if (dead.pid) reaper.forget(dead.pid);
      embedded = await startEmbeddedPostgres({ ...options, port: dead.port });
      if (embedded.pid) reaper.watch(embedded.pid, "SIGINT");
      if (connectionInfo) publishConnection({ ...connectionInfo, postmasterPid: embedded.pid });
      log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} again`);
    } catch (error) {
      log(`the embedded PostgreSQL did not start again (${errorText(error)}); trying again`);
    } finally {
      embeddedRestart = null;
    }
  };
  setInterval(() => {
    if (isStopping || embeddedRestart || !embedded?.pid || isProcessAlive(embedded.pid)) return;
    embeddedRestart = restart(embedded);
  }, 2_000).unref();
}

async function seedDemo(seed: number): Promise<void> {
  log(
    `filling the empty tenant with the demo organisation (seed ${seed}): 30 days of mail for 200 mailboxes, then a compromised user and a reported phish campaign; this usually takes ${DEMO_USUALLY}`,
  );
  const demoStarted = Date.now();
  const { simulateOrg } = await import("../src/server/simulator/simulate-org");
  const org = await simulateOrg({ seed });
  log(`demo organisation: ${org.mailboxes} mailboxes, ${org.counts.EmailEvent} email events over ${org.days} days`);
  const { simulateDemoStory } = await import("../src/server/simulator/simulate-demo-story");
  const story = await simulateDemoStory({ seed });
  log(
    `demo story after ${((Date.now() - demoStarted) / 1000).toFixed(0)} s: ${story.compromisedUser.victim} compromised and restricted (investigation ${story.compromisedUser.detections.investigationIds.join(", ")}); ` +
      `a phish campaign reported by ${story.phishCampaign.reported?.reporter} (investigation ${story.phishCampaign.reported?.investigationId}); the playbooks finish within a minute`,
  );
}

/**
 * The data folder's connection file says who ran last. A live owner keeps the folder (two servers on one data
 * folder would corrupt it). A dead one was killed before it could clean up: its console server may still hold the
 * port (its postmaster is found and stopped by startEmbeddedPostgres).
 */
async function takeOverFrom(file: string, dataDir: string): Promise<void> {
  const previous = readConnectionFile(file);
  if (!previous) return;
  if (isProcessAlive(previous.pid)) {
    throw new Error(
      `${previous.owner} (pid ${previous.pid}) is already running on the data folder ${dataDir}: stop it first, or set BREAKWATER_DATA_DIR to another folder`,
    );
  }
  if (previous.nextPid && isProcessAlive(-previous.nextPid)) {
    log(`the console server of an earlier run (process group ${previous.nextPid}) is still running; stopping it`);
    await stopProcess(-previous.nextPid, "SIGTERM", 10_000);
  }
  rmSync(file, { force: true });
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `port ${port} is already in use (another server, or a console left by an earlier run): stop it, or set PORT`,
            )
          : error,
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** The watchdog process (lib/reaper.mjs): told what to stop and remove should this process die without doing it. */
function startReaper() {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./lib/reaper.mjs", import.meta.url))], {
    detached: true,
    stdio: ["pipe", "ignore", "inherit"],
  });
  child.unref();
  child.stdin!.on("error", () => {}); // a watchdog that died cannot be told more; the start goes on
  const say = (message: object) => child.stdin!.write(`${JSON.stringify(message)}\n`);
  return {
    watch: (pid: number, signal: NodeJS.Signals) => say({ watch: pid, signal }),
    forget: (pid: number) => say({ forget: pid }),
    removeOnDeath: (file: string) => say({ file, owner: process.pid }),
    release: () => {
      say({ release: true });
      child.stdin!.end();
    },
  };
}
