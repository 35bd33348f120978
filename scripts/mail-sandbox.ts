// `npm run mail:sandbox`: a throw-away Postfix + Dovecot on this machine with the organisation's mailboxes, asking
// Breakwater's policy service about every sender, for trying the console on real mail. Prints how to send a
// message and how to point the console at it, and runs until Ctrl-C.
// Options: --dir DIR, --smtp-port N, --submission-port N, --imap-port N, --doveadm-port N, --journal ADDRESS,
// --no-journal, --reporting ADDRESS (the reporting mailbox, breakwater-reports@<main domain> by default),
// --no-reporting, --no-policy, --no-rspamd, --console URL. The policy service's address and fail mode come from
// BREAKWATER_POLICY_HOST/_PORT/_FAIL_OPEN as for the worker (127.0.0.1:10040, fail open). When Debian's rspamd is
// installed it runs too, as Postfix's milter, polling the console (--console, default http://127.0.0.1:$PORT) for
// its block maps with a reader API token it makes once and keeps in the data folder.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { readEnv } from "../src/server/env";
import { assertMailSystemInstalled, MailSandboxError, startMailSandbox } from "../tools/mail-sandbox/mail-sandbox";
import { isRspamdInstalled, RSPAMD_INSTALL_COMMAND } from "../tools/mail-sandbox/rspamd-sandbox";
import { persistentSecret } from "./lib/secret";

const USAGE =
  "usage: npm run mail:sandbox -- [--dir DIR] [--smtp-port 2525] [--submission-port 2587] [--imap-port 2143] [--doveadm-port 2780] [--journal ADDRESS | --no-journal] [--reporting ADDRESS | --no-reporting] [--no-policy] [--no-rspamd] [--console http://127.0.0.1:3000]";
// rspamd's own defaults (11332–11335) moved next to the sandbox's other ports, so a system rspamd keeps its own.
const RSPAMD_PORTS = { milter: 2732, normal: 2733, controller: 2734, fuzzy: 2735 };

function port(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535)
    throw new MailSandboxError(`--${name} must be a port number, got "${value}"`);
  return Number(value);
}

async function organisationMailboxes(): Promise<string[]> {
  const { prisma, disconnectPrisma } = await import("../src/server/db");
  try {
    const rows = await prisma.mailbox.findMany({ select: { address: true }, orderBy: { address: "asc" } });
    return rows.map((row) => row.address.toLowerCase());
  } finally {
    await disconnectPrisma();
  }
}

/**
 * A reader API token for rspamd's map URLs: made once, kept in the data folder, made again when revoked or when the
 * database is another one.
 */
async function mapsToken(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "mail-sandbox-rspamd-token");
  const { prisma, disconnectPrisma } = await import("../src/server/db");
  const { hashToken } = await import("../src/server/auth/api-tokens");
  const { createToken } = await import("../src/server/tokens/tokens.service");
  const { SYSTEM } = await import("../src/server/auth/principal");
  try {
    const kept = existsSync(file) ? readFileSync(file, "utf8").trim() : null;
    if (kept && (await prisma.apiToken.findFirst({ where: { tokenHash: hashToken(kept), revokedAt: null } })))
      return kept;
    const { secret } = await createToken({ name: "mail sandbox rspamd maps", role: "reader" }, SYSTEM);
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  } finally {
    await disconnectPrisma();
  }
}

