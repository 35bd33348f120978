import "server-only";
import pg from "pg";

// One follower per log file. `npm start` and every `npm run worker` start a follower when a log path is set; the
// one that holds this lock reads, the others stand by and take over when its connection goes (stopped, killed,
// machine gone): PostgreSQL frees a session's advisory lock with the session. The cursor check in saveMaillogBatch
// keeps a batch from being applied twice even without it; the lock only spares the others the wasted work.

export type TMaillogLock = { isHeld(): boolean; release(): Promise<void> };

// "BWML" as an int4: the lock class, beside the path's hash, so no other advisory lock can collide with it.
const LOCK_CLASS = 0x42574d4c;

/** The lock of `path`'s follower, or null while another follower holds it. */
export async function tryLockMaillog(path: string): Promise<TMaillogLock | null> {
  let isHeld = false;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 10_000, application_name: "breakwater-maillog" });
  // A lost connection has lost the lock: the follower notices through isHeld() and stands by again.
  client.on("error", () => (isHeld = false));
  client.on("end", () => (isHeld = false));
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as ok", [LOCK_CLASS, path]);
    isHeld = rows[0].ok;
  } finally {
    if (!isHeld) await client.end().catch(() => {});
  }
  if (!isHeld) return null;
  return {
    isHeld: () => isHeld,
    async release() {
      isHeld = false;
      await client.end().catch(() => {});
    },
  };
}
