import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";

// Process and socket plumbing for the mail sandbox: commands, free ports, banners, and finding its processes.

const MAIL_PACKAGES_INSTALL_COMMAND =
  'echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections && ' +
  "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends " +
  "postfix dovecot-core dovecot-imapd dovecot-lmtpd swaks";

export class MailSandboxError extends Error {
  override name = "MailSandboxError";
}

/** Throws with the apt line when a package is missing, and when not root (Postfix's master must start as root). */
export function assertMailSystemInstalled(): void {
  const missing = [
    ["postfix", "/usr/lib/postfix/sbin/master"],
    ["dovecot-core", "/usr/sbin/dovecot"],
    ["dovecot-imapd", "/usr/lib/dovecot/imap"],
    ["dovecot-lmtpd", "/usr/lib/dovecot/lmtp"],
  ].filter(([, file]) => !existsSync(file));
  if (missing.length) {
    const names = missing.map(([name]) => name).join(", ");
    throw new MailSandboxError(
      `${names} ${missing.length > 1 ? "are" : "is"} not installed: run (as root)\n  ${MAIL_PACKAGES_INSTALL_COMMAND}`,
    );
  }
  if (process.getuid?.() !== 0)
    throw new MailSandboxError(
      "the mail sandbox must run as root: Postfix's master and Dovecot start as root and drop privileges",
    );
}

type TCommandResult = { code: number; output: string };

/** Runs a command to its end; never throws, so the caller can put the output into its own error. */
export function runCommand(command: string, args: string[]): Promise<TCommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
  });
}

/** Distinct free loopback ports, held open together so one call never returns the same port twice. */
export async function pickFreePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Resolves once the port accepts a connection and, when `banner` is given, greets with it. */
export async function waitForListener(port: number, banner: string | null, deadline: number): Promise<void> {
  for (;;) {
    const greeting = await readGreeting(port, banner !== null);
    if (greeting !== null && (banner === null || greeting.startsWith(banner))) return;
    if (Date.now() > deadline)
      throw new MailSandboxError(
        `nothing ${banner ? `greeting "${banner}"` : "listening"} on 127.0.0.1:${port}${greeting ? ` (got "${greeting.trim()}")` : ""}`,
      );
    await sleep(50);
  }
}

function readGreeting(port: number, isBannerExpected: boolean): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (value: string | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(2_000, () => done(null));
    socket.once("error", () => done(null));
    socket.once("connect", () => !isBannerExpected && done(""));
    socket.once("data", (data) => done(data.toString("latin1")));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The live processes of one sandbox: Postfix's (its master exports MAIL_CONFIG=<config dir> to every child) and
 * Dovecot's (the master's command line names its config; each child's title is "dovecot-<instance_name>/…").
 * Stop waits on this list, not only on the masters' PIDs.
 */
export function findSandboxProcesses(postfixDir: string, dovecotConf: string, instanceName: string): number[] {
  const environMarker = `MAIL_CONFIG=${postfixDir}\0`;
  const dovecotMaster = `-c\0${dovecotConf}\0`;
  const dovecotChild = `dovecot-${instanceName}/`;
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, "latin1");
      const isDovecot =
        title.startsWith(dovecotChild) || (title.startsWith("/usr/sbin/dovecot\0") && title.includes(dovecotMaster));
      if (isDovecot || `${readFileSync(`/proc/${pid}/environ`, "latin1")}\0`.includes(environMarker)) pids.push(pid);
    } catch {
      // The process ended while we looked: it is not one to wait for.
    }
  }
  return pids;
}

export function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    // A zombie is dead: the daemons are reparented to PID 1, which on some machines never reaps them.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "latin1"));
  } catch {
    return false;
  }
}

/** The numeric uid and gid of a system account (nobody:nogroup owns the Maildirs, so no user has to be created). */
export function systemIds(user: string, group: string): { uid: number; gid: number } {
  const field = (file: string, name: string) => {
    const line = readFileSync(file, "utf8")
      .split("\n")
      .find((row) => row.startsWith(`${name}:`));
    if (!line) throw new MailSandboxError(`no ${name} in ${file}`);
    return Number(line.split(":")[2]);
  };
  return { uid: field("/etc/passwd", user), gid: field("/etc/group", group) };
}

/** The last lines a log got from `fromByte` on, for an error message; empty when there are none. */
export function logTail(file: string, fromByte = 0, lines = 15): string {
  if (!existsSync(file)) return "";
  const text = readFileSync(file).subarray(fromByte).toString("utf8").trimEnd();
  return text ? `--- ${file}\n${text.split("\n").slice(-lines).join("\n")}` : "";
}
