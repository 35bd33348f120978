// The verdict engine's own eyes: signs of phishing read from the message alone, with no threat intelligence. Pure
// functions, no I/O, so the user-reported-message playbook and the tests call them the same way.
import { domainToUnicode } from "node:url";
import { displayedLabel, editDistance, skeleton } from "./confusables";
import {
  domainOfAddress,
  hasKnownSuffix,
  hostParts,
  isWithinDomain,
  normaliseHost,
  registrableDomain,
  webUrlHost,
  type THostParts,
} from "./domain-names";

export type TLookalike = { target: string; reason: string };

type TOrgDomain = { domain: string; parts: THostParts; skeleton: string };
type TCandidate = {
  host: string;
  site: string;
  parts: THostParts;
  skeleton: string;
  tokens: string[];
  labelSkeletons: string[];
};

// Shorter names are too easily hit by chance: a five-letter name has many honest one-letter neighbours.
const MIN_NEAR_NAME = 5;
const MIN_EMBEDDED_TOKEN = 4;
const MIN_EMBEDDED_SUBSTRING = 6;

/**
 * A domain made to pass for one of the organisation's: the same name in look-alike characters (a punycode label
 * decoded and reduced to its skeleton) or under another suffix, a name one or two edits away, or the name inside
 * another domain (contoso-secure.com, contoso.login-verify.net). Anything under the organisation's own sites is never
 * a look-alike, so mail from a new subdomain of its own does not raise the alarm.
 */
export function lookalikeDomain(
  domain: string,
  orgDomains: string[],
  options: { isInsideLabel?: boolean } = {},
): TLookalike | null {
  const host = normaliseHost(domain);
  const parts = host ? hostParts(host) : null;
  if (!host || !parts) return null;
  const orgs = orgDomainsOf(orgDomains);
  const site = registrableDomain(host);
  if (orgs.some((org) => isWithinDomain(host, org.domain) || registrableDomain(org.domain) === site)) return null;
  const labels = [...parts.subdomainLabels, parts.label].map(skeleton);
  const candidate = {
    host,
    site,
    parts,
    skeleton: skeleton(parts.label),
    labelSkeletons: labels,
    tokens: labels.flatMap((label) => label.split("-")).filter(Boolean),
  };
  // Strongest sign first: an exact imitation says more than a name that merely appears somewhere in the host.
  const isInsideLabel = options.isInsideLabel ?? true;
  for (const check of [sameName, nearName, embeddedName]) {
    for (const org of orgs) {
      const reason = check(candidate, org, isInsideLabel);
      if (reason) return { target: org.domain, reason };
    }
  }
  return null;
}

// The detection engine compares every host with the same long list of brand domains: their skeletons once per list.
const orgDomainLists = new WeakMap<string[], TOrgDomain[]>();

function orgDomainsOf(domains: string[]): TOrgDomain[] {
  let orgs = orgDomainLists.get(domains);
  if (!orgs) {
    orgs = domains.map(orgDomain).filter((org): org is TOrgDomain => org !== null);
    orgDomainLists.set(domains, orgs);
  }
  return orgs;
}

function orgDomain(domain: string): TOrgDomain | null {
  const host = normaliseHost(domain);
  const parts = host ? hostParts(host) : null;
  return host && parts ? { domain: host, parts, skeleton: skeleton(parts.label) } : null;
}

function sameName(candidate: TCandidate, org: TOrgDomain): string | null {
  if (candidate.skeleton !== org.skeleton) return null;
  const shown = displayedLabel(candidate.parts.label);
  if (shown === displayedLabel(org.parts.label))
    return `${candidate.site} carries the organisation's name under another suffix than ${org.domain}`;
  const displayed = shown === candidate.parts.label ? "" : ` (it displays as ${shown}.${candidate.parts.suffix})`;
  return `${candidate.site} imitates ${org.domain} with look-alike characters${displayed}`;
}

// Two edits only for long names: "contoso" and "contest" are two edits apart and unrelated.
function nearName(candidate: TCandidate, org: TOrgDomain): string | null {
  // The name's length as written: its skeleton can be shorter ("aarna" reads as "aama"), which must not exempt it.
  const length = displayedLabel(org.parts.label).length;
  if (length < MIN_NEAR_NAME) return null;
  const limit = length >= 8 ? 2 : 1;
  // Raw and skeleton both: "crntoso" is one edit from "contoso" as written, two as read.
  const raw = editDistance(displayedLabel(candidate.parts.label), displayedLabel(org.parts.label), limit);
  const distance = Math.min(raw, editDistance(candidate.skeleton, org.skeleton, limit));
  if (distance > limit) return null;
  return `${candidate.site} is ${distance === 1 ? "one edit" : "two edits"} away from ${org.domain}`;
}

// A brand's name inside a longer word is too common among honest hosts (googleusercontent, dropboxstatic) to count;
// the organisation's own name inside one is not.
function embeddedName(candidate: TCandidate, org: TOrgDomain, isInsideLabel: boolean): string | null {
  const isToken = org.skeleton.length >= MIN_EMBEDDED_TOKEN && candidate.tokens.includes(org.skeleton);
  const isInside =
    isInsideLabel &&
    org.skeleton.length >= MIN_EMBEDDED_SUBSTRING &&
    candidate.labelSkeletons.some((label) => label.includes(org.skeleton));
  if (!isToken && !isInside) return null;
  const site = candidate.host === candidate.site ? "" : ` on another site (${candidate.site})`;
  return `${candidate.host} uses the name of ${org.domain}${site}`;
}

