import "server-only";
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { connect } from "node:net";
import { prisma } from "@/server/db";
import type { TConnectionCheck } from "../mail-connector.types";
import type { TMailSystemConfig } from "../mail-system-settings.service";
import { describeFetchError, doveadmEndpoint, doveadmHeaders } from "./doveadm-client";
import { closeMailbox, describeImapError, imapAddress, imapSettings, openMailbox, type TImapSettings } from "./imap-session";
import { networkWords } from "./network-words";

const TIMEOUT_MS = 3_000;

/**
 * Checks each part the Postfix + Dovecot connector is set up to use, at once, and says exactly what failed: the policy
 * service answering a request, doveadm's API accepting the key, IMAP reachable and the master user let in, the journal
 * mailbox readable, the log file readable.
 */
export async function testMailSystem(settings: TMailSystemConfig): Promise<TConnectionCheck[]> {
  const imap = imapSettings(settings);
  const checks: Promise<TConnectionCheck | TConnectionCheck[]>[] = [checkPolicyService(settings.policyHost, settings.policyPort)];
  if (settings.doveadmUrl) checks.push(checkDoveadm(settings.doveadmUrl, settings.doveadmApiKey));
  if (imap) checks.push(checkImap(imap, settings.journalMailbox));
  else if (settings.imapHost) checks.push(Promise.resolve({ name: "IMAP master user", ok: false, detail: "master user: the user name or the password is not set" }));
  if (!settings.doveadmUrl && !settings.imapHost) checks.push(Promise.resolve({ name: "Dovecot", ok: false, detail: "neither a doveadm URL nor an IMAP host is set: messages cannot be moved" }));
  if (settings.maillogPath) checks.push(checkLogFile(settings.maillogPath));
  return (await Promise.all(checks)).flat();
}

// A harmless question: no sender, so no restriction or sending count applies to it.
const POLICY_REQUEST = ["request=smtpd_access_policy", "protocol_state=RCPT", "protocol_name=ESMTP", "client_address=127.0.0.1", "client_name=localhost", "helo_name=breakwater-test", "sender=", "recipient=postmaster", "instance=breakwater-test", "", ""].join("\n");

function checkPolicyService(host: string, port: number): Promise<TConnectionCheck> {
  const where = `policy service ${host}:${port}`;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let answer = "";
    const done = (ok: boolean, detail: string) => {
      socket.destroy();
      resolve({ name: "Policy service", ok, detail });
    };
    socket.setTimeout(TIMEOUT_MS, () => done(false, `${where}: no answer`));
    socket.on("connect", () => socket.write(POLICY_REQUEST));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (!answer.includes("\n\n")) return;
      const action = /^action=(.*)$/m.exec(answer)?.[1];
      done(Boolean(action), action ? `${where}: answered action=${action}` : `${where}: answered without an action`);
    });
    socket.on("error", (error: NodeJS.ErrnoException) => done(false, `${where}: ${networkWords(error.code) ?? error.message}`));
    socket.on("close", () => done(false, `${where}: closed the connection without an answer`));
  });
}

async function checkDoveadm(url: string, apiKey: string | null): Promise<TConnectionCheck> {
  const name = "doveadm API";
  if (!apiKey) return { name, ok: false, detail: "doveadm API: no API key set" };
  try {
    // Listing the commands needs the key, and changes nothing.
    const response = await fetch(doveadmEndpoint(url), { headers: doveadmHeaders(apiKey), signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? { name, ok: true, detail: `doveadm API ${doveadmEndpoint(url)}: accepted the key` } : { name, ok: false, detail: `doveadm API: ${response.status}` };
  } catch (error) {
    return { name, ok: false, detail: `doveadm API ${doveadmEndpoint(url)}: ${describeFetchError(error)}` };
  }
}

/** Reaching the server, the master user's login (as a mailbox of the organisation) and the journal mailbox. */
async function checkImap(settings: TImapSettings, journalMailbox: string | null): Promise<TConnectionCheck[]> {
  const address = imapAddress(settings);
  const mailbox = (await prisma.mailbox.findFirst({ select: { address: true }, orderBy: { address: "asc" } }))?.address ?? journalMailbox;
  if (!mailbox) {
    return [{ name: "IMAP master user", ok: false, detail: "master user: no mailbox to log in to (add the organisation's mailboxes, or set the journal mailbox)" }];
  }
  const login = await tryLogin(settings, mailbox);
  if (login.kind === "unreachable") return [{ name: "IMAP", ok: false, detail: `IMAP ${address}: ${login.detail}` }];
  const checks: TConnectionCheck[] = [
    { name: "IMAP", ok: true, detail: `IMAP ${address}: reachable` },
    login.kind === "ok"
      ? { name: "IMAP master user", ok: true, detail: `logged in as ${mailbox}*${settings.masterUser}` }
      : { name: "IMAP master user", ok: false, detail: login.kind === "masterLogin" ? `master user login failed: ${login.detail}` : `master user login as ${mailbox} failed: ${login.detail}` },
  ];
  if (journalMailbox) {
    const journal = await tryLogin(settings, journalMailbox, true);
    checks.push(
      journal.kind === "ok"
        ? { name: "Journal mailbox", ok: true, detail: `journal mailbox ${journalMailbox}: ${journal.detail}` }
        : { name: "Journal mailbox", ok: false, detail: `journal mailbox ${journalMailbox}: ${journal.kind === "noUser" ? "no such user" : "cannot be read"} (${journal.detail})` },
    );
  }
  return checks;
}

async function tryLogin(settings: TImapSettings, user: string, isJournal = false) {
  try {
    const client = await openMailbox(settings, user);
    try {
      const status = isJournal ? await client.status("INBOX", { messages: true }) : null;
      return { kind: "ok" as const, detail: status ? `${status.messages ?? 0} messages in INBOX` : "" };
    } finally {
      await closeMailbox(client);
    }
  } catch (error) {
    return describeImapError(error);
  }
}

async function checkLogFile(path: string): Promise<TConnectionCheck> {
  const name = "Mail log";
  try {
    await access(path, constants.R_OK);
    const file = await stat(path);
    if (!file.isFile()) return { name, ok: false, detail: `log file ${path}: not a file` };
    return { name, ok: true, detail: `log file ${path}: readable (${file.size} bytes)` };
  } catch (error) {
    return { name, ok: false, detail: `log file ${path}: not readable (${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "permission denied"})` };
  }
}
