import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { raiseAlert } from "@/server/alerts/raise-alert";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { startInvestigation } from "@/server/investigations/start-investigation";
import { campaignKeys } from "@/server/campaigns/campaign-keys";
import { linkToCampaign } from "@/server/campaigns/link-campaign";
import { linkExclusions, withReporterDomain } from "@/server/campaigns/link-exclusions";
import { getDetectionSettings } from "@/server/verdicts/detection-settings.service";
import { parseReportedMessage, type TReportWrapper } from "./reported-original";
import { storedMessageSummary, storedNetworkMessageId, type TMessageSummary } from "./stored-message";

/** A report read from the reporting mailbox: the item's Message-ID (unique: one item is one submission) and the type the user gave. */
export type TReportingItem = { itemId: string; reportType: string; isInlineForward: boolean };

export type TSubmitMessageInput =
  | { kind: "eml"; raw: Buffer; reporter: string; reportingItem?: TReportingItem }
  | { kind: "networkMessageId"; networkMessageId: string; reporter: string };

export type TSubmitResult = {
  submissionId: string;
  alertId: number | null;
  investigationId: number;
  isNewInvestigation: boolean;
};

export const REPORTED_POLICY_ID = "email-reported-by-user";
// A subject can be a megabyte long; titles and names carry its start, the submission all of it.
const MAX_TITLE_SUBJECT = 120;
const MAX_DETAILS_TEXT = 20_000;
const MAX_DETAILS_HTML = 100_000;

/**
 * A user reported a message: when the upload wraps the reported original (a forward as attachment, a delivery or
 * abuse report), the original is what is judged and stored, the wrapper kept as context. The submission is stored,
 * the "Email reported by user as malware or phish" alert raised, the report linked to the others of its campaign
 * (the same message, sender, Reply-To, link host, file or body within the window: src/server/campaigns), and the
 * user-reported message playbook started on it — or, when a run on the same message (same Message-ID, or same body
 * from the same sender domain) is open or ended minutes ago, the report joins or links it, so that one message
 * reported by fifty people is one investigation, not fifty. A report that only shares a campaign key gets a run of its
 * own, on its own links and files, in the campaign.
 */
