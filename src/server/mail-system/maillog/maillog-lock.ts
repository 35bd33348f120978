import "server-only";
import pg from "pg";
import { readEnv } from "@/server/env";

// One reader per source (a log file, a journal mailbox). `npm start` and every `npm run worker` start them when
// they are set; the one that holds this lock reads, the others stand by and take over when its connection goes
// (stopped, killed, machine gone): PostgreSQL frees a session's advisory lock with the session. The follower's
// cursor check and the journal's idempotent updates keep the data right without it; it spares the wasted work.

export type TFollowerLock = { isHeld(): boolean; release(): Promise<void> };

// "BWML" as an int4: the lock class, beside the source's hash, so no other advisory lock can collide with it.
const LOCK_CLASS = 0x42574d4c;

/** The lock of the reader of `source`, or null while another process holds it. */
export async function tryFollowerLock(source: string): Promise<TFollowerLock | null> {
  let isHeld = false;
  const client = new pg.Client({
    connectionString: readEnv().DATABASE_URL,
    connectionTimeoutMillis: 10_000,
    application_name: "breakwater-maillog",
  });
  // A lost connection has lost the lock: the follower notices through isHeld() and stands by again.
  client.on("error", () => (isHeld = false));
  client.on("end", () => (isHeld = false));
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as ok", [
      LOCK_CLASS,
      source,
    ]);
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
