import "server-only";
import { isIP } from "node:net";
import type { TIndicatorKind } from "@/lib/threat-indicators";
import { internalDomains } from "@/server/detection/sending-activity";
import { domainOfAddress, isWithinDomain, parentDomains, webUrlHost } from "@/server/intel/domain-names";
import { comparableName } from "@/server/intel/heuristics";
import {
  clickedThreats,
  correspondencePairs,
  malwareHashes,
  matchingIndicators,
  pairKey,
  peopleNamedAny,
  seenSenderDomainPairs,
  seenUrlHostPairs,
} from "@/server/intel/intel.queries";
import { canonicalUrl } from "./checks/threat-intel";
import { brandsOf, getDetectionSettings } from "./detection-settings.service";
import type { TEmail } from "./email-input";
import { learnableKeys, matchingLearned } from "./learned-verdicts";
import type { TTenantContext } from "./tenant-context";

/**
 * "New" means no mail earlier than a day before the message. Not "before the message": a campaign lands the reported
 * copy and its siblings over minutes or hours, and those siblings would make the attacker's fresh domain look known.
 */
const FIRST_SEEN_WINDOW_MS = 24 * 3600_000;
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_LEARNED = 10;

export type TContextRequest = {
  email: TEmail;
  receivedAt: Date;
  bodyFingerprint: string | null;
  submissionId?: string | null;
};

/** The values of one message that the store is asked about. */
type TKeys = {
  sender: string;
  senderDomain: string | null;
  isExternal: boolean;
  receivedAt: Date;
  knownBefore: Date;
  hosts: string[];
  hashes: string[];
  urls: string[];
  indicatorValues: Record<TIndicatorKind, string[]>;
  person: string;
  learnable: { kind: Parameters<typeof matchingLearned>[0][number]["kind"]; value: string }[];
};

/**
 * What the organisation's store says about each message of a batch, in the batch's order. The settings and the
 * organisation's domains are read once; every other kind of fact is one set-based statement over all the batch's
 * values (`= any($1)`, `unnest` of (value, before) pairs), so 500 messages cost the same dozen statements as one.
 */
export async function loadTenantContexts(requests: readonly TContextRequest[]): Promise<TTenantContext[]> {
  if (!requests.length) return [];
  const [orgDomains, settings] = await Promise.all([internalDomains(), getDetectionSettings()]);
  const keys = requests.map((request) => keysOf(request, orgDomains, [...settings.sharedHosts, ...orgDomains]));
  const all = <T>(pick: (key: TKeys) => T[]) => unique(keys.flatMap(pick));
  const external = keys.filter((key) => key.isExternal);
  const [indicators, malware, clicks, seenHosts, seenDomains, people, correspondence, learned] = await Promise.all([
    matchingIndicators({
      url: all((key) => key.indicatorValues.url),
      domain: all((key) => key.indicatorValues.domain),
      sha256: all((key) => key.indicatorValues.sha256),
      ip: all((key) => key.indicatorValues.ip),
      sender: all((key) => key.indicatorValues.sender),
    }),
    malwareHashes(all((key) => key.hashes)),
    clickedThreats(all((key) => key.urls)),
    seenUrlHostPairs(keys.flatMap((key) => key.hosts.map((value) => ({ value, before: key.knownBefore })))),
    seenSenderDomainPairs(
      external.flatMap((key) => (key.senderDomain ? [{ value: key.senderDomain, before: key.knownBefore }] : [])),
    ),
    peopleNamedAny(external.map((key) => key.person)),
    correspondencePairs(external.map((key) => ({ value: key.sender, before: key.receivedAt }))),
    matchingLearned(
      keys.flatMap((key) => key.learnable),
      new Date(),
    ),
  ]);
  const brands = brandsOf(settings);
  return keys.map((key, index) => {
    const request = requests[index];
    const has = (kind: TIndicatorKind, value: string) => key.indicatorValues[kind].includes(value);
    return {
      orgDomains,
      orgPeople: key.isExternal ? (people.get(key.person) ?? []) : [],
      brands,
      trustedAuthservIds: settings.trustedAuthservIds,
      indicators: indicators.filter((match) => has(match.kind, match.value)),
      malwareHashes: new Set(key.hashes.filter((hash) => malware.has(hash))),
      clickedThreats: new Map(key.urls.flatMap((url) => (clicks.has(url) ? [[url, clicks.get(url)!] as const] : []))),
      seenUrlHosts: new Set(key.hosts.filter((host) => seenHosts.has(pairKey(host, key.knownBefore)))),
      isSenderDomainSeen:
        key.senderDomain && key.isExternal ? seenDomains.has(pairKey(key.senderDomain, key.knownBefore)) : true,
      correspondence: key.isExternal
        ? (correspondence.get(pairKey(key.sender, key.receivedAt)) ?? { sentTo: 0, receivedFrom: 0 })
        : null,
      learned: learned
        .filter((match) =>
          key.learnable.some((learnable) => learnable.kind === match.kind && learnable.value === match.value),
        )
        // A report's own submission never decides it (the analyst's assessment of this very report is not a precedent).
        .filter((match) => !request.submissionId || match.submissionId !== request.submissionId)
        .slice(0, MAX_LEARNED),
    };
  });
}

function keysOf(request: TContextRequest, orgDomains: string[], sharedHosts: readonly string[]): TKeys {
  const { email } = request;
  const sender = email.senderAddress.trim().toLowerCase();
  const senderDomain = domainOfAddress(sender);
  const hosts = unique(email.urls.map(({ url }) => webUrlHost(url)));
  const hashes = unique(email.attachments.map((file) => file.sha256.toLowerCase()).filter((hash) => SHA256.test(hash)));
  return {
    sender,
    senderDomain,
    isExternal: senderDomain !== null && !orgDomains.some((domain) => isWithinDomain(senderDomain, domain)),
    receivedAt: request.receivedAt,
    knownBefore: new Date(request.receivedAt.getTime() - FIRST_SEEN_WINDOW_MS),
    hosts,
    hashes,
    urls: unique(email.urls.map(({ url }) => url)),
    indicatorValues: {
      url: unique(email.urls.flatMap(({ url }) => [url, canonicalUrl(url)])),
      domain: unique([...hosts, senderDomain].flatMap((host) => (host && !isIP(host) ? parentDomains(host) : []))),
      sha256: hashes,
      ip: unique([email.senderIPv4?.trim(), ...hosts.filter((host) => isIP(host))]),
      sender: unique([sender]),
    },
    person: comparableName(email.senderDisplayName),
    learnable: learnableKeys(email, request.bodyFingerprint, sharedHosts),
  };
}

function unique<T>(values: (T | null | undefined)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null && value !== undefined && value !== ""))];
}
