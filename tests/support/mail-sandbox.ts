// A real Postfix + Dovecot for an integration test file: `const sandbox = useMailSandbox({ mailboxes })` starts one
// before the file's tests and stops it after them; `sandbox()` is the running sandbox inside a test.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { afterAll, beforeAll } from "vitest";
import { startMailSandbox, type TMailSandbox, type TMailSandboxOptions } from "../../tools/mail-sandbox/mail-sandbox";

/**
 * Options may be a function, called in beforeAll: a value made by an earlier beforeAll (a policy server's port,
 * a test's unique domain) is ready by then.
 */
export function useMailSandbox(
  options: TMailSandboxOptions | (() => TMailSandboxOptions | Promise<TMailSandboxOptions>),
): () => TMailSandbox {
  let sandbox: TMailSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startMailSandbox(typeof options === "function" ? await options() : options);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  return () => {
    if (!sandbox) throw new Error("the mail sandbox is not running: call sandbox() inside a test or a later hook");
    return sandbox;
  };
}

/** SMTP to the sandbox's port 25 equivalent: no AUTH, loopback is in mynetworks. */
export function smtpTransport(sandbox: TMailSandbox) {
  return nodemailer.createTransport({ host: sandbox.host, port: sandbox.smtpPort, secure: false, ignoreTLS: true });
}

/** A connected IMAP client for a mailbox: as its user, or as the master user ("user*master") when `asMaster`. */
export async function openImap(sandbox: TMailSandbox, address: string, { asMaster = false } = {}): Promise<ImapFlow> {
  const auth = asMaster
    ? { user: `${address}*${sandbox.masterUser}`, pass: sandbox.masterPassword }
    : { user: address, pass: sandbox.passwordFor(address) };
  // A generous greeting time: imapflow's 16 s ran out on a CI machine at load 20, and the tests read, not time, Dovecot.
  const client = new ImapFlow({
    host: sandbox.host,
    port: sandbox.imapPort,
    secure: false,
    auth,
    logger: false,
    greetingTimeout: 60_000,
  });
  await client.connect();
  return client;
}

/**
 * Waits until the mail log has `count` lines matching `pattern` (delivery is asynchronous: SMTP's 250 comes before
 * Dovecot has the message) and returns them.
 */
export async function waitForMaillog(
  sandbox: TMailSandbox,
  pattern: RegExp,
  { count = 1, timeoutMs = 10_000 } = {},
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = readFileSync(sandbox.maillogPath, "utf8")
      .split("\n")
      .filter((line) => pattern.test(line));
    if (lines.length >= count) return lines;
    if (Date.now() > deadline)
      throw new Error(
        `the mail log has ${lines.length} of ${count} lines matching ${pattern} after ${timeoutMs} ms:\n${lines.join("\n")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until Postfix is done with the message whose Message-ID header is `messageId` (its queue id's "removed"
 * line) and returns that queue id's lines: header INFO lines, one status line per recipient (journal included).
 */
export async function waitForDelivery(
  sandbox: TMailSandbox,
  messageId: string,
  { timeoutMs = 10_000 } = {},
): Promise<{ queueId: string; lines: string[] }> {
  const [idLine] = await waitForMaillog(sandbox, new RegExp(`: message-id=${escapeRegExp(messageId)}$`), { timeoutMs });
  const queueId = /: ([0-9A-F]+): message-id=/.exec(idLine)![1];
  await waitForMaillog(sandbox, new RegExp(`: ${queueId}: removed$`), { timeoutMs });
  return { queueId, lines: await waitForMaillog(sandbox, new RegExp(`: ${queueId}: `)) };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Stops the sandbox's Dovecot (the mailbox server goes down); Postfix stays up. */
export async function stopDovecot(sandbox: TMailSandbox) {
  await run("doveadm", ["-c", sandbox.dovecotConfigPath, "stop"]);
  await waitForPort(sandbox.imapPort, false);
}

/** Starts the sandbox's Dovecot again and waits for its IMAP port. */
export async function startDovecot(sandbox: TMailSandbox) {
  // Files, not pipes: Dovecot's master keeps its caller's output open for its whole life.
  const out = openSync(path.join(sandbox.dir, "log", "dovecot-restart.log"), "a");
  try {
    await run("dovecot", ["-c", sandbox.dovecotConfigPath], out);
  } finally {
    closeSync(out);
  }
  await waitForPort(sandbox.imapPort, true);
}

function run(command: string, args: string[], out: number | "ignore" = "ignore"): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", out, out] });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`)),
    );
  });
}

async function waitForPort(port: number, isOpen: boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open === isOpen) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not ${isOpen ? "open" : "close"}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
