// `npm run worker`: a playbook worker on its own, for more throughput beside `npm start` (same DATABASE_URL).
import { readEnv } from "../src/server/env";

const env = readEnv();
if (!env.DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL: the database that `npm start` uses");
  process.exit(2);
}
const { startWorker } = await import("../src/server/engine/worker");
const { stopQueue } = await import("../src/server/engine/queue");
const worker = await startWorker();
console.log(`[worker] taking playbook runs (pid ${process.pid})`);

async function stop() {
  await worker.stop();
  await stopQueue();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
