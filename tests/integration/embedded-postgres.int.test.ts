// The embedded server's start: a postmaster left by a killed process is found and stopped (not a second server, not
// "start failed: undefined"), and a data folder made with the old fixed password gets a generated one.
import { spawn } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/server/db/embedded-postgres";
import { isProcessAlive } from "@/server/db/process-control";

const root = path.resolve(`.data/embedded-test-${process.pid}`);
const servers: EmbeddedServer[] = [];

async function start(options: Parameters<typeof startEmbeddedPostgres>[0]) {
  const server = await startEmbeddedPostgres({ isEphemeral: true, log: () => {}, ...options });
  servers.push(server);
  return server;
}

async function query(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>("select 1 as one")).rows[0].one;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const server of servers) await server.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("startEmbeddedPostgres", () => {
  it("stops a postmaster left running by a process killed with -9, then starts", async () => {
    const dataDir = path.join(root, "stale");
    const holder = spawn(process.execPath, ["--import", "tsx", "tests/support/hold-embedded-postgres.ts", dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const { pid } = await new Promise<{ pid: number }>((resolve) =>
      holder.stdout!.once("data", (chunk) => resolve(JSON.parse(String(chunk)))),
    );
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expect(isProcessAlive(pid)).toBe(true);

    const server = await start({ dataDir });
    expect(isProcessAlive(pid)).toBe(false);
    expect(server.pid).not.toBe(pid);
    expect(await query(server.urlFor("postgres"))).toBe(1);
  }, 60_000);

  it("replaces the old fixed password of an existing data folder with a generated one, kept owner-only", async () => {
    const dataDir = path.join(root, "legacy");
    const passwordFile = path.join(root, "legacy-password");
    const old = await start({ dataDir });
    const oldUrl = old.urlFor("postgres");
    expect(oldUrl).toContain(":breakwater@");
    await old.stop();

    const upgraded = await start({ dataDir, passwordFile });
    const password = readFileSync(passwordFile, "utf8").trim();
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(await query(upgraded.urlFor("postgres"))).toBe(1);
    await expect(query(oldUrl.replace(`:${old.port}/`, `:${upgraded.port}/`))).rejects.toMatchObject({ code: "28P01" });
    await upgraded.stop();

    // The next start reads the same password.
    const again = await start({ dataDir, passwordFile });
    expect(again.urlFor("postgres")).toContain(encodeURIComponent(password));
    expect(await query(again.urlFor("postgres"))).toBe(1);
  }, 60_000);
});
