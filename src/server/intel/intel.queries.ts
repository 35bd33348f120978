import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import type { TIndicatorKind, TThreatType } from "@/lib/threat-indicators";

// The verdict engine's reads. Each takes every value of its kind at once (`= any($1)`), so a message with fifty links
// costs the same few statements as one with a single link.

export type TIndicatorMatch = { kind: TIndicatorKind; value: string; threatType: TThreatType; source: string };

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
export async function clickedThreats(
  urls: string[],
): Promise<Map<string, { threatTypes: string; actionTypes: string }>> {
  if (!urls.length) return new Map();
  const rows = await prisma.$queryRaw<{ url: string; threatTypes: string; actionTypes: string }[]>`
    select url, string_agg(distinct "threatTypes", ', ') as "threatTypes", string_agg(distinct "actionType", ', ') as "actionTypes"
    from "UrlClickEvent" where url = any(${urls}::text[]) and "threatTypes" <> '' group by url`;
  return new Map(rows.map((row) => [row.url, row]));
}

// Dates go as ISO text cast to timestamp(3): stored as UTC wall-clock time, the way Prisma stores DateTime.

/** Which (host, before) pairs had the host in mail before their own `before`: one statement for a whole batch. */
export async function seenUrlHostPairs(pairs: { value: string; before: Date }[]): Promise<Set<string>> {
  return seenPairs(
    pairs,
    (value, before) =>
      Prisma.sql`exists (select 1 from "EmailUrlInfo" u where u."urlDomain" = ${value} and u.timestamp < ${before})`,
  );
}

/** Which (sender domain, before) pairs had mail from the domain before their own `before`. */
export async function seenSenderDomainPairs(pairs: { value: string; before: Date }[]): Promise<Set<string>> {
  return seenPairs(
    pairs,
    (value, before) =>
      Prisma.sql`exists (select 1 from "EmailEvent" e where e."senderFromDomain" = ${value} and e.timestamp < ${before})`,
  );
}

/** The key `${value} ${before.toISOString()}` of each pair the test holds for, from `unnest` over the pairs. */
async function seenPairs(
  pairs: { value: string; before: Date }[],
  test: (value: Prisma.Sql, before: Prisma.Sql) => Prisma.Sql,
): Promise<Set<string>> {
  const unique = [...new Map(pairs.map((pair) => [pairKey(pair.value, pair.before), pair])).values()];
  if (!unique.length) return new Set();
  const rows = await prisma.$queryRaw<{ value: string; before: string }[]>`
    select p.value, p.before from unnest(${unique.map((pair) => pair.value)}::text[], ${unique.map((pair) => pair.before.toISOString())}::text[]) as p(value, before)
    where ${test(Prisma.sql`p.value`, Prisma.sql`p.before::timestamp(3)`)}`;
  return new Set(rows.map((row) => `${row.value} ${row.before}`));
}

// The before date goes and comes back as the same ISO text, so the key of a row is the key of its pair.
export const pairKey = (value: string, before: Date) => `${value} ${before.toISOString()}`;

/**
 * The organisation's people whose display name reads the same as any of `comparableNames` (heuristics.ts): lower
 * case, accents stripped (NFKD without combining marks), spaces collapsed; keyed by that comparable form.
 */
export async function peopleNamedAny(comparableNames: string[]): Promise<Map<string, string[]>> {
  const names = [...new Set(comparableNames.filter(Boolean))];
  if (!names.length) return new Map();
  const rows = await prisma.$queryRaw<{ name: string; displayName: string }[]>`
    select name, "displayName" from (
      select btrim(regexp_replace(regexp_replace(normalize(lower("displayName"), NFKD), '[\\u0300-\\u036f]', '', 'g'), '\\s+', ' ', 'g')) as name, "displayName" from "Mailbox"
    ) m where name = any(${names}::text[])`;
  const byName = new Map<string, string[]>();
  for (const row of rows) {
    const people = byName.get(row.name) ?? [];
    if (people.length < 10) people.push(row.displayName);
    byName.set(row.name, people);
  }
  return byName;
}

/** Outbound messages to each address before its `before` (the recipient index), and inbound from it (the sender index), each counted to 100. */
export async function correspondencePairs(
  pairs: { value: string; before: Date }[],
): Promise<Map<string, { sentTo: number; receivedFrom: number }>> {
  const unique = [...new Map(pairs.map((pair) => [pairKey(pair.value, pair.before), pair])).values()];
  if (!unique.length) return new Map();
  const rows = await prisma.$queryRaw<{ value: string; before: string; sentTo: bigint; receivedFrom: bigint }[]>`
    select p.value, p.before,
      (select count(*) from (select 1 from "EmailEvent" where "recipientEmailAddress" = p.value and "emailDirection" = 'Outbound' and timestamp < p.before::timestamp(3) limit 100) s) as "sentTo",
      (select count(*) from (select 1 from "EmailEvent" where "senderFromAddress" = p.value and "emailDirection" = 'Inbound' and timestamp < p.before::timestamp(3) limit 100) r) as "receivedFrom"
    from unnest(${unique.map((pair) => pair.value)}::text[], ${unique.map((pair) => pair.before.toISOString())}::text[]) as p(value, before)`;
  return new Map(
    rows.map((row) => [
      `${row.value} ${row.before}`,
      { sentTo: Number(row.sentTo), receivedFrom: Number(row.receivedFrom) },
    ]),
  );
}
