import "server-only";
import pg from "pg";
import { POLICY } from "@/server/detection/detect-outbound";
import { sendingLimitsOf, type TSendingLimits } from "@/server/detection/sending-rules";
import { SENDER_CHANGES_CHANNEL } from "./sender-changes";

/** What the policy service answers from, held in memory: Postfix asks up to a thousand times a second. */
export type TSenderSnapshot = {
  restricted: ReadonlySet<string>;
  blocked: ReadonlySet<string>;
  internalDomains: ReadonlySet<string>;
  limits: TSendingLimits;
  /** MailSystemSettings.policyFailOpen; null until the database has been read once. */
  failOpen: boolean | null;
};

export type TSenderDirectory = {
  snapshot(): TSenderSnapshot;
  /** Whether the snapshot was read within the staleness bound; past it the database is taken as unreachable. */
  isFresh(): boolean;
  /** Reloads now (coalesced with one already running), e.g. after this process restricted someone itself. */
  reload(): Promise<void>;
  stop(): Promise<void>;
};

export type TSenderDirectoryOptions = {
  databaseUrl: string;
  /** The safety net behind LISTEN/NOTIFY: a full reload this often catches what no NOTIFY announces (indicators). */
  reloadMs: number;
  staleAfterMs: number;
  log: (message: string) => void;
};

const EMPTY: TSenderSnapshot = {
  restricted: new Set(),
  blocked: new Set(),
  internalDomains: new Set(),
  limits: sendingLimitsOf({}),
  failOpen: null,
};

// One round trip for everything. The sets are small (open restrictions, sender indicators, the organisation's
// domains); addresses are compared lower-cased, as senderStatus does.
const SNAPSHOT_SQL = `
  select
    (select coalesce(array_agg(distinct lower(address)), '{}') from "RestrictedUser" where "releasedAt" is null) as restricted,
    (select coalesce(array_agg(distinct lower(value)), '{}') from "ThreatIndicator" where kind = 'sender') as blocked,
    (select coalesce(array_agg(distinct lower(split_part(address, '@', 2))), '{}') from "Mailbox") as domains,
    (select settings from "AlertPolicy" where id = $1) as limits,
    (select "policyFailOpen" from "MailSystemSettings" where id = 1) as "failOpen"`;

type TSnapshotRow = {
  restricted: string[];
  blocked: string[];
  domains: string[];
  limits: unknown;
  failOpen: boolean | null;
};

/**
 * Keeps who may send in memory, on its own PostgreSQL connection: it LISTENs on the sender-changes channel and reloads
 * when a restriction or release commits (so a release counts for the very next SMTP transaction), and reloads on a
 * timer too. It never throws: a failed reload leaves the last snapshot in place, and isFresh() tells for how long.
 */
export async function startSenderDirectory(options: TSenderDirectoryOptions): Promise<TSenderDirectory> {
  let current = EMPTY;
  let readAt = Number.NEGATIVE_INFINITY;
  let client: pg.Client | null = null;
  let running: Promise<void> | null = null;
  let isAgain = false;
  let isStopped = false;
  let outage: string | null = null;

  async function connect(): Promise<pg.Client> {
    const fresh = new pg.Client({
      connectionString: options.databaseUrl,
      connectionTimeoutMillis: 3_000,
      query_timeout: 5_000,
      application_name: "breakwater-policy",
    });
    fresh.on("notification", () => void reload());
    // A lost connection is replaced on the next reload; NOTIFYs sent meanwhile are covered by that full reload.
    fresh.on("error", () => drop(fresh));
    fresh.on("end", () => drop(fresh));
    try {
      await fresh.connect();
      await fresh.query(`listen ${SENDER_CHANGES_CHANNEL}`);
    } catch (error) {
      drop(fresh);
      throw error;
    }
    return fresh;
  }

  function drop(which: pg.Client): void {
    if (client === which) client = null;
    which.removeAllListeners("notification");
    void which.end().catch(() => {});
  }

  async function readOnce(): Promise<void> {
    client ??= await connect();
    const { rows } = await client.query<TSnapshotRow>(SNAPSHOT_SQL, [POLICY.limit]);
    const row = rows[0];
    current = {
      restricted: new Set(row.restricted),
      blocked: new Set(row.blocked),
      internalDomains: new Set(row.domains),
      limits: sendingLimitsOf(row.limits),
      failOpen: row.failOpen,
    };
    readAt = performance.now();
    if (outage) options.log(`database reachable again; sender lists reloaded`);
    outage = null;
  }

  function reload(): Promise<void> {
    if (isStopped) return Promise.resolve();
    if (running) {
      // A change may have committed after the running read took its snapshot: read once more after it.
      isAgain = true;
      return running;
    }
    running = (async () => {
      do {
        isAgain = false;
        try {
          await readOnce();
        } catch (error) {
          if (client) drop(client);
          const message = error instanceof Error ? error.message : String(error);
          // Said once per outage, not every few seconds.
          if (outage !== message) options.log(`cannot read the sender lists: ${message}`);
          outage = message;
        }
      } while (isAgain && !isStopped);
      running = null;
    })();
    return running;
  }

  await reload();
  const timer = setInterval(() => void reload(), options.reloadMs);
  timer.unref();
  return {
    snapshot: () => current,
    isFresh: () => performance.now() - readAt <= options.staleAfterMs,
    reload,
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await running;
      if (client) drop(client);
    },
  };
}
