// `npm run maillog`: the Postfix log follower (and the journal reader, when set) on its own, for when the worker
// runs elsewhere or BREAKWATER_WORKER=off. Same DATABASE_URL as `npm start`; the log path from
// BREAKWATER_MAILLOG_PATH or Settings › Mail system.
import { errorText } from "../src/lib/error-text";
import { runningDatabaseUrl } from "./lib/database";

try {
  runningDatabaseUrl("npm run maillog");
} catch (error) {
  console.error(errorText(error));
  process.exit(2);
}
const { startMailEvents } = await import("../src/server/mail-system/maillog/start-mail-events");
const { disconnectPrisma } = await import("../src/server/db");
const events = await startMailEvents((message) => console.log(message));
if (!events) {
  console.error(
    "npm run maillog needs a log path: set BREAKWATER_MAILLOG_PATH or Settings › Mail system › Postfix log",
  );
  await disconnectPrisma();
  process.exit(2);
}

async function stop() {
  await events?.stop();
  await disconnectPrisma();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
