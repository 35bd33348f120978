import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { BUILT_IN_SHARED_HOSTS, isSharedHost } from "@/server/campaigns/shared-hosts";
import { webUrlHost } from "@/server/intel/domain-names";
import type { TLearnedMatch } from "./tenant-context";

export const LEARNED_KINDS = ["sender", "replyTo", "urlHost", "sha256", "bodyFingerprint"] as const;
export type TLearnedKind = (typeof LEARNED_KINDS)[number];
export type TLearnedAssessment = "Clean" | "Spam" | "Phish" | "Malware";

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
  const hosts = [...new Set(email.urls.map((url) => webUrlHost(url.url)).filter((host): host is string => !!host && !isSharedHost(host, sharedHosts)))];
  const sender = email.senderAddress.toLowerCase();
  return [
    { kind: "sender" as const, value: sender },
    ...[...new Set((email.replyTo ?? []).map((address) => address.toLowerCase()))].filter((address) => address !== sender).slice(0, 10).map((value) => ({ kind: "replyTo" as const, value })),
    ...hosts.slice(0, 20).map((value) => ({ kind: "urlHost" as const, value })),
    ...[...new Set(email.attachments.map((file) => file.sha256.toLowerCase()))].slice(0, 20).map((value) => ({ kind: "sha256" as const, value })),
    ...(bodyFingerprint ? [{ kind: "bodyFingerprint" as const, value: bodyFingerprint }] : []),
  ];
}

/** The unexpired knowledge matching any of the keys (a whole batch's), newest first, in one statement on the (kind, value) unique index. */
export async function matchingLearned(keys: { kind: TLearnedKind; value: string }[], now: Date): Promise<TLearnedMatch[]> {
  const unique = [...new Map(keys.map((key) => [`${key.kind} ${key.value}`, key])).values()];
  if (!unique.length) return [];
  const rows = await prisma.$queryRaw<{ kind: string; value: string; assessment: string; decidedByName: string; decidedAt: Date; submissionId: string | null }[]>`
    select l.kind, l.value, l.assessment, l."decidedByName", l."decidedAt", l."submissionId"
    from unnest(${unique.map((key) => key.kind)}::text[], ${unique.map((key) => key.value)}::text[]) as k(kind, value)
    join "LearnedVerdict" l on l.kind = k.kind and l.value = k.value
    where l."expiresAt" > ${now.toISOString()}::timestamp(3)
    order by l."decidedAt" desc`;
  return rows.map((row) => ({ kind: row.kind, value: row.value, assessment: row.assessment, decidedBy: row.decidedByName, decidedAt: row.decidedAt, submissionId: row.submissionId }));
}

/** The newest assessment of a key replaces an older one: an analyst who changes their mind is followed. */
export async function learnFromAssessment(
  input: { keys: { kind: TLearnedKind; value: string }[]; assessment: TLearnedAssessment; decidedByName: string; submissionId: string; days: number },
  tx: Prisma.TransactionClient,
): Promise<string[]> {
  const expiresAt = new Date(Date.now() + input.days * 24 * 3600_000);
  for (const key of input.keys) {
    const data = { assessment: input.assessment, decidedByName: input.decidedByName, decidedAt: new Date(), submissionId: input.submissionId, expiresAt };
    await tx.learnedVerdict.upsert({ where: { kind_value: key }, create: { ...key, ...data }, update: data });
  }
  return input.keys.map((key) => `${key.kind} ${key.value}`);
}

export type TLearnedVerdictRow = { id: number; kind: string; value: string; assessment: string; decidedByName: string; decidedAt: Date; submissionId: string | null; expiresAt: Date };

/** What the engine has learnt and still applies, newest first, paged. */
export async function listLearned(query: { page: number; pageSize: number; q?: string }, now = new Date()): Promise<{ items: TLearnedVerdictRow[]; total: number; page: number; pageSize: number }> {
  const where = { expiresAt: { gt: now }, ...(query.q ? { value: { contains: query.q, mode: "insensitive" as const } } : {}) };
  const [items, total] = await Promise.all([
    prisma.learnedVerdict.findMany({ where, orderBy: [{ decidedAt: "desc" }, { id: "desc" }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    prisma.learnedVerdict.count({ where }),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}
