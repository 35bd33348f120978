// Starts the embedded PostgreSQL on the folder given and holds it until killed: a test kills this with -9 to leave
// a postmaster behind, as a crashed `npm start` from before the watchdog did.
import { startEmbeddedPostgres } from "../../src/server/db/embedded-postgres";

const server = await startEmbeddedPostgres({ dataDir: process.argv[2], isEphemeral: true, log: () => {} });
console.log(JSON.stringify({ pid: server.pid, port: server.port }));
setInterval(() => {}, 60_000);
