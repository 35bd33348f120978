import "server-only";
import ipaddr from "ipaddr.js";
import { PEER_HEADER } from "@/server/http/socket-peer";
import { parseAddress } from "@/server/network/internal-address";

type THeaders = Record<string, string | string[] | undefined> | Headers | undefined;

const header = (headers: THeaders, name: string): string | undefined => {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
};

function isTrusted(address: string, trustedProxies: readonly string[]): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  return trustedProxies.some((entry) => {
    if (entry.includes("/")) {
      const [network, bits] = ipaddr.parseCIDR(entry);
      return network.kind() === parsed.kind() && parsed.match(network, bits);
    }
    const single = parseAddress(entry);
    return single !== null && single.toNormalizedString() === parsed.toNormalizedString();
  });
}

/**
 * The client's address for sign-in throttling and the audit log. The socket's peer, unless it is one of the
 * trusted proxies (BREAKWATER_TRUSTED_PROXIES): then X-Forwarded-For is read from its right end, past each trusted
 * proxy, to the first address a trusted proxy received the request from. A client's own X-Forwarded-For is never
 * believed when it came straight in. Null when the peer cannot be known.
 */
export function clientIp(headers: THeaders, trustedProxies: readonly string[]): string | null {
  const peer = parseAddress(header(headers, PEER_HEADER) ?? "")?.toString();
  if (!peer) return null;
  if (!isTrusted(peer, trustedProxies)) return peer;
  const hops = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = parseAddress(hops[index])?.toString();
    // A hop that is not an address was written by someone untrusted: stop at the last address vouched for.
    if (!hop) return peer;
    if (!isTrusted(hop, trustedProxies)) return hop;
  }
  return peer;
}
