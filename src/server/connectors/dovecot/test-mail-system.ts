import "server-only";
import { connect } from "node:net";
import { prisma } from "@/server/db";
import { guardedFetch } from "@/server/network/guarded-fetch";
import { isLocalListenHost } from "@/server/network/local-address";
import type { TConnectionCheck } from "../connector.types";
import type { TMailSystemConfig } from "@/server/mail-system/mail-system-settings.service";
import { describeFetchError, doveadmEndpoint, doveadmHeaders } from "./doveadm-client";
import {
  closeMailbox,
  describeImapError,
  imapAddress,
  imapSettings,
  openMailbox,
  type TImapSettings,
} from "./imap-session";

const TIMEOUT_MS = 3_000;

// One answer for a refused, silent, closed or foreign port alike.
const NO_POLICY_SERVICE = "no policy service answered";
const NO_DOVEADM = "no doveadm API answered";
const NO_IMAP = "no IMAP server answered";

/**
 * Checks each service the Postfix + Dovecot connector is set up to use, at once, and says only whether it answered as
 * that service: the policy service answering a request, doveadm's API accepting the key, an IMAP server letting the
 * master user in, the journal mailbox readable. It never says why a connection failed (refused, timed out, closed),
 * nor anything about files, so that it cannot serve to probe ports or paths; and it reaches only what Settings › Mail
 * system may reach (SSRF: public addresses or Allowed internal hosts; the policy service on this machine).
 */
export async function testMailSystem(settings: TMailSystemConfig): Promise<TConnectionCheck[]> {
  const imap = imapSettings(settings);
  const checks: Promise<TConnectionCheck | TConnectionCheck[]>[] = [
    checkPolicyService(settings.policyHost, settings.policyPort),
  ];
  if (settings.doveadmUrl)
    checks.push(checkDoveadm(settings.doveadmUrl, settings.doveadmApiKey, settings.allowedInternalHosts));
  if (imap) checks.push(checkImap(imap, settings.journalMailbox));
  else if (settings.imapHost)
    checks.push(
      Promise.resolve({
        name: "IMAP master user",
        ok: false,
        detail: "master user: the user name or the password is not set",
      }),
    );
  if (!settings.doveadmUrl && !settings.imapHost)
    checks.push(
      Promise.resolve({
        name: "Dovecot",
        ok: false,
        detail: "neither a doveadm URL nor an IMAP host is set: messages cannot be moved",
      }),
    );
  return (await Promise.all(checks)).flat();
}

// A harmless question: no sender, so no restriction or sending count applies to it.
const POLICY_REQUEST = [
  "request=smtpd_access_policy",
  "protocol_state=RCPT",
  "protocol_name=ESMTP",
  "client_address=127.0.0.1",
  "client_name=localhost",
  "helo_name=breakwater-test",
  "sender=",
  "recipient=postmaster",
  "instance=breakwater-test",
  "",
  "",
].join("\n");

async function checkPolicyService(host: string, port: number): Promise<TConnectionCheck> {
  const where = `policy service ${host}:${port}`;
  if (!(await isLocalListenHost(host)))
    return {
      name: "Policy service",
      ok: false,
      detail: `${where}: not an address of this machine, where the policy service listens`,
    };
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let answer = "";
    const done = (ok: boolean, detail: string) => {
      socket.destroy();
      resolve({ name: "Policy service", ok, detail });
    };
    socket.setTimeout(TIMEOUT_MS, () => done(false, `${where}: ${NO_POLICY_SERVICE}`));
    socket.on("connect", () => socket.write(POLICY_REQUEST));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (!answer.includes("\n\n")) return;
      const action = /^action=(.*)$/m.exec(answer)?.[1];
      done(Boolean(action), action ? `${where}: answered action=${action}` : `${where}: ${NO_POLICY_SERVICE}`);
    });
    socket.on("error", () => done(false, `${where}: ${NO_POLICY_SERVICE}`));
    socket.on("close", () => done(false, `${where}: ${NO_POLICY_SERVICE}`));
  });
}

