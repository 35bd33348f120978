// `npm start` as a user runs it, in a child process: killed with -9 it leaves no PostgreSQL or console server
// behind; the command-line tools use its embedded server instead of starting another; a failed start says why.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TConnectionInfo } from "@/server/db/connection-file";
import { isProcessAlive } from "@/server/db/process-control";

const root = path.resolve(`.data/supervisor-test-${process.pid}`);
// `next dev` adds its type folders to tsconfig.json's include list: the checkout is put back as it was.
const tsconfig = readFileSync("tsconfig.json", "utf8");
const children: ChildProcess[] = [];
// The integration setup points DATABASE_URL at the shared test server: `npm start` here must use its own.
const { DATABASE_URL: _shared, ...baseEnv } = process.env;
const tsx = (script: string, ...args: string[]) =>
  [process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args]] as const;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 90_000,
  said = () => "",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${said().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const isListening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(!!socket.destroy()));
    socket.once("error", () => resolve(false));
  });

function startSupervisor(dataDir: string, env: Record<string, string>) {
  const [command, args] = tsx("scripts/start.ts", "--dev");
  const child = spawn(command, args, {
    env: { ...baseEnv, BREAKWATER_DATA_DIR: dataDir, BREAKWATER_DEMO: "off", BREAKWATER_POLICY: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  rmSync(root, { recursive: true, force: true });
});

describe("npm start killed with -9", () => {
  it("serves the command-line tools, starts its PostgreSQL again when it stops, then leaves no PostgreSQL, console server or connection file behind", async () => {
    const dataDir = path.join(root, "killed");
    const port = await freePort();
    const supervisor = startSupervisor(dataDir, { PORT: String(port) });
    await waitFor(
      "the console server",
      async () => supervisor.output().includes("ready at") && (await isListening(port)),
      120_000,
      supervisor.output,
    );
    const file = path.join(dataDir, "connection.json");
    const info = JSON.parse(readFileSync(file, "utf8")) as TConnectionInfo;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, "pg-password")).mode & 0o777).toBe(0o600);
    expect(info).toMatchObject({ pid: supervisor.child.pid, owner: "npm start" });
    expect(info.url).toContain(encodeURIComponent(readFileSync(path.join(dataDir, "pg-password"), "utf8").trim()));
    expect(isProcessAlive(info.postmasterPid!)).toBe(true);
    expect(isProcessAlive(-info.nextPid!)).toBe(true);

    // A command-line tool beside it connects to its server (it used to start a second one and print "undefined").
    const [command, args] = tsx("scripts/token.ts", "list");
    const token = spawnSync(command, args, {
      env: { ...baseEnv, BREAKWATER_DATA_DIR: dataDir },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(token.stderr).not.toContain("undefined");
    expect(token.status, token.stderr).toBe(0);
    expect(JSON.parse(token.stdout)).toEqual([]);
    // A second `npm start` on the same folder refuses, saying who holds it.
    const second = startSupervisor(dataDir, { PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `start failed: npm start (pid ${supervisor.child.pid}) is already running on the data folder`,
    );

    // Its PostgreSQL stopping on its own is not the end: npm start starts it again, where the tools find it.
    process.kill(info.postmasterPid!, "SIGINT");
    const restarted = await waitFor(
      "the embedded PostgreSQL to be started again",
      () => {
        const now = JSON.parse(readFileSync(file, "utf8")) as TConnectionInfo;
        return now.postmasterPid !== info.postmasterPid && isProcessAlive(now.postmasterPid!) && now;
      },
      30_000,
      supervisor.output,
    );
    expect(restarted.url).toBe(info.url);
    const again = spawnSync(command, args, {
      env: { ...baseEnv, BREAKWATER_DATA_DIR: dataDir },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(again.status, again.stderr).toBe(0);

    supervisor.child.kill("SIGKILL");
    await waitFor(
      "the children to stop",
      () => !isProcessAlive(restarted.postmasterPid!) && !isProcessAlive(-info.nextPid!),
      30_000,
      supervisor.output,
    );
    expect(existsSync(file)).toBe(false);
    expect(await isListening(port)).toBe(false);
  }, 240_000);
});

describe("a first run", () => {
  // The "done when": a fresh data folder, `npm start` with the demo, then `npm run simulate -- phish-campaign`
  // in another terminal; the first sign-in finds Alerts, Investigations and the Action center filled by the playbooks.
  it("builds the demo story through the real engine, and the command-line tools reach the running server", async () => {
    const dataDir = path.join(root, "first-run");
    const port = await freePort();
    const supervisor = startSupervisor(dataDir, {
      PORT: String(port),
      BREAKWATER_DEMO: "on",
      BREAKWATER_ADMIN_EMAIL: "first@run.test",
      BREAKWATER_ADMIN_PASSWORD: "first-run-password",
    });
    await waitFor(
      "the demo story and the console",
      async () => supervisor.output().includes("ready at") && (await isListening(port)),
      480_000,
      supervisor.output,
    );
    expect(supervisor.output()).toMatch(/this usually takes 1 to 2 minutes/);
    expect(supervisor.output()).toMatch(/demo story after \d+ s: \S+@contoso\.test compromised and restricted/);
    const env = { ...baseEnv, BREAKWATER_DATA_DIR: dataDir };

    const [simulate, simulateArgs] = tsx("scripts/simulate.ts", "phish-campaign", "--seed", "7");
    const campaign = spawnSync(simulate, simulateArgs, { env, encoding: "utf8", timeout: 120_000 });
    expect(campaign.stderr).not.toMatch(/^undefined$/m);
    expect(campaign.status, campaign.stderr).toBe(0);
    const summary = JSON.parse(campaign.stdout) as { reported: { investigationId: number } };
    expect(summary.reported.investigationId).toBeGreaterThan(0);

    const [tokenCommand, tokenArgs] = tsx("scripts/token.ts", "create", "--name", "first run", "--role", "reader");
    const created = spawnSync(tokenCommand, tokenArgs, { env, encoding: "utf8", timeout: 60_000 });
    expect(created.status, created.stderr).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };
    const get = async <T>(pathname: string): Promise<T> => {
      const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status, pathname).toBe(200);
      return (await response.json()) as T;
    };
    type TPage = { items: { status: string; decidedBy?: string | null; type?: string }[]; total: number };
    // The playbooks run on the in-process worker: wait until both stories (the demo's and the simulated one) settle.
    const investigations = await waitFor(
      "the investigations to settle",
      async () => {
        const page = await get<TPage>("/api/v1/investigations?pageSize=100");
        return (
          page.total >= 3 &&
          page.items.every((run) => !["Starting", "Running", "QueuedByThrottling"].includes(run.status)) &&
          page
        );
      },
      240_000,
      supervisor.output,
    );
    expect(investigations.items.filter((run) => run.status === "PendingAction").length).toBeGreaterThanOrEqual(2);
    const alerts = await get<TPage>("/api/v1/alerts?pageSize=100");
    expect(alerts.total).toBeGreaterThanOrEqual(4);
    // The Action center's two tabs: a soft delete waits on Pending, and History holds one carried out by automation.
    const pending = await get<TPage>("/api/v1/actions?view=pending&pageSize=100");
    expect(pending.items.some((action) => action.type === "softDelete" && action.status === "Pending")).toBe(true);
    const automated = await get<TPage>("/api/v1/actions?view=history&decidedBy=automation&pageSize=100");
    expect(
      automated.items.some(
        (action) => action.type === "softDelete" && ["Completed", "PartiallyCompleted"].includes(action.status),
      ),
    ).toBe(true);
    const restricted = await get<TPage>("/api/v1/restricted-users");
    expect(restricted.total).toBe(1);

    supervisor.child.kill("SIGTERM");
    expect(await supervisor.exited).toBe(0);
  }, 900_000);
});

describe("a failed start", () => {
  it("names the cause when the database cannot be reached", async () => {
    const run = startSupervisor(path.join(root, "refused"), {
      PORT: String(await freePort()),
      DATABASE_URL: "postgresql://postgres@localhost:1/breakwater",
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/start failed: .*(ECONNREFUSED|Can't reach database server)/);
    expect(run.output()).not.toMatch(/start failed: (undefined)?\s*$/m);
  }, 60_000);

  it("names the cause when the embedded PostgreSQL does not come up", async () => {
    const dataDir = path.join(root, "broken");
    mkdirSync(path.join(dataDir, "pg"), { recursive: true });
    // A data folder that is not a usable cluster: PostgreSQL refuses it and says why.
    writeFileSync(path.join(dataDir, "pg", "PG_VERSION"), "9\n");
    writeFileSync(path.join(dataDir, "pg-password"), "whatever\n", { mode: 0o600 });
    const run = startSupervisor(dataDir, { PORT: String(await freePort()) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/start failed: the embedded PostgreSQL in .* did not start on port \d+: \S/);
    expect(run.output()).not.toContain("undefined");
  }, 60_000);

  it("names the cause when the port is taken", async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, () => resolve((taken.address() as { port: number }).port)),
    );
    try {
      const run = startSupervisor(path.join(root, "port"), {
        PORT: String(port),
        DATABASE_URL: "postgresql://postgres@127.0.0.1:1/breakwater",
      });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`start failed: port ${port} is already in use`);
    } finally {
      taken.close();
    }
  }, 60_000);
});
