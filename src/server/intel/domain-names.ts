// Host names as the verdict engine compares them. Pure: shared by the heuristics, the judge and the indicator import.
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { getDomain, parse } from "tldts";

// Private suffixes (blogspot.com, azurewebsites.net) count as suffixes: whoever holds foo.blogspot.com does not hold
// bar.blogspot.com, so they are different sites.
const TLD_OPTIONS = { allowPrivateDomains: true };

/**
 * Lower-case ASCII (punycode) form of a host name or IP address, without trailing dots; null for text that cannot be one. Unicode
 * input is converted, so "cоntoso.com" typed with a Cyrillic о and its xn-- form compare equal.
 */
export function normaliseHost(text: string): string | null {
  const trimmed = text.trim().toLowerCase().replace(/\.+$/, "");
  if (!trimmed || trimmed.length > 253) return null;
  if (isIP(trimmed)) return trimmed;
  return domainToASCII(trimmed) || null;
}

/** The site a host belongs to (contoso.co.uk for mail.contoso.co.uk); the host itself for IPs and bare names. */
export function registrableDomain(host: string): string {
  return getDomain(host, TLD_OPTIONS) ?? host;
}

export function isWithinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** The host and each parent down to its registrable domain: a block on evil.com covers login.evil.com. */
export function parentDomains(host: string): string[] {
  const site = registrableDomain(host);
  const parents = [host];
  for (let rest = host; rest !== site && rest.includes("."); ) {
    rest = rest.slice(rest.indexOf(".") + 1);
    parents.push(rest);
  }
  return parents;
}

export function domainOfAddress(address: string): string | null {
  const at = address.lastIndexOf("@");
  return at > 0 ? normaliseHost(address.slice(at + 1)) : null;
}

/** The host of a web link; null for anything but http(s), which the heuristics do not judge. */
export function webUrlHost(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return normaliseHost(parsed.hostname.replace(/^\[|\]$/g, ""));
  } catch {
    return null;
  }
}

export type THostParts = { subdomainLabels: string[]; label: string; suffix: string };

/** mail.contoso.co.uk → { subdomainLabels: ["mail"], label: "contoso", suffix: "co.uk" }; null for IPs and bare names. */
export function hostParts(host: string): THostParts | null {
  const parsed = parse(host, TLD_OPTIONS);
  if (parsed.isIp || !parsed.domainWithoutSuffix) return null;
  return {
    subdomainLabels: parsed.subdomain ? parsed.subdomain.split(".") : [],
    label: parsed.domainWithoutSuffix,
    suffix: parsed.publicSuffix ?? "",
  };
}

// Reserved for documentation and testing (RFC 2606): the names the simulator's organisation and its world use.
const RESERVED_SUFFIXES = new Set(["test", "example"]);

/** Whether the host ends in a real suffix (com, co.uk, blogspot.com), not merely in a word after a dot. */
export function hasKnownSuffix(host: string): boolean {
  const parsed = parse(host, TLD_OPTIONS);
  return (
    !!parsed.domain &&
    (parsed.isIcann === true || parsed.isPrivate === true || RESERVED_SUFFIXES.has(parsed.publicSuffix ?? ""))
  );
}
