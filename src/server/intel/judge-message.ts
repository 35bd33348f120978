import "server-only";
import { isIP } from "node:net";
import type { Verdict } from "@/generated/prisma/enums";
import { splitThreats } from "@/lib/email-threats";
import type { TThreatType } from "@/lib/threat-indicators";
import { internalDomains } from "@/server/detection/sending-activity";
import { domainOfAddress, isWithinDomain, parentDomains, webUrlHost } from "./domain-names";
import { comparableName, judgeHeuristics } from "./heuristics";
import { clickedThreats, isSenderDomainSeen, malwareHashes, matchingIndicators, peopleNamed, seenUrlHosts, type TIndicatorMatch } from "./intel.queries";

export type TEntityJudgement = { verdict: Verdict; threatType: TThreatType | ""; reasons: string[] };

/** Keyed by the URLs and hashes exactly as they were passed in. */
export type TMessageJudgement = {
  sender: TEntityJudgement;
  urls: Record<string, TEntityJudgement>;
  files: Record<string, TEntityJudgement>;
  overall: TEntityJudgement;
};

export type TMessageToJudge = {
  senderAddress: string;
  senderDisplayName: string;
  senderIPv4: string | null;
  urls: { url: string; linkText?: string | null }[];
  sha256s: string[];
  receivedAt: Date;
};

/**
 * "New" means no mail earlier than a day before the message. Not "before the message": a campaign lands the reported
 * copy and its siblings over minutes or hours, and those siblings would make the attacker's fresh domain look known.
 */
const FIRST_SEEN_WINDOW_MS = 24 * 3600_000;

const RANK: Record<Verdict, number> = { Unknown: 0, Clean: 1, Suspicious: 2, Malicious: 3 };
const SEVERITY: Record<TThreatType | "", number> = { "": 0, Spam: 1, Phish: 2, Malware: 3 };
const SHA256 = /^[0-9a-f]{64}$/;

type TFinding = { verdict: Verdict; threatType: TThreatType; reason: string };

/**
 * The verdict on a message and each of its entities, from the organisation's threat intelligence (ThreatIndicator),
 * what its own mail has shown (malware found in a copy of a file, Safe Links detonations, which domains it has seen)
 * and the heuristics. Every read covers all the message's values of its kind in one statement.
 */
export async function judgeMessage(message: TMessageToJudge): Promise<TMessageJudgement> {
  const senderAddress = message.senderAddress.trim().toLowerCase();
  const senderDomain = domainOfAddress(senderAddress);
  const hostOf = new Map(message.urls.map(({ url }) => [url, webUrlHost(url)]));
  const hosts = unique([...hostOf.values()]);
  const hashes = unique(message.sha256s.map((hash) => hash.trim().toLowerCase()).filter((hash) => SHA256.test(hash)));
  const knownBefore = new Date(message.receivedAt.getTime() - FIRST_SEEN_WINDOW_MS);
  const orgDomains = await internalDomains();
  const isExternal = senderDomain !== null && !orgDomains.some((domain) => isWithinDomain(senderDomain, domain));

  const [indicators, malware, clicks, seenHosts, isSenderSeen, orgPeople] = await Promise.all([
    matchingIndicators({
      url: unique(message.urls.flatMap(({ url }) => [url, canonicalUrl(url)])),
      domain: unique([...hosts, senderDomain].flatMap((host) => (host ? parentDomains(host) : []))),
      sha256: hashes,
      ip: unique([message.senderIPv4?.trim(), ...hosts.filter((host) => isIP(host))]),
      sender: unique([senderAddress]),
    }),
    malwareHashes(hashes),
    clickedThreats(unique(message.urls.map(({ url }) => url))),
    seenUrlHosts(hosts, knownBefore),
    senderDomain && isExternal ? isSenderDomainSeen(senderDomain, knownBefore) : Promise.resolve(true),
    isExternal ? peopleNamed(comparableName(message.senderDisplayName)) : Promise.resolve([]),
  ]);
  const facts: TFacts = {
    intel: indicatorLookup(indicators),
    signs: judgeHeuristics({ senderAddress, senderDisplayName: message.senderDisplayName, urls: message.urls, orgDomains, orgPeople }),
    malware,
    clicks,
    seenHosts,
  };
  const sender = senderDomain
    ? judgeSender(senderAddress, senderDomain, message.senderIPv4?.trim() || null, isSenderSeen, facts)
    : unknown(`${message.senderAddress} is not an address that could be checked`);
  const urls = Object.fromEntries(message.urls.map(({ url }) => [url, judgeUrl(url, hostOf.get(url) ?? null, sender, facts)]));
  const files = Object.fromEntries(message.sha256s.map((sha256) => [sha256, judgeFile(sha256, facts)]));
  return { sender, urls, files, overall: worstOf([sender, ...Object.values(urls), ...Object.values(files)]) };
}

type TFacts = {
  intel: ReturnType<typeof indicatorLookup>;
  signs: ReturnType<typeof judgeHeuristics>;
  malware: Set<string>;
  clicks: Awaited<ReturnType<typeof clickedThreats>>;
  seenHosts: Set<string>;
};

// An indicator on the address, its domain or the sending IP makes the sender malicious; a look-alike domain, a
// borrowed display name or a domain new to the organisation makes it suspicious.
function judgeSender(address: string, domain: string, ip: string | null, isDomainSeen: boolean, { intel, signs }: TFacts): TEntityJudgement {
  return judged([
    ...intel("sender", [address], (value) => `Sender ${value}`),
    ...intel("domain", parentDomains(domain), (value) => `Sender domain ${value}`),
    ...intel("ip", ip ? [ip] : [], (value) => `Sending IP ${value}`),
    ...signs.sender.suspicious.map(suspicious),
    ...(isDomainSeen ? [] : [suspicious(`Sender domain ${domain} is new: no mail came from it earlier than a day before this message`)]),
  ]);
}