/** The domain most mailboxes are in: the journal mailbox goes there. */
function mainDomain(addresses: string[]): string {
  const counts = new Map<string, number>();
  for (const address of addresses) counts.set(address.split("@")[1], (counts.get(address.split("@")[1]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

async function main() {
  const { values } = parseArgs({
    options: {
      // Fixed ports and a kept folder by default, so the console's settings stay right across restarts.
      dir: { type: "string", default: path.join(os.tmpdir(), "breakwater-mail-sandbox") },
      "smtp-port": { type: "string", default: "2525" },
      "submission-port": { type: "string", default: "2587" },
      "imap-port": { type: "string", default: "2143" },
      "doveadm-port": { type: "string", default: "2780" },
      journal: { type: "string" },
      "no-journal": { type: "boolean" },
      reporting: { type: "string" },
      "no-reporting": { type: "boolean" },
      "no-policy": { type: "boolean" },
      "no-rspamd": { type: "boolean" },
      console: { type: "string" },
    },
  });
  const env = readEnv();
  assertMailSystemInstalled();
  if (!env.DATABASE_URL) {
    console.error(
      "npm run mail:sandbox reads the organisation's mailboxes from Breakwater's database: set DATABASE_URL to the one\n" +
        "`npm start` uses. With its embedded PostgreSQL that is postgresql://postgres:breakwater@127.0.0.1:PORT/breakwater,\n" +
        'PORT being the one `npm start` prints ("embedded PostgreSQL on 127.0.0.1:PORT"):\n' +
        "  DATABASE_URL=postgresql://postgres:breakwater@127.0.0.1:PORT/breakwater npm run mail:sandbox",
    );
    process.exit(2);
  }
  const mailboxes = await organisationMailboxes();
  if (!mailboxes.length)
    throw new MailSandboxError(
      "the organisation has no mailboxes yet: start the console once (`npm start` makes the demo organisation) or run `npm run simulate -- org`",
    );
  const journalMailbox = values["no-journal"]
    ? undefined
    : (values.journal ?? `breakwater-journal@${mainDomain(mailboxes)}`);
  const reportingMailbox = values["no-reporting"]
    ? undefined
    : (values.reporting ?? `breakwater-reports@${mainDomain(mailboxes)}`);
  const policy = values["no-policy"]
    ? null
    : {
        host: env.BREAKWATER_POLICY_HOST ?? "127.0.0.1",
        port: env.BREAKWATER_POLICY_PORT ?? 10040,
        isFailOpen: env.BREAKWATER_POLICY_FAIL_OPEN ?? true,
      };

  const withRspamd = !values["no-rspamd"] && isRspamdInstalled();
  const consoleUrl = (values.console ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, "");
  const rspamd = withRspamd
    ? {
        ports: RSPAMD_PORTS,
        controllerPassword: persistentSecret(env.BREAKWATER_DATA_DIR, "mail-sandbox-rspamd-password"),
        mapsUrl: (() => {
          const url = new URL(`${consoleUrl}/api/v1/rspamd/maps`);
          url.username = "rspamd";
          return url;
        })(),
      }
    : null;
  if (rspamd) rspamd.mapsUrl.password = await mapsToken(env.BREAKWATER_DATA_DIR);

  const startedAt = Date.now();
  const sandbox = await startMailSandbox({
    dir: values.dir,
    keep: true,
    smtpPort: port("smtp-port", values["smtp-port"]),
    submissionPort: port("submission-port", values["submission-port"]),
    imapPort: port("imap-port", values["imap-port"]),
    doveadmPort: port("doveadm-port", values["doveadm-port"]),
    policy,
    mailboxes,
    journalMailbox,
    reportingMailbox,
    // Kept in the data folder: the console's settings stay right across restarts of the sandbox.
    masterUser: {
      user: "breakwater",
      password: persistentSecret(env.BREAKWATER_DATA_DIR, "mail-sandbox-master-password"),
    },
    doveadmApiKey: persistentSecret(env.BREAKWATER_DATA_DIR, "mail-sandbox-doveadm-api-key"),
    rspamd: rspamd
      ? { ports: rspamd.ports, controllerPassword: rspamd.controllerPassword, mapsUrl: rspamd.mapsUrl.href }
      : null,
  });
  const rspamdLines = sandbox.rspamd
    ? `  rspamd      milter 127.0.0.1:${sandbox.rspamd.milterPort}, scans ${sandbox.rspamd.url}, controller ${sandbox.rspamd.controllerUrl}; block maps from ${consoleUrl}/api/v1/rspamd/maps`
    : `  rspamd      off${values["no-rspamd"] ? "" : ` (not installed: ${RSPAMD_INSTALL_COMMAND})`}`;
  const [first, second] = mailboxes;
  console.log(`[mail-sandbox] Postfix + Dovecot${sandbox.rspamd ? " + rspamd" : ""} up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s, ${mailboxes.length} mailboxes, files in ${sandbox.dir}
  SMTP        127.0.0.1:${sandbox.smtpPort} (no AUTH; 127.0.0.0/8 may send to any address, other domains' mail is dropped)
  submission  127.0.0.1:${sandbox.submissionPort} (AUTH PLAIN/LOGIN, no TLS)
  IMAP        127.0.0.1:${sandbox.imapPort} (no TLS)
  doveadm     ${sandbox.doveadmUrl}
  policy      ${policy ? `${policy.host}:${policy.port}, ${policy.isFailOpen ? "mail flows" : "senders are deferred"} while it is down` : "off"}
  journal     ${sandbox.journalMailbox ?? "off"}
  reporting   ${sandbox.reportingMailbox ?? "off"}
${rspamdLines}
  mail log    ${sandbox.maillogPath}
Each mailbox's password (IMAP, submission) is its own address, e.g. ${first} / ${sandbox.passwordFor(first)}.

Send a message into the organisation:
  swaks --server 127.0.0.1:${sandbox.smtpPort} --from billing@fabrikam.example --to ${first} \\
    --header "Subject: Invoice overdue" --body "Pay at https://fabrikam-billing.example/pay"
Send as a user (what the policy service may refuse):
  swaks --server 127.0.0.1:${sandbox.submissionPort} --auth PLAIN --auth-user ${first} --auth-password ${sandbox.passwordFor(first)} \\
    --from ${first} --to ${second ?? "someone@outside.example"}

Point the console at it (Settings › Mail system, or these variables for \`npm start\` / \`npm run worker\`; the
sandbox is on loopback, which the console reaches only when Allowed internal hosts names it):
  BREAKWATER_MAIL_CONNECTOR=postfix-dovecot
  BREAKWATER_ALLOWED_INTERNAL_HOSTS=127.0.0.1
  BREAKWATER_IMAP_HOST=127.0.0.1
  BREAKWATER_IMAP_PORT=${sandbox.imapPort}
  BREAKWATER_IMAP_MASTER_USER=${sandbox.masterUser}
  BREAKWATER_IMAP_MASTER_PASSWORD=${sandbox.masterPassword}
  BREAKWATER_DOVEADM_URL=${sandbox.doveadmUrl}
  BREAKWATER_DOVEADM_API_KEY=${sandbox.doveadmApiKey}
  BREAKWATER_MAILLOG_PATH=${sandbox.maillogPath}${sandbox.journalMailbox ? `\n  BREAKWATER_JOURNAL_MAILBOX=${sandbox.journalMailbox}` : ""}${
    sandbox.rspamd
      ? `\n  BREAKWATER_RSPAMD_URL=${sandbox.rspamd.url}\n  BREAKWATER_RSPAMD_CONTROLLER_URL=${sandbox.rspamd.controllerUrl}\n  BREAKWATER_RSPAMD_PASSWORD=${sandbox.rspamd.controllerPassword}`
      : ""
  }

${
  sandbox.reportingMailbox
    ? `Report as a user would (Settings › User reported settings: mailbox ${sandbox.reportingMailbox}, no password, SMTP relay
127.0.0.1:${sandbox.smtpPort} for feedback): forward a message as an attachment over submission, e.g.
  swaks --server 127.0.0.1:${sandbox.submissionPort} --auth PLAIN --auth-user ${first} --auth-password ${sandbox.passwordFor(first)} \\
    --from ${first} --to ${sandbox.reportingMailbox} --header "Subject: [Phish] FW: Invoice overdue" --attach-type message/rfc822 --attach @suspicious.eml

`
    : ""
}Mail and log are kept in ${sandbox.dir} across restarts; delete it to start afresh. Ctrl-C stops the sandbox.`);

  // Also what keeps this process alive: it says so when Postfix or Dovecot dies under it.
  const watch = setInterval(() => {
    if (sandbox.isRunning() && (sandbox.rspamd?.isRunning() ?? true)) return;
    clearInterval(watch);
    console.error(
      `[mail-sandbox] Postfix, Dovecot or rspamd stopped; see ${[sandbox.maillogPath, sandbox.dovecotLogPath, sandbox.rspamd?.logPath].filter(Boolean).join(", ")}`,
    );
    void sandbox.stop().then(() => process.exit(1));
  }, 2_000);
  const stop = async () => {
    clearInterval(watch);
    console.log(`[mail-sandbox] stopping Postfix and Dovecot${sandbox.rspamd ? " and rspamd" : ""}`);
    await sandbox.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(`[mail-sandbox] ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof MailSandboxError)) console.error(USAGE);
  process.exit(1);
});
