import ipaddr from "ipaddr.js";
import { z } from "zod";
import { ZAllowedInternalHosts } from "@/server/network/allowed-internal-hosts";

const ZPort = z.coerce.number().int().min(1).max(65535);
// A switch reads as on/off (like BREAKWATER_DEMO) or true/false.
// A comma- or space-separated list.
const ZList = z.string().transform((value) => value.split(/[\s,]+/).filter(Boolean));
const ZSwitch = z.enum(["on", "off", "true", "false"]).transform((value) => value === "on" || value === "true");

// Every environment variable Breakwater reads, in one place (README.md lists them for users).
const ZEnv = z.object({
  // Set by Node tooling and Next: "test" under vitest, "development" under `npm run dev`, unset for the worker.
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  // Set by Next per runtime ("nodejs" or "edge") while it runs instrumentation.
  NEXT_RUNTIME: z.string().optional(),
  PORT: ZPort.default(3000),
  DATABASE_URL: z.string().url().optional(),
  // The pool and its limits (db.ts): connections per process, and how long one statement or one lock wait may last.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  // Advanced hunting: its own pool, and how many queries one user may run at once (more answer 429).
  BREAKWATER_HUNTING_POOL_SIZE: z.coerce.number().int().min(1).default(3),
  BREAKWATER_HUNTING_QUERIES_PER_USER: z.coerce.number().int().min(1).default(2),
  // A ClickHouse copy of the hunting tables for advanced hunting (README › Hunting store): off, embedded (chDB, in the
  // console's process, data under BREAKWATER_CLICKHOUSE_PATH) or a server's HTTP URL. Queries go to it while its copy
  // is at most BREAKWATER_CLICKHOUSE_MAX_LAG_SECONDS behind PostgreSQL, which stays the source of truth.
  BREAKWATER_CLICKHOUSE: z.union([z.enum(["off", "embedded"]), z.string().url()]).default("off"),
  BREAKWATER_CLICKHOUSE_PATH: z.string().optional(),
  BREAKWATER_CLICKHOUSE_MAX_LAG_SECONDS: z.coerce.number().min(0).default(30),
  BREAKWATER_CLICKHOUSE_BATCH_SIZE: z.coerce.number().int().min(1).default(5_000),
  // On a server, hunting reads as a user of its own (clickhouse-reader.ts); its password is derived from
  // NEXTAUTH_SECRET unless set here.
  BREAKWATER_CLICKHOUSE_READER_PASSWORD: z.string().optional(),
  // The playbook engine (README › Configuration): runs per worker, runs at once, a dead worker's timeout, how often the
  // queue looks for such runs, and a pause between steps (tests use it to kill a worker half-way).
  BREAKWATER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(8),
  BREAKWATER_MAX_ACTIVE_RUNS: z.coerce.number().int().min(1).default(50),
  BREAKWATER_RUN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(120),
  BREAKWATER_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(30),
  BREAKWATER_STEP_DELAY_MS: z.coerce.number().int().min(0).default(0),
  // A run on a subject (a user, a reported message) that ended this many minutes ago is linked, not started again.
  BREAKWATER_RECENT_RUN_MINUTES: z.coerce.number().int().min(0).default(30),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  BREAKWATER_DATA_DIR: z.string().default(".data"),
  BREAKWATER_ADMIN_EMAIL: z.string().email().optional(),
  BREAKWATER_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  BREAKWATER_DEMO: z.enum(["on", "off"]).default("on"),
  BREAKWATER_WORKER: z.enum(["on", "off"]).default("on"),
  BREAKWATER_DEMO_SEED: z.coerce.number().int().default(1),
  // The Postfix sender policy service starts with the worker unless off (`npm run policy` runs it alone).
  BREAKWATER_POLICY: z.enum(["on", "off"]).default("on"),
  // The mail system, for headless installs: each one set here wins over Settings › Mail system.
  BREAKWATER_MAIL_CONNECTOR: z.enum(["builtin", "postfix-dovecot"]).optional(),
  BREAKWATER_POLICY_HOST: z.string().optional(),
  BREAKWATER_POLICY_PORT: ZPort.optional(),
  BREAKWATER_POLICY_FAIL_OPEN: ZSwitch.optional(),
  BREAKWATER_IMAP_HOST: z.string().optional(),
  BREAKWATER_IMAP_PORT: ZPort.optional(),
  BREAKWATER_IMAP_SECURE: ZSwitch.optional(),
  BREAKWATER_IMAP_MASTER_USER: z.string().optional(),
  BREAKWATER_IMAP_MASTER_PASSWORD: z.string().optional(),
  BREAKWATER_DOVEADM_URL: z.string().url().optional(),
  BREAKWATER_DOVEADM_API_KEY: z.string().optional(),
  BREAKWATER_JOURNAL_MAILBOX: z.string().email().optional(),
  BREAKWATER_MAILLOG_PATH: z.string().optional(),
  // rspamd: the normal worker's URL (scans), the controller's URL and password (learning, fuzzy hashes).
  BREAKWATER_RSPAMD_URL: z.string().url().optional(),
  BREAKWATER_RSPAMD_CONTROLLER_URL: z.string().url().optional(),
  BREAKWATER_RSPAMD_PASSWORD: z.string().optional(),
  // Internal hosts webhooks and the mail system may reach (Settings › Mail system › Allowed internal hosts).
  BREAKWATER_ALLOWED_INTERNAL_HOSTS: ZList.pipe(ZAllowedInternalHosts).optional(),
  // The reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); none by default.
  BREAKWATER_TRUSTED_PROXIES: ZList.pipe(
    z.array(
      z.string().refine((entry) => ipaddr.isValid(entry) || ipaddr.isValidCIDR(entry), {
        error: "must be IP addresses or CIDR ranges",
      }),
    ),
  ).default([]),
});

export type TEnv = z.infer<typeof ZEnv>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): TEnv {
  // An empty variable (e.g. from a compose file's `${X:-}`) means "not set".
  const result = ZEnv.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
  throw new Error(`Invalid environment:\n${problems}`);
}
