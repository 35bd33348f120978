import "server-only";
import { senderIPv4, type THeader } from "@/server/submissions/message-headers";

/** The server that handed the message to the organisation, as its receiving server recorded it. */
export type TSendingHost = { ip: string | null; helo: string | null; hostname: string | null };

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
