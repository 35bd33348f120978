import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { MAILBOX_LOCATIONS } from "@/server/actions/email-locations";
import { campaignAssessments, campaignOfReport, sharedEntitiesOf } from "@/server/campaigns/campaigns.queries";
import { prisma } from "@/server/db";
import { selectionWhereSql, type TSelection } from "@/server/explorer/selection";
import { judgeMessage } from "@/server/intel/judge-message";
import { scanWithRspamd } from "@/server/rspamd/scan-message";
import { notifyReporters } from "@/server/user-reported/notify-reporter";
import { remediationQueries } from "../remediation.queries";

// A selection's entities judged at most this many of each: a campaign has one link and one file; a wide selection
// is summarised by its commonest ones.
const MAX_SELECTION_ENTITIES = 100;

/**
 * What the user-reported message and manual playbooks read and write outside their own step results: the report or
 * the selected messages, the judges (the verdict engine, rspamd), the tenant store's mail and clicks, the campaign.
 */
export const userReportedMessageQueries = {
  ...remediationQueries,
  submission: (id: string) => prisma.submission.findUnique({ where: { id } }),
  async firstCopyAt(networkMessageId: string): Promise<Date | null> {
    const first = await prisma.emailEvent.findFirst({
      where: { networkMessageId },
      select: { timestamp: true },
      orderBy: { timestamp: "asc" },
    });
    return first?.timestamp ?? null;
  },
  campaignAssessment: async (campaignId: number) => (await campaignAssessments([campaignId])).get(campaignId),

  /** The earliest copy from the selection's commonest sender (it stands for the selection), and its links and files. */
  async selectedMessages(selection: TSelection) {
    const where = selectionWhereSql(selection);
    const [row] = await prisma.$queryRaw<
      {
        subject: string;
        sender: string;
        domain: string;
        displayName: string;
        ip: string | null;
        fingerprint: string | null;
        auth: Record<string, string>;
        first: Date;
      }[]
    >`
      with picked as (select * from "EmailEvent" e where ${where}),
           commonest as (select "senderFromAddress" from picked group by 1 order by count(*) desc limit 1)
      select p.subject, p."senderFromAddress" as sender, p."senderFromDomain" as domain, p."senderDisplayName" as "displayName", p."senderIPv4" as ip,
             p."bodyFingerprint" as fingerprint, p."authenticationDetails" as auth, (select min(timestamp) from picked) as first
      from picked p where p."senderFromAddress" = (select "senderFromAddress" from commonest)
      order by p.timestamp asc limit 1`;
    if (!row) return null;
    const [urls, files] = await Promise.all([
      prisma.$queryRaw<{ url: string; domain: string }[]>`
        select u.url, min(u."urlDomain") as domain from "EmailUrlInfo" u
        where u."networkMessageId" in (select e."networkMessageId" from "EmailEvent" e where ${where})
        group by u.url order by count(*) desc limit ${MAX_SELECTION_ENTITIES}`,
      prisma.$queryRaw<{ sha256: string; fileName: string }[]>`
        select a.sha256, min(a."fileName") as "fileName" from "EmailAttachmentInfo" a
        where (a."networkMessageId", a."recipientEmailAddress") in (select e."networkMessageId", e."recipientEmailAddress" from "EmailEvent" e where ${where})
        group by a.sha256 order by count(*) desc limit ${MAX_SELECTION_ENTITIES}`,
    ]);
    return { ...row, urls, files };
  },

  async reportedRaw(submissionId: string): Promise<Buffer | null> {
    const stored = await prisma.submissionMessage.findUnique({ where: { submissionId }, select: { raw: true } });
    return stored ? Buffer.from(stored.raw) : null;
  },
  scanWithRspamd,
  judgeMessage,

  /** The verdict on every report the run holds, and who reported them (to tell them, when feedback is on). */
  async recordVerdict(
    reports: Prisma.SubmissionWhereInput,
    verdict: Pick<Prisma.SubmissionUpdateManyMutationInput, "verdict" | "threatType" | "detection">,
  ) {
    await prisma.submission.updateMany({ where: reports, data: verdict });
    await notifyReporters(
      (await prisma.submission.findMany({ where: reports, select: { id: true } })).map((report) => report.id),
      "verdict",
    );
  },

  /** Copies of the message (its Message-ID) or its twins (the same body from the same sender domain), by delivery action. */
  async copiesByAction(message: {
    internetMessageId: string | null;
    bodyFingerprint: string | null;
    senderDomain: string;
  }) {
    const rows = await prisma.$queryRaw<{ action: string; count: bigint }[]>`
      select "deliveryAction" as action, count(*) as count from "EmailEvent"
      where "internetMessageId" = ${message.internetMessageId ?? ""}
         or ("bodyFingerprint" = ${message.bodyFingerprint ?? ""} and "senderFromDomain" = ${message.senderDomain})
      group by 1 order by 2 desc`;
    return rows.map((row) => ({ action: row.action, count: Number(row.count) }));
  },

  async campaignSpread(bodyFingerprint: string, senderDomain: string) {
    const [campaign] = await prisma.$queryRaw<
      { messages: bigint; recipients: bigint; first: Date | null; last: Date | null; ips: string[] | null }[]
    >`
      select count(*) as messages, count(distinct "recipientEmailAddress") as recipients, min(timestamp) as first, max(timestamp) as last,
             (array_agg(distinct "senderIPv4") filter (where "senderIPv4" is not null))[1:5] as ips
      from "EmailEvent" where "bodyFingerprint" = ${bodyFingerprint} and "senderFromDomain" = ${senderDomain}`;
    return {
      messages: Number(campaign.messages),
      recipients: Number(campaign.recipients),
      first: campaign.first,
      last: campaign.last,
      ips: campaign.ips ?? [],
    };
  },

  /** How many messages a cluster's condition finds, and how many of them are still in mailboxes. */
  async clusterSize(where: Prisma.Sql) {
    const [counts] = await prisma.$queryRaw<{ total: bigint; inMailboxes: bigint }[]>`
      select count(*) as total, count(*) filter (where "latestDeliveryLocation" = any(${MAILBOX_LOCATIONS as unknown as string[]}::text[])) as "inMailboxes"
      from "EmailEvent" where ${where}`;
    return { total: Number(counts.total), inMailboxes: Number(counts.inMailboxes) };
  },
  sharedEntitiesOf,
  campaignOfReport,

  /** Each cluster search's condition on "EmailEvent", saved with the cluster and used to size and fill it. */
  clusterWhere: {
    url: (url: string, since: Date) =>
      Prisma.sql`"EmailEvent"."networkMessageId" in (select "networkMessageId" from "EmailUrlInfo" where url = ${url}) and "EmailEvent".timestamp >= ${since}`,
    urlHost: (host: string, since: Date) =>
      Prisma.sql`"EmailEvent"."networkMessageId" in (select "networkMessageId" from "EmailUrlInfo" where "urlDomain" = ${host}) and "EmailEvent".timestamp >= ${since}`,
    // Attachment rows are per recipient: match both, so a copy without the file stays out.
    file: (sha256: string, since: Date) =>
      Prisma.sql`("EmailEvent"."networkMessageId", "EmailEvent"."recipientEmailAddress") in (select "networkMessageId", "recipientEmailAddress" from "EmailAttachmentInfo" where sha256 = ${sha256})
        and "EmailEvent".timestamp >= ${since}`,
    /** Same body, and the same sending infrastructure: the sender's domain or its IP address. */
    similarMessages(
      message: { bodyFingerprint: string; senderDomain: string; senderIPv4: string | null },
      since: Date,
    ) {
      const infrastructure = message.senderIPv4
        ? Prisma.sql`("EmailEvent"."senderFromDomain" = ${message.senderDomain} or "EmailEvent"."senderIPv4" = ${message.senderIPv4})`
        : Prisma.sql`"EmailEvent"."senderFromDomain" = ${message.senderDomain}`;
      return Prisma.sql`"EmailEvent"."bodyFingerprint" = ${message.bodyFingerprint} and ${infrastructure} and "EmailEvent".timestamp >= ${since}`;
    },
    selection: (selection: TSelection) =>
      Prisma.sql`"EmailEvent".id in (select e.id from "EmailEvent" e where ${selectionWhereSql(selection)})`,
  },

  /** Who clicked the links, newest click first; `through`: reached the page. */
  async clicksOn(urls: string[]) {
    const rows = await prisma.$queryRaw<{ account: string; clicks: bigint; through: boolean; last: Date }[]>`
      select "accountUpn" as account, count(*) as clicks, bool_or("isClickedThrough" or "actionType" = 'ClickAllowed') as through, max(timestamp) as last
      from "UrlClickEvent" where url = any(${urls}::text[]) group by 1 order by 4 desc`;
    return rows.map((row) => ({ ...row, clicks: Number(row.clicks) }));
  },
};

export type TUserReportedMessageQueries = typeof userReportedMessageQueries;
