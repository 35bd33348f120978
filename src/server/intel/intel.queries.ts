import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import type { TIndicatorKind, TThreatType } from "@/lib/threat-indicators";

// The verdict engine's reads. Each takes every value of its kind at once (`= any($1)`), so a message with fifty links
// costs the same few statements as one with a single link.

export type TIndicatorMatch = { kind: TIndicatorKind; value: string; threatType: TThreatType; source: string };

// Stored as UTC wall-clock time in timestamp(3) columns, the way Prisma stores DateTime.
const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/** Indicators naming any of the values, all kinds in one statement on the (kind, value) unique index. */
export async function matchingIndicators(values: Record<TIndicatorKind, string[]>): Promise<TIndicatorMatch[]> {
  const kinds = (Object.keys(values) as TIndicatorKind[]).filter((kind) => values[kind].length);
  if (!kinds.length) return [];
  const conditions = kinds.map((kind) => Prisma.sql`(kind = ${kind} and value = any(${values[kind]}::text[]))`);
  return prisma.$queryRaw<TIndicatorMatch[]>`
    select kind, value, "threatType", source from "ThreatIndicator" where ${Prisma.join(conditions, " or ")}`;
}

/** The hashes among these that some stored copy of a file was found to carry malware in. */
export async function malwareHashes(sha256s: string[]): Promise<Set<string>> {
  if (!sha256s.length) return new Set();
  const rows = await prisma.$queryRaw<{ sha256: string }[]>`
    select distinct sha256 from "EmailAttachmentInfo"
    where sha256 = any(${sha256s}::text[]) and 'Malware' = any(regexp_split_to_array("threatTypes", '\\s*,\\s*'))`;
  return new Set(rows.map((row) => row.sha256));
}

/** Threats Safe Links found at these URLs when someone clicked them: "Phish, Malware" and the click's outcome. */
export async function clickedThreats(urls: string[]): Promise<Map<string, { threatTypes: string; actionTypes: string }>> {
  if (!urls.length) return new Map();
  const rows = await prisma.$queryRaw<{ url: string; threatTypes: string; actionTypes: string }[]>`
    select url, string_agg(distinct "threatTypes", ', ') as "threatTypes", string_agg(distinct "actionType", ', ') as "actionTypes"
    from "UrlClickEvent" where url = any(${urls}::text[]) and "threatTypes" <> '' group by url`;
  return new Map(rows.map((row) => [row.url, row]));
}

/** The URL hosts among these that appeared in mail before `before`. */
export async function seenUrlHosts(hosts: string[], before: Date): Promise<Set<string>> {
  if (!hosts.length) return new Set();
  const rows = await prisma.$queryRaw<{ host: string }[]>`
    select host from unnest(${hosts}::text[]) as host
    where exists (select 1 from "EmailUrlInfo" u where u."urlDomain" = host and u.timestamp < ${at(before)})`;
  return new Set(rows.map((row) => row.host));
}

export async function isSenderDomainSeen(domain: string, before: Date): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ seen: boolean }[]>`
    select exists (select 1 from "EmailEvent" where "senderFromDomain" = ${domain} and timestamp < ${at(before)}) as seen`;
  return rows[0]?.seen ?? false;
}

/**
 * The organisation's people whose display name reads the same as `comparableName` (heuristics.ts): lower case,
 * accents stripped (NFKD without combining marks), spaces collapsed; only those rows come back.
 */
export async function peopleNamed(comparableName: string): Promise<string[]> {
  if (!comparableName) return [];
  const rows = await prisma.$queryRaw<{ displayName: string }[]>`
    select "displayName" from "Mailbox"
    where btrim(regexp_replace(regexp_replace(normalize(lower("displayName"), NFKD), '[\\u0300-\\u036f]', '', 'g'), '\\s+', ' ', 'g')) = ${comparableName}
    limit 10`;
  return rows.map((row) => row.displayName);
}
