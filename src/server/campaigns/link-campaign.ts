import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TCampaignKey } from "./campaign-keys";

const DAY_MS = 24 * 3600_000;

export type TCampaignLink = { campaignId: number | null; linkedReports: number };

/**
 * Files a new report's keys and links it to the reports that share one within the window: they become one campaign
 * (an existing one, or several merged into the oldest, or a new one). Runs in the submission's transaction, holding
 * a lock per key, so two reports of one campaign arriving together see each other whatever key they share.
 */
export async function linkToCampaign(
  report: { submissionId: string; keys: TCampaignKey[]; at: Date; windowDays: number },
  tx: Prisma.TransactionClient,
): Promise<TCampaignLink> {
  const { submissionId, keys, at } = report;
  if (!keys.length) return { campaignId: null, linkedReports: 0 };
  const kinds = keys.map((key) => key.kind);
  const values = keys.map((key) => key.value);
  // Ordered, so two transactions take their common locks in the same order and never deadlock.
  await tx.$queryRaw`select pg_advisory_xact_lock(h)::text from (select distinct hashtext('campaign-key:' || k || ':' || v) as h from unnest(${kinds}::text[], ${values}::text[]) as t(k, v) order by 1) locks`;
  await tx.$executeRaw`
    insert into "SubmissionKey" ("submissionId", kind, value, "createdAt")
    select ${submissionId}, k, v, ${at.toISOString()}::timestamp(3) from unnest(${kinds}::text[], ${values}::text[]) as t(k, v) on conflict do nothing`;
  const since = new Date(at.getTime() - report.windowDays * DAY_MS);
  const [linked] = await tx.$queryRaw<
    {
      reports: bigint;
      campaigns: number[] | null;
      loose: string[] | null;
      first: Date | null;
      investigationId: number | null;
    }[]
  >`
    with matched as (
      select distinct s.id, s."campaignId", s."createdAt", s."investigationId"
      from unnest(${kinds}::text[], ${values}::text[]) as n(kind, value)
      join "SubmissionKey" k on k.kind = n.kind and k.value = n.value and k."createdAt" >= ${since.toISOString()}::timestamp(3) and k."submissionId" <> ${submissionId}
      join "Submission" s on s.id = k."submissionId")
    select count(*) as reports,
      array_agg(distinct "campaignId") filter (where "campaignId" is not null) as campaigns,
      array_agg(id) filter (where "campaignId" is null) as loose,
      min("createdAt") as first,
      (array_agg("investigationId" order by "createdAt") filter (where "investigationId" is not null))[1] as "investigationId"
    from matched`;
  if (!Number(linked.reports)) return { campaignId: null, linkedReports: 0 };
  const campaigns = (linked.campaigns ?? []).sort((a, b) => a - b);
  const campaignId =
    campaigns[0] ??
    (
      await tx.campaign.create({
        data: { firstSeen: linked.first ?? at, lastSeen: at, investigationId: linked.investigationId },
        select: { id: true },
      })
    ).id;
  const merged = campaigns.slice(1);
  await tx.$executeRaw`
    update "Submission" set "campaignId" = ${campaignId}
    where id = any(${[submissionId, ...(linked.loose ?? [])]}::text[]) or "campaignId" = any(${merged}::int[])`;
  await tx.$executeRaw`
    update "Campaign" c set "firstSeen" = m.first, "lastSeen" = greatest(c."lastSeen", m.last),
      "investigationId" = coalesce(c."investigationId", m."investigationId")
    from (select min("createdAt") as first, max("createdAt") as last,
            (array_agg("investigationId" order by "createdAt") filter (where "investigationId" is not null))[1] as "investigationId"
          from "Submission" where "campaignId" = ${campaignId}) m
    where c.id = ${campaignId}`;
  if (merged.length) await tx.$executeRaw`delete from "Campaign" where id = any(${merged}::int[])`;
  return { campaignId, linkedReports: Number(linked.reports) };
}
