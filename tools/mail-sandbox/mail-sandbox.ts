import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { startContentFilter, type TContentFilter } from "./content-filter";
import { startRspamdSandbox, type TRspamdSandbox, type TRspamdSandboxOptions } from "./rspamd-sandbox";
import {
  DOVECOT_LOG_NAME,
  MAILLOG_NAME,
  type TSandboxConfig,
  type TSandboxPaths,
  type TSandboxPorts,
} from "./sandbox-config";
import {
  layout,
  normalizeAddress,
  normalizeAddresses,
  passwordFor,
  prepareDir,
  writeConfig,
  writeMailboxes,
} from "./sandbox-files";
import {
  assertMailSystemInstalled,
  findSandboxProcesses,
  isAlive,
  logTail,
  MailSandboxError,
  pickFreePorts,
  runCommand,
  sleep,
  systemIds,
  waitForListener,
} from "./sandbox-processes";

export { assertMailSystemInstalled, MailSandboxError } from "./sandbox-processes";
export { SANDBOX_FOLDERS } from "./sandbox-config";

export type TMailSandboxOptions = {
  /** Where everything lives; a new temp folder by default. Configs are rewritten, mail and log kept. */
  dir?: string;
  /** Keep `dir` after stop (the default removes it). */
  keep?: boolean;
  /** Loopback ports; each one left out is a free port picked for this sandbox. */
  smtpPort?: number;
  submissionPort?: number;
  imapPort?: number;
  lmtpPort?: number;
  doveadmPort?: number;
  /** Breakwater's policy service; Postfix asks it about every sender. isFailOpen (default true): DUNNO when it is down. */
  policy?: { host: string; port: number; isFailOpen?: boolean } | null;
  mailboxes: string[];
  /** Gets a copy of every message (always_bcc), for the content of mail events. */
  journalMailbox?: string;
  /** Where users forward suspicious mail (Settings › User reported settings); a mailbox like the others. */
  reportingMailbox?: string;
  /** Generated when left out (user "breakwater", a random password; a random key). */
  masterUser?: { user: string; password: string };
  doveadmApiKey?: string;
  /** How long Postfix and Dovecot get to accept connections (default 30 s); the error then shows their logs. */
  startTimeoutMs?: number;
  /**
   * Also an rspamd (rspamd-sandbox.ts), in the folder's rspamd/, as Postfix's milter: block maps from the console's
   * route reject at SMTP, analysts' assessments are learnt. Off by default: its first start on a machine takes minutes.
   */
  rspamd?: Omit<TRspamdSandboxOptions, "dir"> | null;
  /**
   * Also an after-queue content filter (content-filter.ts) that passes every message back unchanged, so each one
   * gets two queue ids in the log. isXforward (default true): Postfix forwards the original client and queue id.
   */
  contentFilter?: { isXforward?: boolean; replyDelayMs?: number } | null;
};

export type TMailSandbox = {
  dir: string;
  host: "127.0.0.1";
  smtpPort: number;
  /** SMTP with AUTH (PLAIN/LOGIN, no TLS) against the mailboxes' passwords: the policy service sees sasl_username. */
  submissionPort: number;
  imapPort: number;
  lmtpPort: number;
  /** POST JSON here with `Authorization: X-Dovecot-API <base64 of the key>`. */
  doveadmUrl: string;
  doveadmApiKey: string;
  /** IMAP login "<mailbox>*<masterUser>" with masterPassword opens any mailbox. */
  masterUser: string;
  masterPassword: string;
  maillogPath: string;
  dovecotLogPath: string;
  journalMailbox: string | null;
  reportingMailbox: string | null;
  /** For `postqueue -c`, `postconf -c`. */
  postfixConfigDir: string;
  /** For `doveadm -c`. */
  dovecotConfigPath: string;
  mailboxes: readonly string[];
  /** Every mailbox's IMAP and submission password: its own address. */
  passwordFor(address: string): string;
  addMailboxes(addresses: string[]): Promise<void>;
  /** The sandbox's rspamd, Postfix's milter; null when not asked for. */
  rspamd: TRspamdSandbox | null;
  /** The content filter's port and Postfix's re-injection port; null when not asked for. */
  contentFilter: { port: number; reinjectPort: number } | null;
  /** The sandbox's live Postfix and Dovecot processes (empty once stopped). */
  processIds(): number[];
  /** Whether both masters, Postfix's and Dovecot's, are alive. */
  isRunning(): boolean;
  stop(): Promise<void>;
};

