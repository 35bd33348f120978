import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { isAllowedInternal } from "./allowed-internal-hosts";
import { internalRange, parseAddress } from "./internal-address";

/** A target refused because it is, or resolves to, an internal address that Allowed internal hosts does not name. */
export class OutboundRefusedError extends Error {
  override name = "OutboundRefusedError";
}

export type TResolveAll = (host: string) => Promise<LookupAddress[]>;

const resolveAll: TResolveAll = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/**
 * Every address `host` resolves to (an IP literal in any notation is its own address), once each one is public or
 * allowed. Any internal address refuses the whole host: a name that answers one public and one private address must
 * not be let through on the public one.
 */
export async function resolveOutboundTarget(
  host: string,
  allowed: readonly string[],
  resolve: TResolveAll = resolveAll,
): Promise<LookupAddress[]> {
  const literal = parseAddress(host);
  const addresses = literal
    ? [{ address: literal.toString(), family: literal.kind() === "ipv6" ? 6 : 4 }]
    : await resolve(host);
  if (!addresses.length) throw new OutboundRefusedError(`${host} has no address`);
  for (const { address } of addresses) {
    const range = internalRange(address);
    if (range && !isAllowedInternal(host, address, allowed)) {
      throw new OutboundRefusedError(
        `${host}${literal ? "" : ` resolves to ${address}, which`} is a ${range} address; add it to Allowed internal hosts (Settings › Mail system) to reach it`,
      );
    }
  }
  return addresses;
}

/**
 * A `lookup` for net, tls and undici that answers only checked addresses, so that the connection goes to the very
 * address that was checked: a name whose DNS answer changes between the check and the connection (DNS rebinding)
 * cannot slip an internal address in. IP literals never reach a lookup: check them with resolveOutboundTarget first.
 */
export function guardedLookup(allowed: readonly string[], resolve: TResolveAll = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolveOutboundTarget(hostname, allowed, resolve).then(
      (addresses) => {
        const wanted =
          options.family === 4 || options.family === 6
            ? addresses.filter((entry) => entry.family === options.family)
            : addresses;
        if (!wanted.length)
          return callback(
            Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: "ENOTFOUND" }),
            "",
            4,
          );
        if (options.all)
          return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, wanted);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 4),
    );
  };
}
