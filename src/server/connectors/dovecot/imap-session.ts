import "server-only";
import { ImapFlow } from "imapflow";
import { parseAddress } from "@/server/network/internal-address";
import { OutboundRefusedError, resolveOutboundTarget } from "@/server/network/outbound-target";
import type { TMailSystemConfig } from "@/server/mail-system/mail-system-settings.service";
import { networkWords } from "./network-words";

export type TImapSettings = {
  host: string;
  port: number;
  secure: boolean;
  masterUser: string;
  masterPassword: string;
  allowedInternalHosts: readonly string[];
};

/** IMAP as the connector uses it; null until host, master user and password are all set. */
export function imapSettings(settings: TMailSystemConfig): TImapSettings | null {
  const { imapHost, imapPort, imapSecure, masterUser, masterPassword, allowedInternalHosts } = settings;
  if (!imapHost || !masterUser || !masterPassword) return null;
  return {
    host: imapHost,
    port: imapPort ?? (imapSecure ? 993 : 143),
    secure: imapSecure,
    masterUser,
    masterPassword,
    allowedInternalHosts,
  };
}

/** Why an IMAP login or command failed, in words an admin can act on, and whether every other mailbox will fail the same way. */
export type TImapFailure = { kind: "unreachable" | "masterLogin" | "noUser" | "other"; detail: string };

// imapflow's own codes for a connection that did not get going or went away.
const IMAP_WORDS: Record<string, string> = {
  CONNECT_TIMEOUT: "no answer",
  GREETING_TIMEOUT: "no greeting",
  UPGRADE_TIMEOUT: "TLS handshake timed out",
  ETIMEOUT: "timed out",
  NoConnection: "connection closed",
  EConnectionClosed: "connection closed",
  ClosedAfterConnectText: "connection closed",
  ClosedAfterConnectTLS: "connection closed",
};

/** The address an admin typed, as the failures name it: "127.0.0.1:1143". */
export const imapAddress = (settings: Pick<TImapSettings, "host" | "port">) => `${settings.host}:${settings.port}`;

export function describeImapError(error: unknown): TImapFailure {
  if (error instanceof OutboundRefusedError) return { kind: "unreachable", detail: `refused: ${error.message}` };
  const failure = error as {
    code?: string;
    message?: string;
    authenticationFailed?: boolean;
    serverResponseCode?: string;
    responseText?: string;
  };
  if (failure.authenticationFailed) {
    // Dovecot answers UNAVAILABLE ("Internal error") to a master login as a user its userdb does not know.
    if (failure.serverResponseCode === "AUTHENTICATIONFAILED")
      return { kind: "masterLogin", detail: "AUTHENTICATIONFAILED" };
    return { kind: "noUser", detail: failure.serverResponseCode ?? failure.responseText ?? "login refused" };
  }
  const words =
    networkWords(failure.code) ??
    (failure.code && Object.hasOwn(IMAP_WORDS, failure.code) ? IMAP_WORDS[failure.code] : null);
  if (words) return { kind: "unreachable", detail: words };
  return {
    kind: "other",
    detail: failure.serverResponseCode ?? failure.responseText ?? failure.message ?? String(error),
  };
}

/**
 * Logs in as `user*master` (Dovecot's master-user separator), so one credential reaches every mailbox. Short
 * timeouts: this runs inside the decision's transaction, and a server that does not answer must fail it quickly.
 */
export function openMailbox(settings: TImapSettings, user: string): Promise<ImapFlow> {
  return openImap(settings, { user: `${user}*${settings.masterUser}`, pass: settings.masterPassword });
}

export type TImapEndpoint = Pick<TImapSettings, "host" | "port" | "secure" | "allowedInternalHosts">;

/** An IMAP session with the given login; `socketTimeout` longer for a reader that idles between commands. */
export async function openImap(
  settings: TImapEndpoint,
  auth: { user: string; pass: string },
  { socketTimeout = 60_000 } = {},
): Promise<ImapFlow> {
  // Connects to the address just checked (SSRF, DNS rebinding), still naming the host for TLS.
  const [{ address }] = await resolveOutboundTarget(settings.host, settings.allowedInternalHosts);
  const client = new ImapFlow({
    host: address,
    ...(parseAddress(settings.host) ? {} : { servername: settings.host }),
    port: settings.port,
    secure: settings.secure,
    auth,
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 10_000,
    greetingTimeout: 5_000,
    socketTimeout,
  });
  // A dropped connection is also reported by the command that was waiting on it; without a listener it would crash the process.
  client.on("error", () => {});
  await client.connect();
  return client;
}

export async function closeMailbox(client: ImapFlow): Promise<void> {
  await client.logout().catch(() => client.close());
}