// An indicator on the URL, its host or a parent domain, a look-alike of the organisation's domain, or a threat Safe
// Links found there makes a URL malicious. Link text showing another site makes it suspicious, and so does a host new
// to the organisation's mail, but only from a sender already in doubt: new sites turn up in honest mail every day.
function judgeUrl(url: string, host: string | null, sender: TEntityJudgement, { intel, signs, clicks, seenHosts }: TFacts): TEntityJudgement {
  if (!host) return unknown(`${url} is not a web link that could be checked`);
  const click = clicks.get(url);
  const isNewFromSuspect = !seenHosts.has(host) && RANK[sender.verdict] >= RANK.Suspicious;
  return judged([
    ...intel("url", [url, canonicalUrl(url)], () => `URL ${url}`),
    ...intel("domain", parentDomains(host), (value) => `Link domain ${value}`),
    ...intel("ip", [host], (value) => `Link host ${value}`),
    ...signs.urls[url].malicious.map((reason) => malicious("Phish", reason)),
    ...(click ? [malicious(splitThreats(click.threatTypes).includes("Malware") ? "Malware" : "Phish", `Safe Links found ${click.threatTypes} at ${url} when it was clicked (${click.actionTypes})`)] : []),
    ...signs.urls[url].suspicious.map(suspicious),
    ...(isNewFromSuspect ? [suspicious(`Link domain ${host} is new: it was in no mail earlier than a day before this message, and the sender is ${sender.verdict.toLowerCase()}`)] : []),
  ]);
}

// An indicator on the hash, or malware found in any stored copy of the file, whichever message carried it.
function judgeFile(sha256: string, { intel, malware }: TFacts): TEntityJudgement {
  const hash = sha256.trim().toLowerCase();
  if (!SHA256.test(hash)) return unknown(`${sha256} is not a SHA-256 hash that could be checked`);
  return judged([
    ...intel("sha256", [hash], (value) => `File ${value}`),
    ...(malware.has(hash) ? [malicious("Malware", `File ${hash} was detected as malware in a stored message`)] : []),
  ]);
}

/** Findings from the indicators of one kind that name any of `values`, each reason saying what matched. */
function indicatorLookup(indicators: TIndicatorMatch[]) {
  const byKey = new Map(indicators.map((indicator) => [`${indicator.kind} ${indicator.value}`, indicator]));
  return (kind: TIndicatorMatch["kind"], values: string[], subject: (value: string) => string): TFinding[] =>
    unique(values).flatMap((value) => {
      const indicator = byKey.get(`${kind} ${value}`);
      if (!indicator) return [];
      return [malicious(indicator.threatType, `${subject(value)} matches a threat indicator (${indicator.threatType}, from ${indicator.source})`)];
    });
}

const malicious = (threatType: TThreatType, reason: string): TFinding => ({ verdict: "Malicious", threatType, reason });
// The heuristics look for phishing, so what they make suspicious is suspected phish.
const suspicious = (reason: string): TFinding => ({ verdict: "Suspicious", threatType: "Phish", reason });

const unknown = (reason: string): TEntityJudgement => ({ verdict: "Unknown", threatType: "", reasons: [reason] });

/** The worst finding decides; all reasons are kept, worst first. Nothing found is Clean. */
function judged(findings: TFinding[]): TEntityJudgement {
  if (!findings.length) return { verdict: "Clean", threatType: "", reasons: [] };
  const ordered = [...findings].sort((a, b) => RANK[b.verdict] - RANK[a.verdict] || SEVERITY[b.threatType] - SEVERITY[a.threatType]);
  return { verdict: ordered[0].verdict, threatType: ordered[0].threatType, reasons: unique(ordered.map((finding) => finding.reason)) };
}

/**
 * The message is as bad as its worst entity, with that entity's threat type; among equally bad ones the most severe
 * type (Malware over Phish over Spam) wins, since it decides how much the remediation must reach.
 */
function worstOf(entities: TEntityJudgement[]): TEntityJudgement {
  const verdict = entities.reduce<Verdict>((worst, entity) => (RANK[entity.verdict] > RANK[worst] ? entity.verdict : worst), "Unknown");
  const worst = entities.filter((entity) => entity.verdict === verdict);
  if (verdict === "Unknown") return { verdict, threatType: "", reasons: ["Nothing in the message could be checked: no valid sender, link or file"] };
  if (verdict === "Clean") {
    return { verdict, threatType: "", reasons: ["No threat indicator matched, and neither the sender nor any link or file showed a sign of phishing or malware"] };
  }
  const threatType = worst.reduce<TThreatType | "">((most, entity) => (SEVERITY[entity.threatType] > SEVERITY[most] ? entity.threatType : most), "");
  return { verdict, threatType, reasons: unique(worst.flatMap((entity) => entity.reasons)) };
}

// Indicators hold URLs as the URL parser writes them (threat-indicators.schemas.ts); a message may hold another spelling.
function canonicalUrl(url: string): string {
  try {
    return new URL(url.trim()).href;
  } catch {
    return url;
  }
}

function unique<T>(values: (T | null | undefined)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null && value !== undefined && value !== ""))];
}
