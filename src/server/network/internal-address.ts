import ipaddr from "ipaddr.js";

type TAddress = ipaddr.IPv4 | ipaddr.IPv6;

// ipaddr.js's range names, in the words an admin reads in a refusal.
const RANGE_WORDS: Record<string, string> = {
  loopback: "loopback",
  private: "private",
  uniqueLocal: "private (unique local)",
  carrierGradeNat: "carrier-grade NAT",
  linkLocal: "link-local",
  multicast: "multicast",
  unspecified: "unspecified",
  broadcast: "broadcast",
};

/**
 * An IP address as written, in any notation the resolver also accepts (127.1, 0x7f.1, 2130706433, 0177.0.0.1,
 * [::1], ::ffff:127.0.0.1), as IPv4 when it is an IPv4-mapped IPv6 address; null when it is a name.
 */
export function parseAddress(host: string): TAddress | null {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.process(bare);
  } catch {
    return null;
  }
}

/**
 * Why an address is internal (loopback, private, CGNAT, link-local and the cloud metadata address, multicast,
 * unspecified, or any other special-purpose range such as 6to4 or NAT64 that can lead back inside), or null for a
 * public unicast address. Anything ipaddr.js does not call plain "unicast" is internal: new special ranges are refused
 * rather than reached.
 */
export function internalRange(address: string): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return "not an IP address";
  const range = parsed.range();
  if (range === "unicast") return null;
  return RANGE_WORDS[range] ?? `special-purpose (${range})`;
}

/** Whether `address` is one of the entries written as an address or a CIDR range (`10.1.0.0/16`, `fd00::/8`). */
export function isInAddressEntries(address: string, entries: readonly string[]): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  return entries.some((entry) => {
    if (entry.includes("/")) {
      if (!ipaddr.isValidCIDR(entry)) return false;
      const [network, bits] = ipaddr.parseCIDR(entry);
      return network.kind() === parsed.kind() && parsed.match(network, bits);
    }
    const single = parseAddress(entry);
    return (
      single !== null && single.kind() === parsed.kind() && single.toNormalizedString() === parsed.toNormalizedString()
    );
  });
}
