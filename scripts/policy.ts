// `npm run policy`: the Postfix sender policy service on its own (127.0.0.1:10040 unless Settings › Mail system or
// BREAKWATER_POLICY_HOST / BREAKWATER_POLICY_PORT say otherwise), on the database that `npm start` uses.
import { errorText } from "../src/lib/error-text";
import { runningDatabaseUrl } from "./lib/database";

try {
  runningDatabaseUrl("npm run policy");
} catch (error) {
  console.error(errorText(error));
  process.exit(2);
}
const { startPolicyService } = await import("../src/server/mail-system/policy/start-policy-service");
const { stopQueue } = await import("../src/server/engine/queue");
const { disconnectPrisma } = await import("../src/server/db");
const policy = await startPolicyService();
if (!policy) process.exit(1);

async function stop() {
  await policy!.stop();
  // A crossed limit queues a compromised-user run, which opened the queue's connections.
  await stopQueue();
  await disconnectPrisma();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
