import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { BUILT_IN_SHARED_HOSTS, isSharedHost } from "@/server/campaigns/shared-hosts";
import { webUrlHost } from "@/server/intel/domain-names";
import type { TLearnedMatch } from "./tenant-context";

export const LEARNED_KINDS = ["sender", "replyTo", "urlHost", "sha256", "bodyFingerprint"] as const;
export type TLearnedKind = (typeof LEARNED_KINDS)[number];
export type TLearnedAssessment = "Clean" | "Spam" | "Phish" | "Malware";

const MAX_KEYS_OF_A_KIND = 20;

/**
 * What a message offers to learn from, and what links reports into one campaign: its sender, its Reply-To, its link
 * hosts, its files and its body. Shared hosts (shared-hosts.ts) teach nothing: learning "Clean" for google.com would
 * allow every phish hosted on Google Forms, learning "Phish" would flag every honest message with a Google link.
 */
export function learnableKeys(
  email: { senderAddress: string; replyTo?: string[]; urls: { url: string }[]; attachments: { sha256: string }[] },
  bodyFingerprint: string | null,
  sharedHosts: readonly string[] = BUILT_IN_SHARED_HOSTS,
): { kind: TLearnedKind; value: string }[] {
  const seen = {
    senders: [email.senderAddress],
    replyTos: email.replyTo ?? [],
    urls: email.urls.map((url) => url.url),
    sha256s: email.attachments.map((file) => file.sha256),
  };
  return learnableKeysOfMany({ ...seen, bodyFingerprints: bodyFingerprint ? [bodyFingerprint] : [] }, sharedHosts);
}

/** The same keys over many messages (an email cluster's), each kind distinct and capped. */
export function learnableKeysOfMany(
  seen: { senders: string[]; replyTos: string[]; urls: string[]; sha256s: string[]; bodyFingerprints: string[] },
  sharedHosts: readonly string[] = BUILT_IN_SHARED_HOSTS,
): { kind: TLearnedKind; value: string }[] {
  const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].slice(0, MAX_KEYS_OF_A_KIND);
  const senders = distinct(seen.senders.map((sender) => sender.toLowerCase()));
  // A Reply-To that is the sender itself says nothing more.
  const replyTos = distinct(
    seen.replyTos.map((address) => address.toLowerCase()).filter((address) => !senders.includes(address)),
  );
  const hosts = distinct(
    seen.urls
      .map((url) => webUrlHost(url))
      .filter((host): host is string => !!host && !isSharedHost(host, sharedHosts)),
  );
  return [
    ...senders.map((value) => ({ kind: "sender" as const, value })),
    ...replyTos.map((value) => ({ kind: "replyTo" as const, value })),
    ...hosts.map((value) => ({ kind: "urlHost" as const, value })),
    ...distinct(seen.sha256s.map((hash) => hash.toLowerCase())).map((value) => ({ kind: "sha256" as const, value })),
    ...distinct(seen.bodyFingerprints).map((value) => ({ kind: "bodyFingerprint" as const, value })),
  ];
}

/** The unexpired knowledge matching any of the keys (a whole batch's), newest first, in one statement on the (kind, value) unique index. */
export async function matchingLearned(
  keys: { kind: TLearnedKind; value: string }[],
  now: Date,
): Promise<TLearnedMatch[]> {
  const unique = [...new Map(keys.map((key) => [`${key.kind} ${key.value}`, key])).values()];
  if (!unique.length) return [];
  const rows = await prisma.$queryRaw<
    {
      kind: string;
      value: string;
      assessment: string;
      decidedByName: string;
      decidedAt: Date;
      submissionId: string | null;
      clusterId: number | null;
    }[]
  >`
    select l.kind, l.value, l.assessment, l."decidedByName", l."decidedAt", l."submissionId", l."clusterId"
    from unnest(${unique.map((key) => key.kind)}::text[], ${unique.map((key) => key.value)}::text[]) as k(kind, value)
    join "LearnedVerdict" l on l.kind = k.kind and l.value = k.value
    where l."expiresAt" > ${now.toISOString()}::timestamp(3)
    order by l."decidedAt" desc`;
  return rows.map((row) => ({
    kind: row.kind,
    value: row.value,
    assessment: row.assessment,
    decidedBy: row.decidedByName,
    decidedAt: row.decidedAt,
    submissionId: row.submissionId,
    clusterId: row.clusterId,
  }));
}

/** The newest assessment of a key replaces an older one: an analyst who changes their mind is followed. */
export async function learnFromAssessment(
  input: {
    keys: { kind: TLearnedKind; value: string }[];
    assessment: TLearnedAssessment;
    decidedByName: string;
    source: { submissionId: string } | { clusterId: number };
    days: number;
  },
  tx: Prisma.TransactionClient,
): Promise<string[]> {
  const expiresAt = new Date(Date.now() + input.days * 24 * 3600_000);
  const source =
    "submissionId" in input.source
      ? { submissionId: input.source.submissionId, clusterId: null }
      : { submissionId: null, clusterId: input.source.clusterId };
  for (const key of input.keys) {
    const data = {
      assessment: input.assessment,
      decidedByName: input.decidedByName,
      decidedAt: new Date(),
      ...source,
      expiresAt,
    };
    await tx.learnedVerdict.upsert({ where: { kind_value: key }, create: { ...key, ...data }, update: data });
  }
  return input.keys.map((key) => `${key.kind} ${key.value}`);
}

export type TLearnedVerdictRow = {
  id: number;
  kind: string;
  value: string;
  assessment: string;
  decidedByName: string;
  decidedAt: Date;
  submissionId: string | null;
  clusterId: number | null;
  expiresAt: Date;
};

/** What the engine has learnt and still applies, newest first, paged. */
export async function listLearned(
  query: { page: number; pageSize: number; q?: string },
  now = new Date(),
): Promise<{ items: TLearnedVerdictRow[]; total: number; page: number; pageSize: number }> {
  const where = {
    expiresAt: { gt: now },
    ...(query.q ? { value: { contains: query.q, mode: "insensitive" as const } } : {}),
  };
  const [items, total] = await Promise.all([
    prisma.learnedVerdict.findMany({
      where,
      orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.learnedVerdict.count({ where }),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}