const POSTFIX = "/usr/sbin/postfix";
const DOVECOT = "/usr/sbin/dovecot";
const DOVEADM = "/usr/bin/doveadm";
const SECRET = /^[^\s:]+$/;

/**
 * A throw-away Postfix + Dovecot: everything in one folder (own config, queue, data, base_dir, logs, Maildirs owned
 * by nobody), loopback only, no TLS, nothing read from /etc. Resolves once SMTP, submission, IMAP, LMTP and the
 * doveadm HTTP API accept connections. Needs root and Debian's packages (the error says how to install them).
 */
export async function startMailSandbox(options: TMailSandboxOptions): Promise<TMailSandbox> {
  assertMailSystemInstalled();
  const portsGiven = [
    options.smtpPort,
    options.submissionPort,
    options.imapPort,
    options.lmtpPort,
    options.doveadmPort,
    ...Object.values(options.rspamd?.ports ?? {}),
  ];
  // A port picked free may be taken before Postfix or Dovecot binds it (another sandbox starting): pick again,
  // unless the port in use is one the caller chose.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      const busyPort = error instanceof MailSandboxError ? busyPortIn(error.message) : null;
      if (busyPort === null || portsGiven.includes(busyPort) || attempt === 3) throw error;
    }
  }
}

async function startOnce(options: TMailSandboxOptions): Promise<TMailSandbox> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const mailboxes = normalizeAddresses([
    ...options.mailboxes,
    ...[options.journalMailbox, options.reportingMailbox].filter((address): address is string => Boolean(address)),
  ]);
  if (!mailboxes.length) throw new MailSandboxError("the mail sandbox needs at least one mailbox");
  const masterUser = options.masterUser ?? { user: "breakwater", password: randomBytes(18).toString("base64url") };
  const doveadmApiKey = options.doveadmApiKey ?? randomBytes(24).toString("base64url");
  for (const secret of [masterUser.user, masterUser.password, doveadmApiKey]) {
    if (!SECRET.test(secret))
      throw new MailSandboxError(
        "the master user, its password and the doveadm API key must not contain spaces or colons",
      );
  }

  const dir = prepareDir(options.dir);
  const paths = layout(dir);
  const instanceName = `bwmail-${createHash("sha1").update(dir).digest("hex").slice(0, 10)}`;
  const dovecotConf = path.join(paths.dovecotDir, "dovecot.conf");
  const running = findSandboxProcesses(paths.postfixDir, dovecotConf, instanceName);
  if (running.length)
    throw new MailSandboxError(`a mail sandbox is already running in ${dir} (pids ${running.join(", ")})`);

  // What this start wrote to the logs (a kept folder holds earlier runs' lines too), for error messages.
  const logFiles = [MAILLOG_NAME, "dovecot.stderr", DOVECOT_LOG_NAME].map((name) => path.join(paths.logDir, name));
  const logStarts = logFiles.map((file) => (existsSync(file) ? statSync(file).size : 0));
  const logs = () =>
    logFiles
      .map((file, index) => logTail(file, logStarts[index]))
      .filter(Boolean)
      .join("\n");
  const free = await pickFreePorts(8);
  const ports: TSandboxPorts = {
    smtp: options.smtpPort || free[0],
    submission: options.submissionPort || free[1],
    imap: options.imapPort || free[2],
    lmtp: options.lmtpPort || free[3],
    doveadm: options.doveadmPort || free[4],
  };
  const nobody = systemIds("nobody", "nogroup");
  const milterPort = options.rspamd ? options.rspamd.ports?.milter || free[5] : null;
  const config: TSandboxConfig = {
    instanceName,
    paths,
    ports,
    policy: options.policy
      ? { host: options.policy.host, port: options.policy.port, isFailOpen: options.policy.isFailOpen ?? true }
      : null,
    journalMailbox: options.journalMailbox ? normalizeAddress(options.journalMailbox) : null,
    doveadmApiKey,
    milterPort,
    contentFilter: options.contentFilter
      ? { port: free[6], reinjectPort: free[7], isXforward: options.contentFilter.isXforward ?? true }
      : null,
    mailUid: nobody.uid,
    mailGid: nobody.gid,
  };
  // rspamd starts beside Postfix and Dovecot (its first start on a machine is the slowest part); Postfix lets mail
  // through its milter until rspamd answers (milter_default_action = accept).
  const rspamdStart =
    options.rspamd && milterPort
      ? startRspamdSandbox({
          ...options.rspamd,
          ports: { ...options.rspamd.ports, milter: milterPort },
          dir: path.join(dir, "rspamd"),
        })
      : null;
  const stopMail = stopper(dir, config, options.keep ?? false);
  let filter: TContentFilter | null = null;
  const stop = async () => {
    await filter?.stop();
    await rspamdStart?.then(
      (rspamd) => rspamd.stop(),
      () => {},
    );
    await stopMail();
  };
  let rspamd: TRspamdSandbox | null = null;
  try {
    // A previous run's sockets and master.pid in a kept folder would make Dovecot think it is already running.
    rmSync(paths.runDir, { recursive: true, force: true });
    writeConfig(config, masterUser);
    await writeMailboxes(config, mailboxes);
    if (config.contentFilter)
      filter = await startContentFilter({ ...config.contentFilter, replyDelayMs: options.contentFilter?.replyDelayMs });
    // Side by side: neither needs the other to start (Postfix only defers mail until Dovecot's LMTP answers).
    const [postfix] = await Promise.all([
      runCommand(POSTFIX, ["-c", paths.postfixDir, "start"]),
      startDovecot(dovecotConf, paths.logDir, logs),
    ]);
    if (postfix.code !== 0)
      throw new MailSandboxError(`postfix start failed${postfix.output ? `: ${postfix.output}` : ""}\n${logs()}`);
    await Promise.all([
      waitForListener(ports.smtp, "220", deadline),
      waitForListener(ports.submission, "220", deadline),
      waitForListener(ports.imap, "* OK", deadline),
      waitForListener(ports.lmtp, "220", deadline),
      waitForListener(ports.doveadm, null, deadline),
      ...(config.contentFilter ? [waitForListener(config.contentFilter.reinjectPort, "220", deadline)] : []),
    ]);
    rspamd = await rspamdStart;
  } catch (error) {
    await stop();
    if (error instanceof MailSandboxError && !error.message.includes("---"))
      throw new MailSandboxError(`${error.message}\n${logs()}`);
    throw error;
  }

  const current = [...mailboxes];
  return {
    dir,
    host: "127.0.0.1",
    smtpPort: ports.smtp,
    submissionPort: ports.submission,
    imapPort: ports.imap,
    lmtpPort: ports.lmtp,
    doveadmUrl: `http://127.0.0.1:${ports.doveadm}/doveadm/v1`,
    doveadmApiKey,
    masterUser: masterUser.user,
    masterPassword: masterUser.password,
    maillogPath: path.join(paths.logDir, MAILLOG_NAME),
    dovecotLogPath: path.join(paths.logDir, DOVECOT_LOG_NAME),
    journalMailbox: config.journalMailbox,
    reportingMailbox: options.reportingMailbox ? normalizeAddress(options.reportingMailbox) : null,
    postfixConfigDir: paths.postfixDir,
    dovecotConfigPath: dovecotConf,
    rspamd,
    contentFilter: config.contentFilter && {
      port: config.contentFilter.port,
      reinjectPort: config.contentFilter.reinjectPort,
    },
    mailboxes: current,
    passwordFor,
    async addMailboxes(addresses) {
      const added = normalizeAddresses(addresses).filter((address) => !current.includes(address));
      if (!added.length) return;
      current.push(...added);
      await writeMailboxes(config, current);
      // Postfix's daemons read the tables when they start; which domains are local is decided by a long-lived
      // trivial-rewrite: a reload restarts them.
      const reload = await runCommand(POSTFIX, ["-c", paths.postfixDir, "reload"]);
      if (reload.code !== 0) throw new MailSandboxError(`postfix reload failed: ${reload.output}`);
      await waitForDovecotUsers(dovecotConf, added, Date.now() + 5_000);
    },
    processIds: () => findSandboxProcesses(paths.postfixDir, dovecotConf, instanceName),
    isRunning: () => masterPidFiles(paths).every((pidFile) => isAlive(readPid(pidFile))),
    stop,
  };
}

