import { chmodSync, chownSync, mkdirSync, mkdtempSync, renameSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  renderDovecotConf,
  renderHeaderChecks,
  renderLookupTable,
  renderMainCf,
  renderMasterCf,
  renderUsers,
  type TSandboxConfig,
  type TSandboxPaths,
} from "./sandbox-config";
import { MailSandboxError, runCommand, systemIds } from "./sandbox-processes";

// The sandbox's folder: its layout, its configuration files and its mailboxes.

// Local part and domain as Postfix's tables and Dovecot's passwd-file can hold them (no spaces, colons or newlines).
const ADDRESS = /^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;

export const normalizeAddress = (address: string) => address.trim().toLowerCase();

/** Every mailbox's IMAP and submission password: its own address, so a test or a user never has to look it up. */
export const passwordFor = normalizeAddress;

export function normalizeAddresses(addresses: string[]): string[] {
  const normalized = [...new Set(addresses.map(normalizeAddress))];
  const invalid = normalized.filter((address) => !ADDRESS.test(address));
  if (invalid.length) throw new MailSandboxError(`not usable as sandbox mailboxes: ${invalid.join(", ")}`);
  return normalized;
}

function domainsOf(addresses: string[]): string[] {
  return [...new Set(addresses.map((address) => address.split("@")[1]))].sort();
}

/** The given folder (made if missing) or a new temp folder, open to the daemons' users. */
export function prepareDir(given: string | undefined): string {
  const dir = given ? path.resolve(given) : mkdtempSync(path.join(os.tmpdir(), "breakwater-mail-"));
  mkdirSync(dir, { recursive: true });
  // Dovecot's mail processes run as nobody and Postfix's as postfix: every folder on the way must let them through.
  chmodSync(dir, 0o755);
  for (let parent = path.dirname(dir); parent !== path.dirname(parent); parent = path.dirname(parent)) {
    if ((statSync(parent).mode & 0o001) === 0)
      throw new MailSandboxError(
        `${parent} is not traversable by other users; put the mail sandbox elsewhere (e.g. under ${os.tmpdir()})`,
      );
  }
  return dir;
}

export function layout(dir: string): TSandboxPaths {
  return {
    postfixDir: path.join(dir, "postfix"),
    queueDir: path.join(dir, "postfix-queue"),
    dataDir: path.join(dir, "postfix-data"),
    dovecotDir: path.join(dir, "dovecot"),
    runDir: path.join(dir, "dovecot-run"),
    stateDir: path.join(dir, "dovecot-state"),
    logDir: path.join(dir, "log"),
    mailDir: path.join(dir, "mail"),
  };
}

export function writeConfig(config: TSandboxConfig, masterUser: { user: string; password: string }): void {
  const { paths } = config;
  for (const folder of [
    paths.postfixDir,
    paths.queueDir,
    paths.dovecotDir,
    paths.runDir,
    paths.stateDir,
    paths.logDir,
    paths.mailDir,
  ])
    mkdirSync(folder, { recursive: true });
  chownSync(paths.mailDir, config.mailUid, config.mailGid);
  // Dovecot puts Postfix's auth socket here, maybe before `postfix start` has made the folder: made as Postfix would.
  const postfixPrivate = path.join(paths.queueDir, "private");
  mkdirSync(postfixPrivate, { recursive: true, mode: 0o700 });
  const postfix = systemIds("postfix", "postfix");
  chownSync(postfixPrivate, postfix.uid, postfix.gid);
  writeFileSync(path.join(paths.postfixDir, "main.cf"), renderMainCf(config));
  writeFileSync(path.join(paths.postfixDir, "master.cf"), renderMasterCf(config.ports, config.contentFilter));
  writeFileSync(path.join(paths.postfixDir, "header_checks"), renderHeaderChecks());
  writeFileSync(path.join(paths.dovecotDir, "dovecot.conf"), renderDovecotConf(config));
  writeSecretFile(path.join(paths.dovecotDir, "master-users"), `${masterUser.user}:{PLAIN}${masterUser.password}\n`);
}

/** The mailboxes as Dovecot's users and Postfix's tables of mailboxes and domains. */
export async function writeMailboxes(config: TSandboxConfig, mailboxes: string[]): Promise<void> {
  const { postfixDir, dovecotDir } = config.paths;
  writeSecretFile(
    path.join(dovecotDir, "users"),
    renderUsers(
      config,
      mailboxes.map((address) => ({ address, password: passwordFor(address) })),
    ),
  );
  writeFileSync(path.join(postfixDir, "mailboxes"), renderLookupTable(mailboxes));
  writeFileSync(path.join(postfixDir, "domains"), renderLookupTable(domainsOf(mailboxes)));
  const postmap = await runCommand("/usr/sbin/postmap", [
    "-c",
    postfixDir,
    `hash:${postfixDir}/mailboxes`,
    `hash:${postfixDir}/domains`,
  ]);
  if (postmap.code !== 0) throw new MailSandboxError(`postmap failed: ${postmap.output}`);
}

/** Read by Dovecot's auth process, which runs as the dovecot user; the passwords stay out of others' reach. */
function writeSecretFile(file: string, text: string): void {
  // Written aside and renamed: a running Dovecot re-reads the file and must never see half of it.
  const next = `${file}.next`;
  writeFileSync(next, text, { mode: 0o640 });
  chownSync(next, 0, systemIds("dovecot", "dovecot").gid);
  renameSync(next, file);
}
