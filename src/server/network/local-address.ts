import "server-only";
import { lookup } from "node:dns/promises";
import { networkInterfaces } from "node:os";
import { parseAddress } from "./internal-address";

/**
 * Whether every address `host` stands for belongs to this machine (or is the unspecified address, "all of them"): the
 * only places a service of ours can listen, and so the only ones a check of that service needs to reach.
 */
export async function isLocalListenHost(host: string): Promise<boolean> {
  const literal = parseAddress(host);
  const addresses = literal
    ? [literal]
    : (await lookup(host, { all: true }).catch(() => [])).map((entry) => parseAddress(entry.address));
  if (!addresses.length) return false;
  const own = new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((entry) => entry && parseAddress(entry.address.replace(/%.*$/, ""))?.toNormalizedString())
      .filter(Boolean),
  );
  return addresses.every(
    (address) => address !== null && (address.range() === "unspecified" || own.has(address.toNormalizedString())),
  );
}
