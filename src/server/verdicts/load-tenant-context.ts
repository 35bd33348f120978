import "server-only";
import { isIP } from "node:net";
import { prisma } from "@/server/db";
import { internalDomains } from "@/server/detection/sending-activity";
import { domainOfAddress, isWithinDomain, parentDomains, webUrlHost } from "@/server/intel/domain-names";
import { comparableName } from "@/server/intel/heuristics";
import { clickedThreats, isSenderDomainSeen, malwareHashes, matchingIndicators, peopleNamed, seenUrlHosts } from "@/server/intel/intel.queries";
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

/** Everything the checks weigh from the organisation's store, each kind read in one statement for all the message's values. */
export async function loadTenantContext(email: TEmail, options: { receivedAt: Date; bodyFingerprint: string | null; submissionId?: string | null }): Promise<TTenantContext> {
  const sender = email.senderAddress.trim().toLowerCase();
  const senderDomain = domainOfAddress(sender);
  const hosts = unique(email.urls.map(({ url }) => webUrlHost(url)));
  const hashes = unique(email.attachments.map((file) => file.sha256.toLowerCase()).filter((hash) => SHA256.test(hash)));
  const knownBefore = new Date(options.receivedAt.getTime() - FIRST_SEEN_WINDOW_MS);
  const [orgDomains, settings] = await Promise.all([internalDomains(), getDetectionSettings()]);
  const isExternal = senderDomain !== null && !orgDomains.some((domain) => isWithinDomain(senderDomain, domain));
  const [indicators, malware, clicks, seenHosts, isDomainSeen, orgPeople, correspondence, learned] = await Promise.all([
    matchingIndicators({
      url: unique(email.urls.flatMap(({ url }) => [url, canonicalUrl(url)])),
      domain: unique([...hosts, senderDomain].flatMap((host) => (host && !isIP(host) ? parentDomains(host) : []))),
      sha256: hashes,
      ip: unique([email.senderIPv4?.trim(), ...hosts.filter((host) => isIP(host))]),
      sender: unique([sender]),
    }),
    malwareHashes(hashes),
    clickedThreats(unique(email.urls.map(({ url }) => url))),
    seenUrlHosts(hosts, knownBefore),
    senderDomain && isExternal ? isSenderDomainSeen(senderDomain, knownBefore) : Promise.resolve(true),
    isExternal ? peopleNamed(comparableName(email.senderDisplayName)) : Promise.resolve([]),
    isExternal ? correspondenceWith(sender, options.receivedAt) : Promise.resolve(null),
    matchingLearned(learnableKeys(email, options.bodyFingerprint), new Date(), options.submissionId),
  ]);
  return {
    orgDomains,
    orgPeople,
    brands: brandsOf(settings),
    trustedAuthservIds: settings.trustedAuthservIds,
    indicators,
    malwareHashes: malware,
    clickedThreats: clicks,
    seenUrlHosts: seenHosts,
    isSenderDomainSeen: isDomainSeen,
    correspondence,
    learned,
  };
}

/** Outbound messages to the address before this one (the recipient index), and inbound from it (the sender index). */
async function correspondenceWith(address: string, before: Date): Promise<{ sentTo: number; receivedFrom: number }> {
  const [row] = await prisma.$queryRaw<{ sentTo: bigint; receivedFrom: bigint }[]>`
    select (select count(*) from (select 1 from "EmailEvent" where "recipientEmailAddress" = ${address} and "emailDirection" = 'Outbound' and timestamp < ${before.toISOString()}::timestamp(3) limit 100) s) as "sentTo",
           (select count(*) from (select 1 from "EmailEvent" where "senderFromAddress" = ${address} and "emailDirection" = 'Inbound' and timestamp < ${before.toISOString()}::timestamp(3) limit 100) r) as "receivedFrom"`;
  return { sentTo: Number(row?.sentTo ?? 0), receivedFrom: Number(row?.receivedFrom ?? 0) };
}

function unique<T>(values: (T | null | undefined)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null && value !== undefined && value !== ""))];
}
