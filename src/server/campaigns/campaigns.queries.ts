import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Verdict } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";
import { dateFilter } from "@/server/http/list-filters";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import type { TCampaignListQuery } from "./campaigns.schemas";

// Lists show a campaign's first few senders and hosts; the counts say how many there are.
const SHOWN = 5;

export type TCampaignListItem = {
  id: number;
  firstSeen: Date;
  lastSeen: Date;
  investigationId: number | null;
  subject: string;
  reports: number;
  recipients: number;
  senders: string[];
  senderCount: number;
  linkHosts: string[];
  linkHostCount: number;
  verdict: Verdict;
  threatType: string;
  /** Who assessed a report of the campaign, when its verdict is an analyst's. */
  assessedByName: string | null;
};

type TAggregate = {
  id: number;
  reports: bigint;
  subject: string;
  senders: string[];
  verdicts: Verdict[];
  threatType: string | null;
  assessment: Verdict | null;
  assessedThreatType: string | null;
  assessedByName: string | null;
  recipients: bigint;
  hosts: string[] | null;
};

const VERDICT_ORDER: Verdict[] = ["Malicious", "Suspicious", "Clean", "Unknown"];

/** Threat Explorer › Campaigns: one page of campaigns, paged and sorted in the database, then their facts in one statement. */
export async function listCampaigns(query: TCampaignListQuery, now = new Date()): Promise<TPage<TCampaignListItem>> {
  const lastSeen = dateFilter(query, now);
  const where: Prisma.CampaignWhereInput = {
    ...(lastSeen ? { lastSeen } : {}),
    ...(query.q
      ? {
          submissions: {
            some: {
              OR: [
                { sender: { contains: query.q, mode: "insensitive" } },
                { subject: { contains: query.q, mode: "insensitive" } },
              ],
            },
          },
        }
      : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const orderBy: Prisma.CampaignOrderByWithRelationInput =
    field === "reports" ? { submissions: { _count: direction } } : { [field]: direction };
  const [campaigns, total] = await Promise.all([
    prisma.campaign.findMany({
      where,
      orderBy: [orderBy, { id: direction }],
      select: { id: true, firstSeen: true, lastSeen: true, investigationId: true },
      ...skipTake(query),
    }),
    prisma.campaign.count({ where }),
  ]);
  const facts = new Map((await campaignFacts(campaigns.map((campaign) => campaign.id))).map((row) => [row.id, row]));
  const items = campaigns.map((campaign) => {
    const row = facts.get(campaign.id);
    const automatic = VERDICT_ORDER.find((verdict) => row?.verdicts.includes(verdict)) ?? "Unknown";
    return {
      ...campaign,
      subject: row?.subject ?? "",
      reports: Number(row?.reports ?? 0),
      recipients: Number(row?.recipients ?? 0),
      senders: (row?.senders ?? []).slice(0, SHOWN),
      senderCount: row?.senders.length ?? 0,
      linkHosts: (row?.hosts ?? []).slice(0, SHOWN),
      linkHostCount: row?.hosts?.length ?? 0,
      verdict: row?.assessment ?? automatic,
      threatType: (row?.assessment ? row.assessedThreatType : row?.threatType) ?? "",
      assessedByName: row?.assessment ? row.assessedByName : null,
    };
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

// The analyst's newest assessment decides a campaign's verdict; without one, the worst automatic verdict of its reports.
// Recipients: every reporter (each received it) and every address the reported copies were sent to.
function campaignFacts(ids: number[]): Promise<TAggregate[]> {
  if (!ids.length) return Promise.resolve([]);
  return prisma.$queryRaw<TAggregate[]>`
    with members as (select * from "Submission" where "campaignId" = any(${ids}::int[]))
    select m."campaignId" as id, count(*) as reports,
      (array_agg(m.subject order by m."createdAt"))[1] as subject,
      array_agg(distinct m.sender) as senders,
      array_agg(distinct m.verdict) as verdicts,
      (array_agg(nullif(m."threatType", '') order by m.verdict, m."createdAt") filter (where m."threatType" <> ''))[1] as "threatType",
      (array_agg(m.assessment order by m."assessedAt" desc) filter (where m.assessment is not null))[1] as assessment,
      (array_agg(m."assessedThreatType" order by m."assessedAt" desc) filter (where m.assessment is not null))[1] as "assessedThreatType",
      (array_agg(m."assessedByName" order by m."assessedAt" desc) filter (where m.assessment is not null))[1] as "assessedByName",
      (select count(distinct r.address) from members r2
         cross join lateral (select r2.reporter as address union
           select jsonb_array_elements_text(case when jsonb_typeof(r2.details -> 'recipients') = 'array' then r2.details -> 'recipients' else '[]'::jsonb end)) r
         where r2."campaignId" = m."campaignId") as recipients,
      (select array_agg(distinct k.value order by k.value) from "SubmissionKey" k join members h on h.id = k."submissionId"
         where h."campaignId" = m."campaignId" and k.kind = 'urlHost') as hosts
    from members m group by m."campaignId"`;
}

export type TLinkedReport = {
  id: string;
  createdAt: Date;
  reporter: string;
  sender: string;
  subject: string;
  verdict: Verdict;
  assessment: Verdict | null;
  shared: { kind: string; value: string }[];
};

export type TCampaignOfReport = {
  id: number;
  firstSeen: Date;
  lastSeen: Date;
  investigationId: number | null;
  reports: number;
  /** The other reports, oldest first (at most `limit`), each with the keys it shares with this one. */
  others: TLinkedReport[];
  /** The newest analyst's assessment of another report of the campaign: it applies to this one too. */
  assessment: {
    submissionId: string;
    assessment: Verdict;
    threatType: string | null;
    byName: string | null;
    at: Date | null;
    shared: { kind: string; value: string }[];
  } | null;
};

/** A report's campaign, its other reports and what each shares with it; null when the report stands alone. */
export async function campaignOfReport(submissionId: string, limit = 50): Promise<TCampaignOfReport | null> {
  const report = await prisma.submission.findUnique({ where: { id: submissionId }, select: { campaignId: true } });
  if (!report?.campaignId) return null;
  const campaignId = report.campaignId;
  const [campaign, reports, others, assessed] = await Promise.all([
    prisma.campaign.findUnique({
      where: { id: campaignId },
      select: { id: true, firstSeen: true, lastSeen: true, investigationId: true },
    }),
    prisma.submission.count({ where: { campaignId } }),
    linkedReports(submissionId, campaignId, { limit }),
    linkedReports(submissionId, campaignId, { limit: 1, isAssessed: true }),
  ]);
  if (!campaign) return null;
  const newest = assessed[0];
  return {
    ...campaign,
    reports,
    others,
    assessment: newest?.assessment
      ? {
          submissionId: newest.id,
          assessment: newest.assessment,
          threatType: newest.assessedThreatType,
          byName: newest.assessedByName,
          at: newest.assessedAt,
          shared: newest.shared,
        }
      : null,
  };
}

type TLinkedRow = TLinkedReport & {
  assessedThreatType: string | null;
  assessedByName: string | null;
  assessedAt: Date | null;
};

// The keys each other report shares with this one: none for a report linked through a third (the campaign is transitive).
function linkedReports(
  submissionId: string,
  campaignId: number,
  options: { limit: number; isAssessed?: boolean },
): Promise<TLinkedRow[]> {
  return prisma.$queryRaw<TLinkedRow[]>`
    select s.id, s."createdAt", s.reporter, s.sender, s.subject, s.verdict, s.assessment, s."assessedThreatType", s."assessedByName", s."assessedAt",
      coalesce((select jsonb_agg(jsonb_build_object('kind', o.kind, 'value', o.value) order by o.kind, o.value)
        from "SubmissionKey" o join "SubmissionKey" mine on mine."submissionId" = ${submissionId} and mine.kind = o.kind and mine.value = o.value
        where o."submissionId" = s.id), '[]'::jsonb) as shared
    from "Submission" s
    where s."campaignId" = ${campaignId} and s.id <> ${submissionId} ${options.isAssessed ? Prisma.sql`and s.assessment is not null` : Prisma.empty}
    order by ${options.isAssessed ? Prisma.sql`s."assessedAt" desc nulls last` : Prisma.sql`s."createdAt" asc`}
    limit ${options.limit}`;
}

export type TCampaignAssessment = {
  campaignId: number;
  submissionId: string;
  assessment: Verdict;
  assessedThreatType: string | null;
  assessedByName: string | null;
  assessedAt: Date | null;
};

/** The newest analyst's assessment in each of these campaigns, in one statement: what a list shows for their other reports. */
export async function campaignAssessments(campaignIds: number[]): Promise<Map<number, TCampaignAssessment>> {
  const ids = [...new Set(campaignIds)];
  if (!ids.length) return new Map();
  const rows = await prisma.$queryRaw<TCampaignAssessment[]>`
    select distinct on ("campaignId") "campaignId", id as "submissionId", assessment, "assessedThreatType", "assessedByName", "assessedAt"
    from "Submission" where "campaignId" = any(${ids}::int[]) and assessment is not null
    order by "campaignId", "assessedAt" desc nulls last`;
  return new Map(rows.map((row) => [row.campaignId, row]));
}

export type TSharedEntity = { kind: "urlHost" | "sha256"; value: string; reports: number };

/**
 * The link hosts and files of a report that other reports carry too, judged or not: what links a campaign is worth a
 * cluster search before anything calls it malicious. Most-reported first.
 */
export async function sharedEntitiesOf(submissionId: string, limit: number): Promise<TSharedEntity[]> {
  const rows = await prisma.$queryRaw<{ kind: "urlHost" | "sha256"; value: string; reports: bigint }[]>`
    select mine.kind, mine.value, count(distinct other."submissionId") + 1 as reports
    from "SubmissionKey" mine
    join "SubmissionKey" other on other.kind = mine.kind and other.value = mine.value and other."submissionId" <> mine."submissionId"
    where mine."submissionId" = ${submissionId} and mine.kind in ('urlHost', 'sha256')
    group by 1, 2 order by 3 desc, 2 limit ${limit}`;
  return rows.map((row) => ({ ...row, reports: Number(row.reports) }));
}
