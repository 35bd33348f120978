import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderRspamdFiles, type TRspamdPorts } from "./rspamd-sandbox-config";
import {
  isAlive,
  logTail,
  MailSandboxError,
  pickFreePorts,
  sleep,
  systemIds,
  waitForListener,
} from "./sandbox-processes";

const RSPAMD = "/usr/bin/rspamd";
export const RSPAMD_INSTALL_COMMAND = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y rspamd";

export const isRspamdInstalled = () => existsSync(RSPAMD);

export type TRspamdSandboxOptions = {
  /** Its folder (config, databases, log); made if missing, handed to _rspamd. */
  dir: string;
  ports?: Partial<TRspamdPorts>;
  /** Generated when left out. */
  controllerPassword?: string;
  /** The console's maps route base with its token (see rspamd-sandbox-config.ts); null: no block maps. */
  mapsUrl?: string | null;
  /** Default 300 s: the first start on a machine compiles rspamd's expressions, minutes when the machine is busy. */
  startTimeoutMs?: number;
};

export type TRspamdSandbox = {
  /** The normal worker: POST /checkv2. */
  url: string;
  controllerUrl: string;
  controllerPassword: string;
  milterPort: number;
  fuzzyPort: number;
  logPath: string;
  pid: number;
  isRunning(): boolean;
  stop(): Promise<void>;
};

/**
 * rspamd in the foreground as _rspamd, on Debian's /etc/rspamd with its own local.d/override.d, databases, log and
 * loopback ports; nothing of /etc or /var is changed. Resolves once the normal worker and the controller answer
 * /ping and the milter port accepts connections.
 */
export async function startRspamdSandbox(options: TRspamdSandboxOptions): Promise<TRspamdSandbox> {
  if (!isRspamdInstalled())
    throw new MailSandboxError(`rspamd is not installed: run (as root)\n  ${RSPAMD_INSTALL_COMMAND}`);
  const deadline = Date.now() + (options.startTimeoutMs ?? 300_000);
  const free = await pickFreePorts(4);
  const ports: TRspamdPorts = {
    normal: options.ports?.normal || free[0],
    controller: options.ports?.controller || free[1],
    milter: options.ports?.milter || free[2],
    fuzzy: options.ports?.fuzzy || free[3],
  };
  const controllerPassword = options.controllerPassword ?? randomBytes(18).toString("base64url");
  if (!/^[A-Za-z0-9_.~-]+$/.test(controllerPassword))
    throw new MailSandboxError("the rspamd controller password may hold letters, digits and _.~- only");
  const dirs = {
    conf: path.join(options.dir, "conf"),
    db: path.join(options.dir, "db"),
    run: path.join(options.dir, "run"),
    log: path.join(options.dir, "log"),
  };
  const hsCacheDir = path.join(os.tmpdir(), "breakwater-rspamd-hs-cache");
  const rspamdUser = systemIds("_rspamd", "_rspamd");
  rmSync(dirs.conf, { recursive: true, force: true });
  for (const dir of [options.dir, ...Object.values(dirs), hsCacheDir]) {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, rspamdUser.uid, rspamdUser.gid);
  }
  for (const [file, text] of Object.entries(
    renderRspamdFiles({ ports, controllerPassword, mapsUrl: options.mapsUrl ?? null, dbDir: dirs.db, hsCacheDir }),
  )) {
    mkdirSync(path.join(dirs.conf, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dirs.conf, file), text);
  }
  const logPath = path.join(dirs.log, "rspamd.log");
  const out = openSync(path.join(dirs.log, "rspamd.stdout"), "a");
  const vars = { LOCAL_CONFDIR: dirs.conf, DBDIR: dirs.db, RUNDIR: dirs.run, LOGDIR: dirs.log };
  // Output to a file, not a pipe: the workers keep it open for their whole life.
  const child = spawn(
    RSPAMD,
    [
      "-f",
      "-u",
      "_rspamd",
      "-g",
      "_rspamd",
      "-c",
      "/etc/rspamd/rspamd.conf",
      ...Object.entries(vars).map(([name, value]) => `--var=${name}=${value}`),
    ],
    {
      stdio: ["ignore", out, out],
    },
  );
  closeSync(out);
  const pid = child.pid ?? 0;
  let exitCode: number | null = null;
  child.once("exit", (code) => (exitCode = code ?? 1));
  const stop = stopper(pid, () => exitCode !== null);
  const sandbox: TRspamdSandbox = {
    url: `http://127.0.0.1:${ports.normal}`,
    controllerUrl: `http://127.0.0.1:${ports.controller}`,
    controllerPassword,
    milterPort: ports.milter,
    fuzzyPort: ports.fuzzy,
    logPath,
    pid,
    isRunning: () => exitCode === null && isAlive(pid),
    stop,
  };
  try {
    await Promise.all([
      waitForPing(sandbox.url, deadline, () => exitCode),
      waitForPing(sandbox.controllerUrl, deadline, () => exitCode),
      waitForListener(ports.milter, null, deadline),
    ]);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new MailSandboxError(
      `rspamd did not start: ${reason}\n${[logTail(path.join(dirs.log, "rspamd.stdout")), logTail(logPath)].filter(Boolean).join("\n")}`,
    );
  }
  return sandbox;
}

async function waitForPing(url: string, deadline: number, exitCode: () => number | null): Promise<void> {
  for (;;) {
    if (exitCode() !== null) throw new Error(`rspamd exited with code ${exitCode()}`);
    try {
      const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok && (await response.text()).startsWith("pong")) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`nothing answered ${url}/ping`);
    await sleep(200);
  }
}

/** rspamd's workers: the main process's children (their titles change, so they are found by parent, not by name). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (new RegExp(`^PPid:\\s+${pid}$`, "m").test(readFileSync(`/proc/${entry}/status`, "utf8")))
        children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

function stopper(pid: number, hasExited: () => boolean): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const kill = (target: number, signal: NodeJS.Signals) => {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  };
  // A test runner that dies without calling stop() must not leave rspamd behind.
  const onExit = () => kill(pid, "SIGTERM");
  process.once("exit", onExit);
  return () =>
    (stopping ??= (async () => {
      process.off("exit", onExit);
      const workers = childrenOf(pid);
      kill(pid, "SIGTERM");
      // The main process waits for its workers to finish their tasks: a few seconds at most, then they are killed.
      const deadline = Date.now() + 5_000;
      while ((!hasExited() || workers.some(isAlive)) && Date.now() < deadline) await sleep(50);
      for (const target of [pid, ...workers].filter(isAlive)) kill(target, "SIGKILL");
    })());
}
