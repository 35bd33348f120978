import "server-only";
import { isIPv4 } from "node:net";

export type TAuthentication = { spf: string; dkim: string; dmarc: string; compAuth: string };

/** A header as it came, unfolded, in the message's order (the newest hop's headers first). */
export type THeader = { key: string; value: string };

const METHODS = { spf: "spf", dkim: "dkim", dmarc: "dmarc", compauth: "compAuth" } as const satisfies Record<
  string,
  keyof TAuthentication
>;

/**
 * SPF, DKIM, DMARC and composite authentication from the Authentication-Results headers (RFC 8601). A message can
 * carry several, one per receiving hop, and a sender can forge any added before it reached the organisation's
 * own border; the topmost header was added last, by the server nearest the mailbox, so the first header naming a
 * method decides it. Received-SPF is the older header for SPF alone and only fills in when no result names SPF.
 */
export function authenticationResults(headers: readonly THeader[]): TAuthentication {
  const results: Partial<TAuthentication> = {};
  for (const header of headers) {
    if (header.key !== "authentication-results") continue;
    for (const [method, result] of methodResults(header.value)) {
      const field = METHODS[method as keyof typeof METHODS];
      if (field) results[field] ??= result;
    }
  }
  if (!results.spf) {
    const receivedSpf = headers.find((header) => header.key === "received-spf");
    const word = receivedSpf ? /^\s*([a-z]+)/i.exec(receivedSpf.value)?.[1] : undefined;
    if (word) results.spf = word.toLowerCase();
  }
  return {
    spf: results.spf ?? "none",
    dkim: results.dkim ?? "none",
    dmarc: results.dmarc ?? "none",
    compAuth: results.compAuth ?? "none",
  };
}

/**
 * `mx.example; spf=fail (why) smtp.mailfrom=a; dkim=none` → [["spf", "fail"], ["dkim", "none"]]. The authserv-id
 * never has the `method=result` shape, so it drops out by itself; Exchange Online leaves it out altogether.
 */
function methodResults(value: string): [string, string][] {
  return splitOutsideQuotes(withoutComments(value), ";").flatMap((resinfo) => {
    const match = /^\s*([a-z0-9-]+)(?:\/[0-9]+)?\s*=\s*([a-z]+)\b/i.exec(resinfo);
    return match ? [[match[1].toLowerCase(), match[2].toLowerCase()] as [string, string]] : [];
  });
}

/** RFC 5322 comments are parenthesised, may nest, and do not count inside quoted strings. */
export function withoutComments(value: string): string {
  let out = "";
  let depth = 0;
  let isQuoted = false;
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (char === "\\") {
      if (depth === 0) out += value.slice(index, index + 2);
      index++;
    } else if (isQuoted) {
      out += char;
      if (char === '"') isQuoted = false;
    } else if (char === "(") depth++;
    else if (char === ")" && depth > 0) depth--;
    else if (depth === 0) {
      out += char;
      if (char === '"') isQuoted = true;
    }
  }
  return out;
}

export function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts = [""];
  let isQuoted = false;
  for (const char of value) {
    if (char === '"') isQuoted = !isQuoted;
    if (char === separator && !isQuoted) parts.push("");
    else parts[parts.length - 1] += char;
  }
  return parts;
}

const PRIVATE_IPV4 = [
  /^10\./,
  /^127\./,
  /^0\./,
  /^169\.254\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];
const isExternal = (ip: string) => isIPv4(ip) && !PRIVATE_IPV4.some((range) => range.test(ip));

/**
 * The IPv4 address of the server that handed the message in, by what says it best: the address the receiving
 * server recorded in its authentication results (smtp.remote-ip, client-ip, Microsoft's "sender IP is"), else the
 * earliest external hop of the Received chain (the bottom header is the first hop), else X-Originating-IP.
 */
export function senderIPv4(headers: readonly THeader[]): string | null {
  for (const header of headers) {
    if (header.key !== "authentication-results" && header.key !== "received-spf") continue;
    for (const match of header.value.matchAll(
      /(?:smtp\.remote-ip|smtp\.client-ip|client-ip)\s*=\s*\[?([0-9.]+)|sender ip is \[?([0-9.]+)/gi,
    )) {
      const ip = match[1] ?? match[2];
      if (isExternal(ip)) return ip;
    }
  }
  const received = headers.filter((header) => header.key === "received").reverse();
  for (const header of received) {
    for (const match of header.value.matchAll(/\[(?:IPv4:)?([0-9.]+)\]/gi)) if (isExternal(match[1])) return match[1];
  }
  const originating = headers.find((header) => header.key === "x-originating-ip");
  const ip = originating ? /([0-9]{1,3}(?:\.[0-9]{1,3}){3})/.exec(originating.value)?.[1] : undefined;
  return ip && isIPv4(ip) ? ip : null;
}