async function checkDoveadm(
  url: string,
  apiKey: string | null,
  allowedInternalHosts: readonly string[],
): Promise<TConnectionCheck> {
  const name = "doveadm API";
  if (!apiKey) return { name, ok: false, detail: "doveadm API: no API key set" };
  const where = `doveadm API ${doveadmEndpoint(url)}`;
  try {
    // Listing the commands needs the key, and changes nothing. doveadm answers it with a JSON array of commands.
    const response = await guardedFetch(
      doveadmEndpoint(url),
      { headers: doveadmHeaders(apiKey), redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) },
      allowedInternalHosts,
    );
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return { name, ok: false, detail: `${where}: refused the API key` };
    }
    const commands = response.ok ? await response.json().catch(() => null) : (await response.body?.cancel(), null);
    return Array.isArray(commands)
      ? { name, ok: true, detail: `${where}: accepted the key` }
      : { name, ok: false, detail: `${where}: ${NO_DOVEADM}` };
  } catch (error) {
    const refusal = describeFetchError(error);
    return { name, ok: false, detail: `${where}: ${refusal.startsWith("refused:") ? refusal : NO_DOVEADM}` };
  }
}

/** Reaching the server, the master user's login (as a mailbox of the organisation) and the journal mailbox. */
async function checkImap(settings: TImapSettings, journalMailbox: string | null): Promise<TConnectionCheck[]> {
  const address = imapAddress(settings);
  const mailbox =
    (await prisma.mailbox.findFirst({ select: { address: true }, orderBy: { address: "asc" } }))?.address ??
    journalMailbox;
  if (!mailbox) {
    return [
      {
        name: "IMAP master user",
        ok: false,
        detail: "master user: no mailbox to log in to (add the organisation's mailboxes, or set the journal mailbox)",
      },
    ];
  }
  const login = await tryLogin(settings, mailbox);
  if (login.kind === "unreachable")
    return [
      {
        name: "IMAP",
        ok: false,
        detail: `IMAP ${address}: ${login.detail.startsWith("refused:") ? login.detail : NO_IMAP}`,
      },
    ];
  const checks: TConnectionCheck[] = [
    { name: "IMAP", ok: true, detail: `IMAP ${address}: reachable` },
    login.kind === "ok"
      ? { name: "IMAP master user", ok: true, detail: `logged in as ${mailbox}*${settings.masterUser}` }
      : {
          name: "IMAP master user",
          ok: false,
          detail:
            login.kind === "masterLogin"
              ? `master user login failed: ${login.detail}`
              : `master user login as ${mailbox} failed: ${login.detail}`,
        },
  ];
  if (journalMailbox) {
    const journal = await tryLogin(settings, journalMailbox, true);
    checks.push(
      journal.kind === "ok"
        ? { name: "Journal mailbox", ok: true, detail: `journal mailbox ${journalMailbox}: ${journal.detail}` }
        : {
            name: "Journal mailbox",
            ok: false,
            detail: `journal mailbox ${journalMailbox}: ${journal.kind === "noUser" ? "no such user" : "cannot be read"} (${journal.detail})`,
          },
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
    const failure = describeImapError(error);
    // Only what an IMAP server said counts; any other failure before it spoke (TLS on a plain port, a closed
    // connection) reads as no IMAP server, like a refused or silent port.
    const isFromServer = Boolean(
      (error as { authenticationFailed?: boolean; serverResponseCode?: string; responseText?: string })
        .authenticationFailed ||
        (error as { serverResponseCode?: string }).serverResponseCode ||
        (error as { responseText?: string }).responseText,
    );
    return failure.kind === "other" && !isFromServer ? { kind: "unreachable" as const, detail: NO_IMAP } : failure;
  }
}