export async function submitMessage(input: TSubmitMessageInput, principal: TPrincipal): Promise<TSubmitResult> {
  const message = await summarize(input);
  const { reporter } = input;
  const now = new Date();
  const settings = await getDetectionSettings();
  const keys = campaignKeys(message, withReporterDomain(await linkExclusions(settings), reporter));
  const result = await prisma.$transaction(async (tx) => {
    const submission = await tx.submission.create({
      data: {
        createdAt: now,
        reporter,
        // reportingMailbox: the .eml came as the attachment (or inline forward) of an item in the reporting mailbox.
        source:
          input.kind === "eml" && input.reportingItem
            ? input.reportingItem.isInlineForward
              ? "reportingMailboxInline"
              : "reportingMailbox"
            : input.kind,
        ...(input.kind === "eml" && input.reportingItem
          ? { reportingItemId: input.reportingItem.itemId, reportType: input.reportingItem.reportType }
          : {}),
        networkMessageId: message.networkMessageId,
        internetMessageId: message.internetMessageId,
        subject: message.subject,
        sender: message.senderAddress,
        senderDomain: message.senderDomain,
        replyTo: message.replyTo,
        findings: message.findings as Prisma.InputJsonValue,
        ...(message.wrapper ? { wrapper: message.wrapper as Prisma.InputJsonValue } : {}),
        bodyFingerprint: message.bodyFingerprint,
        details: submissionDetails(message) as Prisma.InputJsonValue,
        // The judged message's bytes, for what needs them later (rspamd scans them; an analyst's assessment teaches it).
        ...(message.judgedRaw ? { message: { create: { raw: new Uint8Array(message.judgedRaw) } } } : {}),
      },
    });
    // The policy is informational and may be switched off (null); the report is still kept and still investigated.
    const alert = await raiseAlert(
      {
        policyId: REPORTED_POLICY_ID,
        dedupKey: `submission:${submission.id}`,
        title: `Email reported by user as malware or phish: ${truncate(message.subject, MAX_TITLE_SUBJECT)}`,
        userAddress: reporter,
        detectionSource: "User submission",
        details: {
          submissionId: submission.id,
          subject: message.subject,
          sender: message.senderAddress,
          submittedBy: principal.name,
        },
        activityAt: now,
      },
      tx,
    );
    const { campaignId } = await linkToCampaign(
      { submissionId: submission.id, keys, at: now, windowDays: settings.campaignWindowDays },
      tx,
    );
    const alertIds = alert ? [alert.id] : [];
    // Two reports of one campaign arriving together must not both miss the other's run: one at a time per sender domain.
    const sameMessage = sameMessageWhere(message);
    const started = await startInvestigation(
      {
        playbook: "UserReportedMessage",
        name: `User-reported message: ${truncate(message.subject, MAX_TITLE_SUBJECT)}`,
        users: [reporter],
        detectionSource: "User submission",
        input: {
          submissionId: submission.id,
          internetMessageId: message.internetMessageId,
          networkMessageId: message.networkMessageId,
          bodyFingerprint: message.bodyFingerprint,
          senderDomain: message.senderDomain,
        },
        alertIds,
        ...(sameMessage
          ? {
              join: {
                lockKey: `submission-run:${message.senderDomain}`,
                matches: sameMessage,
                joinNote: `Reported again by ${reporter} (submission ${submission.id})`,
              },
            }
          : {}),
      },
      tx,
      now,
    );
    const investigationId = started.id;
    if (!started.isNew)
      await tx.investigation.updateMany({
        where: { id: investigationId, NOT: { users: { has: reporter } } },
        data: { users: { push: reporter } },
      });
    // A report that joins a run the playbook has already judged shows that run's verdict (the first report's).
    const judged = !started.isNew
      ? await tx.submission.findFirst({
          where: { investigationId, verdict: { not: "Unknown" } },
          select: { verdict: true, threatType: true },
        })
      : null;
    await tx.submission.update({
      where: { id: submission.id },
      data: { alertId: alert?.id ?? null, investigationId, ...(judged ?? {}) },
    });
    // A campaign's first run is the one its view links to.
    if (campaignId)
      await tx.campaign.updateMany({ where: { id: campaignId, investigationId: null }, data: { investigationId } });
    return {
      submissionId: submission.id,
      alertId: alert?.id ?? null,
      investigationId,
      isNewInvestigation: started.isNew,
    };
  });
  return result;
}

type TReportedSummary = TMessageSummary & { wrapper?: TReportWrapper | null; judgedRaw?: Buffer };

async function summarize(input: TSubmitMessageInput): Promise<TReportedSummary> {
  if (input.kind === "networkMessageId") return storedMessageSummary(input.networkMessageId, input.reporter);
  const parsed = await parseReportedMessage(input.raw);
  return { ...parsed, networkMessageId: await storedNetworkMessageId(parsed.internetMessageId, input.reporter) };
}

export type TStoredReportDetails = ReturnType<typeof submissionDetails>;

/** What the Submissions view and the playbook read later; the body is cut short, the columns hold the rest. */
function submissionDetails(message: TMessageSummary) {
  return {
    senderDisplayName: message.senderDisplayName,
    mailFromAddress: message.mailFromAddress,
    recipients: message.recipients,
    sentAt: message.sentAt?.toISOString() ?? null,
    senderIPv4: message.senderIPv4,
    authentication: message.authentication,
    urls: message.urls,
    attachments: message.attachments,
    textBody: message.textBody.slice(0, MAX_DETAILS_TEXT),
    // What the detection engine reads when the run judges the message (authentication, bulk marks, HTML structure).
    headers: message.headers,
    contentType: message.contentType,
    html: message.html.slice(0, MAX_DETAILS_HTML),
  };
}

/** Reports of one message: the same Message-ID, or the same body fingerprint from the same sender domain. */
function sameMessageWhere(message: TMessageSummary): Prisma.InvestigationWhereInput | null {
  const sameMessage: Prisma.InvestigationWhereInput[] = [
    ...(message.internetMessageId
      ? [{ input: { path: ["internetMessageId"], equals: message.internetMessageId } }]
      : []),
    ...(message.bodyFingerprint
      ? [
          {
            AND: [
              { input: { path: ["bodyFingerprint"], equals: message.bodyFingerprint } },
              { input: { path: ["senderDomain"], equals: message.senderDomain } },
            ],
          },
        ]
      : []),
  ];
  return sameMessage.length ? { OR: sameMessage } : null;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
