// `npm run worker`: a playbook worker and webhook dispatcher on its own, for more throughput beside `npm start` (same
// DATABASE_URL), with the Postfix sender policy service unless BREAKWATER_POLICY=off, and the Postfix log follower
// when a log path is set (one process follows a file; the others stand by), and the reporting mailbox reader (Settings ›
// User reported settings; idle while it is off).
import { errorText } from "../src/lib/error-text";
import { readEnv } from "../src/server/env";
import { runningDatabaseUrl } from "./lib/database";
import { persistentSecret } from "./lib/secret";

try {
  runningDatabaseUrl("npm run worker");
} catch (error) {
  console.error(errorText(error));
  process.exit(2);
}
const env = readEnv();
// As `npm start` does: the ClickHouse reader's password is derived from it (clickhouse-reader.ts), in both processes.
process.env.NEXTAUTH_SECRET ??= persistentSecret(env.BREAKWATER_DATA_DIR, "nextauth-secret");
// A failure nobody awaited is a bug to log, not a reason to stop taking runs.
process.on("unhandledRejection", (reason) =>
  console.error(`[worker] unhandled error (still running): ${reason instanceof Error ? reason.stack : String(reason)}`),
);
const { startWorker } = await import("../src/server/engine/worker");
const { stopQueue } = await import("../src/server/engine/queue");
const { startPolicyService } = await import("../src/server/mail-system/policy/start-policy-service");
const worker = await startWorker();
console.log(`[worker] taking playbook runs and sending webhooks (pid ${process.pid})`);
const policy = env.BREAKWATER_POLICY === "on" ? await startPolicyService() : null;
const { startMailEvents } = await import("../src/server/mail-system/maillog/start-mail-events");
const mailEvents = await startMailEvents((message) => console.log(`[worker] ${message}`));
const { startReportingMailboxReader } = await import("../src/server/user-reported/reporting-mailbox-reader");
const reporting = startReportingMailboxReader({ log: (message) => console.log(`[worker] [reporting] ${message}`) });
const { startHuntingReplication } = await import("../src/server/hunting/store/hunting-store");
const replication = await startHuntingReplication("worker", (message) => console.log(`[worker] [hunting] ${message}`));

async function stop() {
  await policy?.stop();
  await mailEvents?.stop();
  await reporting.stop();
  await replication?.stop();
  await worker.stop();
  await stopQueue();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