/** Name comparison that ignores case, accents and spacing; judge-message mirrors it in SQL to find the people. */
export function comparableName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// The lookbehind starts a match only where an address can start: without it a long run of letters is rescanned
// from every position (quadratic), and a crafted display name would stall the worker.
const ADDRESS_IN_TEXT = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;

/**
 * A sender outside the organisation dressed as someone inside it: the display name shows an address at another
 * domain than the real one, names one of the organisation's domains, or is exactly the name of a person in it.
 * Mail clients show the display name and hide the address, which is why this works on people.
 */
export function displayNameSpoof(
  displayName: string,
  senderAddress: string,
  orgDomains: string[],
  orgPeople: string[] = [],
): string | null {
  const senderDomain = domainOfAddress(senderAddress);
  const orgs = orgDomains.map(normaliseHost).filter((org): org is string => org !== null);
  if (!senderDomain || orgs.some((org) => isWithinDomain(senderDomain, org))) return null;
  const lowered = displayName.toLowerCase();
  for (const match of lowered.matchAll(ADDRESS_IN_TEXT)) {
    const shownDomain = normaliseHost(match[1]);
    if (shownDomain && registrableDomain(shownDomain) !== registrableDomain(senderDomain)) {
      return `The display name shows ${match[0]} but the message comes from ${senderAddress}`;
    }
  }
  const named = orgs.find((org) => [org, domainToUnicode(org)].some((form) => form && containsDomain(lowered, form)));
  if (named)
    return `The display name names the organisation's domain ${named} but the sender ${senderAddress} is outside it`;
  const name = comparableName(displayName);
  if (name && orgPeople.some((person) => comparableName(person) === name)) {
    return `The display name "${displayName.trim()}" is the name of a person in the organisation, but the sender ${senderAddress} is outside it`;
  }
  return null;
}

function containsDomain(text: string, domain: string): boolean {
  for (let at = text.indexOf(domain); at !== -1; at = text.indexOf(domain, at + 1)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + domain.length] ?? " ";
    if (!/[\p{L}\p{N}.-]/u.test(before) && !/[\p{L}\p{N}-]/u.test(after)) return true;
  }
  return false;
}

const URL_IN_TEXT = /https?:\/\/\S+/i;
const DOMAIN_IN_TEXT =
  /(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\p{L}\p{N}-])/u;

/**
 * The visible text of a link shows one site and the link goes to another ("www.contoso.com" → evil.example): the
 * oldest trick in phishing, and one an honest sender has little reason to play. Sites are compared by registrable
 * domain, so "contoso.com" linking to www.contoso.com/login is fine.
 */
export function linkTextMismatch(linkText: string | null, href: string): string | null {
  const target = webUrlHost(href);
  const shown = linkText ? shownHost(linkText) : null;
  if (!target || !shown || registrableDomain(shown) === registrableDomain(target)) return null;
  return `The link text shows ${shown} but the link goes to ${target}`;
}

// A full URL in the text counts whatever its suffix; a bare word with a dot only when its suffix is a real one, or
// "report.pdf" and "v2.final" would read as sites.
function shownHost(text: string): string | null {
  const url = URL_IN_TEXT.exec(text)?.[0];
  if (url) return webUrlHost(url) ?? webUrlHost(url.replace(/[^\p{L}\p{N}/]+$/u, ""));
  const domain = DOMAIN_IN_TEXT.exec(text)?.[0];
  const host = domain ? normaliseHost(domain) : null;
  return host && hasKnownSuffix(host) ? host : null;
}

export type TSignals = { malicious: string[]; suspicious: string[] };

export type THeuristicInput = {
  senderAddress: string;
  senderDisplayName: string;
  urls: { url: string; linkText?: string | null }[];
  orgDomains: string[];
  /** Display names of people in the organisation that might match the sender's (judge-message looks them up). */
  orgPeople?: string[];
};

/**
 * All the heuristics on one message. A link to an imitation of the organisation's own domain has no honest use, so it
 * is malicious; a look-alike sender domain or a borrowed display name is suspicious, since a partner may have a
 * similar name, and so is a link whose text shows another site.
 */
export function judgeHeuristics(input: THeuristicInput): { sender: TSignals; urls: Record<string, TSignals> } {
  const senderDomain = domainOfAddress(input.senderAddress);
  const senderLookalike = senderDomain ? lookalikeDomain(senderDomain, input.orgDomains) : null;
  const spoof = displayNameSpoof(input.senderDisplayName, input.senderAddress, input.orgDomains, input.orgPeople);
  const lookalikeReason = senderLookalike ? `Sender domain ${senderLookalike.reason}` : null;
  const sender: TSignals = {
    malicious: [],
    suspicious: [lookalikeReason, spoof].filter((reason): reason is string => !!reason),
  };
  const urls: Record<string, TSignals> = {};
  for (const { url, linkText } of input.urls) {
    const signals = (urls[url] ??= { malicious: [], suspicious: [] });
    const host = webUrlHost(url);
    const lookalike = host ? lookalikeDomain(host, input.orgDomains) : null;
    const mismatch = linkTextMismatch(linkText ?? null, url);
    if (lookalike && !signals.malicious.length) signals.malicious.push(`Link domain ${lookalike.reason}`);
    if (mismatch && !signals.suspicious.includes(mismatch)) signals.suspicious.push(mismatch);
  }
  return { sender, urls };
}