/** The port of Postfix's "bind 127.0.0.1 port N: Address already in use" or Dovecot's "listen(127.0.0.1, N) failed: Address already in use". */
function busyPortIn(message: string): number | null {
  const match = /(?:bind|listen)[ (]127\.0\.0\.1(?: port|,) (\d+)\)?(?: failed)?: Address already in use/.exec(message);
  return match ? Number(match[1]) : null;
}

/** Dovecot re-reads its passwd-file at most once a second: wait until it knows the new users. */
async function waitForDovecotUsers(dovecotConf: string, addresses: string[], deadline: number): Promise<void> {
  for (const address of addresses) {
    for (;;) {
      const lookup = await runCommand(DOVEADM, ["-c", dovecotConf, "user", address]);
      if (lookup.code === 0) break;
      if (Date.now() > deadline) throw new MailSandboxError(`Dovecot does not know ${address}: ${lookup.output}`);
      await sleep(100);
    }
  }
}

async function startDovecot(conf: string, logDir: string, logs: () => string): Promise<void> {
  // Dovecot's master keeps the caller's stdout/stderr open for its whole life: with pipes, a test runner reading
  // them would wait forever. Files instead.
  const out = openSync(path.join(logDir, "dovecot.stderr"), "a");
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(DOVECOT, ["-c", conf], { stdio: ["ignore", out, out] });
      child.once("error", reject);
      child.once("exit", (exitCode) => resolve(exitCode ?? 1));
    });
    if (code !== 0) throw new MailSandboxError(`dovecot failed to start (exit ${code})\n${logs()}`);
  } finally {
    closeSync(out);
  }
}

