import "server-only";
import { getRspamdConfig, rspamdEndpoint } from "./rspamd-config";
import { rspamdRequest } from "./rspamd-request";

export type TRspamdSymbol = { name: string; score: number; options: string[] };

export type TRspamdScan =
  | { status: "ok"; score: number; action: string; symbols: TRspamdSymbol[] }
  | { status: "unavailable"; reason: string }
  | { status: "not-configured" };

/** What rspamd would have known at SMTP time: the connecting host and the envelope. */
export type TRspamdEnvelope = {
  ip: string | null;
  helo: string | null;
  /** The sender's reverse DNS name as the receiving server recorded it (sending-host.ts); spares rspamd a PTR lookup. */
  hostname?: string | null;
  from?: string;
  rcpt?: string[];
};

export type TScanOptions = {
  /** Default 5 s: one message's scan must never hold a verdict for long. */
  timeoutMs?: number;
  /** The normal worker's URL; the settings' (Settings › Mail system, BREAKWATER_RSPAMD_URL) when left out. */
  url?: string | null;
};

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Scans a message with rspamd's HTTP API (POST /checkv2), passing the original sending IP, HELO and envelope as
 * headers. Never throws: rspamd down, slow or answering nonsense is `unavailable` with the reason, and no URL set
 * is `not-configured`, so the verdict is made without it and says so.
 */
export async function scanWithRspamd(
  raw: Buffer | string,
  envelope: TRspamdEnvelope,
  options: TScanOptions = {},
): Promise<TRspamdScan> {
  let url = options.url;
  if (url === undefined) {
    try {
      url = (await getRspamdConfig()).url;
    } catch (error) {
      return {
        status: "unavailable",
        reason: `its settings could not be read: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  if (!url) return { status: "not-configured" };
  const headers: Record<string, string | string[]> = { "content-type": "message/rfc822" };
  if (envelope.ip) headers.IP = envelope.ip;
  if (envelope.helo) headers.Helo = envelope.helo;
  if (envelope.hostname) headers.Hostname = envelope.hostname;
  if (envelope.from) headers.From = envelope.from;
  // One Rcpt header per recipient, as rspamd's protocol reads them.
  if (envelope.rcpt?.length) headers.Rcpt = envelope.rcpt;
  const reply = await rspamdRequest(rspamdEndpoint(url, "/checkv2"), {
    method: "POST",
    headers,
    body: raw,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  if (!reply.ok) return { status: "unavailable", reason: reply.reason };
  return scanOf(reply.body);
}

/** rspamd's /checkv2 JSON, checked: anything else is `unavailable` rather than a half-read result. */
export function scanOf(body: unknown): TRspamdScan {
  if (typeof body !== "object" || body === null)
    return { status: "unavailable", reason: "the answer is not rspamd's JSON" };
  const { score, action, symbols } = body as { score?: unknown; action?: unknown; symbols?: unknown };
  if (typeof score !== "number" || typeof action !== "string" || typeof symbols !== "object" || symbols === null) {
    return { status: "unavailable", reason: "the answer has no score, action or symbols" };
  }
  return {
    status: "ok",
    score,
    action,
    symbols: Object.entries(symbols as Record<string, { score?: unknown; options?: unknown }>).map(
      ([name, symbol]) => ({
        name,
        score: typeof symbol?.score === "number" ? symbol.score : 0,
        options: Array.isArray(symbol?.options) ? symbol.options.map(String) : [],
      }),
    ),
  };
}
