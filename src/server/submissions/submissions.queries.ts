import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import {
  campaignAssessments,
  campaignOfReport,
  type TCampaignAssessment,
  type TCampaignOfReport,
} from "@/server/campaigns/campaigns.queries";
import { prisma } from "@/server/db";
import { dateFilter } from "@/server/http/list-filters";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import type { TSubmissionListQuery } from "./submissions.schemas";

const LIST_FIELDS = {
  id: true,
  createdAt: true,
  reporter: true,
  source: true,
  sender: true,
  replyTo: true,
  findings: true,
  wrapper: true,
  subject: true,
  verdict: true,
  threatType: true,
  detection: true,
  assessment: true,
  assessedThreatType: true,
  assessedByName: true,
  assessedAt: true,
  networkMessageId: true,
  alertId: true,
  investigationId: true,
  campaignId: true,
} as const satisfies Prisma.SubmissionSelect;

/** With the campaign's assessment when another report of it was assessed and this one was not: it applies here too. */
export type TSubmissionListItem = Prisma.SubmissionGetPayload<{ select: typeof LIST_FIELDS }> & {
  campaignAssessment: TCampaignAssessment | null;
};

export async function listSubmissions(
  query: TSubmissionListQuery,
  now = new Date(),
): Promise<TPage<TSubmissionListItem>> {
  const createdAt = dateFilter(query, now);
  const where: Prisma.SubmissionWhereInput = {
    AND: [
      // The verdict a row shows: the analyst's assessment when there is one, else the playbook's.
      query.verdict?.length
        ? { OR: [{ assessment: { in: query.verdict } }, { assessment: null, verdict: { in: query.verdict } }] }
        : {},
      query.reporter ? { reporter: { contains: query.reporter, mode: "insensitive" } } : {},
      query.q
        ? {
            OR: [
              { subject: { contains: query.q, mode: "insensitive" } },
              { sender: { contains: query.q, mode: "insensitive" } },
            ],
          }
        : {},
      query.campaign ? { campaignId: query.campaign } : {},
      createdAt ? { createdAt } : {},
    ],
  };
  const { field, direction } = orderFromSort(query.sort);
  const [rows, total] = await Promise.all([
    prisma.submission.findMany({
      where,
      select: LIST_FIELDS,
      orderBy: [{ [field]: direction }, { id: direction }],
      ...skipTake(query),
    }),
    prisma.submission.count({ where }),
  ]);
  const assessed = await campaignAssessments(
    rows.flatMap((row) => (row.campaignId && !row.assessment ? [row.campaignId] : [])),
  );
  const items = rows.map((row) => ({
    ...row,
    campaignAssessment: (!row.assessment && row.campaignId && assessed.get(row.campaignId)) || null,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export const SUBMISSION_DETAIL_FIELDS = {
  ...LIST_FIELDS,
  internetMessageId: true,
  senderDomain: true,
  bodyFingerprint: true,
  details: true,
} as const satisfies Prisma.SubmissionSelect;

export type TSubmissionDetails = Prisma.SubmissionGetPayload<{ select: typeof SUBMISSION_DETAIL_FIELDS }>;

/** One submission with what was read from the message, and its campaign (null when it stands alone); null when there is no such submission. */
export async function getSubmission(
  id: string,
): Promise<(TSubmissionDetails & { campaign: TCampaignOfReport | null }) | null> {
  const [submission, campaign] = await Promise.all([
    prisma.submission.findUnique({ where: { id }, select: SUBMISSION_DETAIL_FIELDS }),
    campaignOfReport(id),
  ]);
  return submission && { ...submission, campaign };
}