/** SIGTERM to Postfix's and Dovecot's masters, by the PIDs in their pid files; each ends its children. */
function signalMasters(paths: TSandboxPaths): void {
  for (const pidFile of masterPidFiles(paths)) {
    const pid = readPid(pidFile);
    if (isAlive(pid)) process.kill(pid, "SIGTERM");
  }
}

function masterPidFiles(paths: TSandboxPaths): string[] {
  return [path.join(paths.queueDir, "pid", "master.pid"), path.join(paths.runDir, "master.pid")];
}

function readPid(pidFile: string): number {
  return existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) || 0 : 0;
}

function stopper(dir: string, config: TSandboxConfig, keep: boolean): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const processes = () =>
    findSandboxProcesses(
      config.paths.postfixDir,
      path.join(config.paths.dovecotDir, "dovecot.conf"),
      config.instanceName,
    );
  // A test runner that dies without calling stop() must not leave mail daemons behind.
  const onExit = () => signalMasters(config.paths);
  process.once("exit", onExit);
  return () =>
    (stopping ??= (async () => {
      process.off("exit", onExit);
      signalMasters(config.paths);
      // Wait for every process of the sandbox, not only the masters. Postfix is gone in ~0.1 s and Dovecot in ~1 s,
      // but Dovecot's master sometimes waits ~5 s more for an idle doveadm-server: past 2 s, kill what is left
      // (Maildir writes are atomic and Dovecot rebuilds its indexes, so a kept folder loses nothing).
      const deadline = Date.now() + 2_000;
      while (processes().length && Date.now() < deadline) await sleep(50);
      for (const pid of processes()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // It ended by itself meanwhile.
        }
      }
      while (processes().length && Date.now() < deadline + 2_000) await sleep(50);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    })());
}
