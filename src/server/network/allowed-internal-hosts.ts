import ipaddr from "ipaddr.js";
import { z } from "zod";
import { isInAddressEntries, parseAddress } from "./internal-address";

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/** One entry of Allowed internal hosts: a host name (as written in the target), an IP address or a CIDR range. */
export const ZAllowedInternalHost = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .refine((entry) => HOST_NAME.test(entry) || parseAddress(entry) !== null || ipaddr.isValidCIDR(entry), {
    error: "must be a host name, an IP address or a CIDR range (10.0.0.0/8)",
  });

export const ZAllowedInternalHosts = z
  .array(ZAllowedInternalHost)
  .max(100)
  .transform((entries) => [...new Set(entries)]);

const normalHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");

/**
 * Whether a target may be internal: its host name is on the list as written, or its address is on it (or in a range
 * on it). A name on the list lets it resolve anywhere: the admin trusts that name.
 */
export function isAllowedInternal(host: string, address: string, allowed: readonly string[]): boolean {
  const name = normalHost(host);
  return allowed.some((entry) => normalHost(entry) === name) || isInAddressEntries(address, allowed);
}
