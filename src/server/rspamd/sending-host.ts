import "server-only";
import { senderIPv4, type THeader } from "@/server/submissions/message-headers";

/** The server that handed the message to the organisation, as its receiving server recorded it. */
export type TSendingHost = { ip: string | null; helo: string | null; hostname: string | null };

const MAX_HEADER_BYTES = 256 * 1024;

/** The header block of a raw message, unfolded, keys lower-cased, in order (newest hop first). */
export function rawHeaders(raw: Buffer | string): THeader[] {
  const text = (typeof raw === "string" ? raw.slice(0, MAX_HEADER_BYTES) : raw.subarray(0, MAX_HEADER_BYTES).toString("latin1")).replace(/^\uFEFF/, "");
  const end = text.search(/\r?\n\r?\n/);
  const headers: THeader[] = [];
  for (const line of (end === -1 ? text : text.slice(0, end)).split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1].value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(":");
      if (colon > 0) headers.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
    }
  }
  return headers;
}

/**
 * The sending IP, HELO and reverse DNS name to hand rspamd for a message scanned after delivery: otherwise rspamd
 * judges the connection of the scan itself (Breakwater's own address, no HELO). The IP is the one the rest of
 * Breakwater shows as the sender's (message-headers.ts: the receiving server's authentication results, else the
 * earliest external hop); HELO and name come from the topmost Received header recording that IP, the one the
 * organisation's own receiving server wrote: "from HELO (NAME [IP])" (Postfix, Sendmail) or "from NAME ([IP] helo=HELO)" (Exim).
 */
export function sendingHost(headers: readonly THeader[]): TSendingHost {
  const ip = senderIPv4(headers);
  if (!ip) return { ip: null, helo: null, hostname: null };
  const recorded = new RegExp(`\\[(?:IPv4:)?${ip.replace(/\./g, "\\.")}\\]`, "i");
  const received = headers.find((header) => header.key === "received" && recorded.test(header.value));
  const from = received ? /^\s*from\s+(\S+)(?:\s+\(([^()]*)\))?/i.exec(received.value) : null;
  if (!from) return { ip, helo: null, hostname: null };
  const comment = from[2] ?? "";
  const helo = /helo=([^\s)]+)/i.exec(comment)?.[1] ?? from[1];
  const name = /^([a-z0-9.-]+\.[a-z0-9-]+)\.?\s+\[/i.exec(comment)?.[1] ?? null;
  return { ip, helo, hostname: name && name.toLowerCase() !== "unknown" ? name.toLowerCase() : null };
}
