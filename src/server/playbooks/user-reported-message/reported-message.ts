import type { Verdict } from "@/generated/prisma/enums";
import { reportedReplyTo } from "@/server/campaigns/reply-to";
import type { TEntityJudgement, TMessageJudgement } from "@/server/intel/judge-message";
import type { TThreatType } from "@/lib/threat-indicators";
import type { TMessageFinding } from "@/server/submissions/message-findings";
import type { THeader } from "@/server/submissions/message-headers";
import type { TReportWrapper } from "@/server/submissions/reported-original";
import type { TStoredReportDetails } from "@/server/submissions/submit-message";
import { describeRspamdScan, rspamdSignals } from "@/server/rspamd/rspamd-signals";
import type { TRspamdScan } from "@/server/rspamd/scan-message";
import { sendingHost } from "@/server/rspamd/sending-host";
import { emailFrom, type TEmail, type TEmailAttachment } from "@/server/verdicts/email-input";
import type { TManualInput, TUserReportedMessageInput } from "../playbook-inputs";
import type { TInvestigationSubject, TStep, TStepContext } from "../playbook.types";
import type { TUserReportedMessageQueries } from "./user-reported-message.queries";

/** The user-reported message's steps also run in the manual playbook, on messages selected in Threat Explorer. */
export type TReportedMessageInput = TUserReportedMessageInput | TManualInput;
export type TReportedMessageContext = TStepContext<TReportedMessageInput, TUserReportedMessageQueries>;
export type TReportedMessageStep = TStep<TReportedMessageInput, TUserReportedMessageQueries>;
type TSubject = TInvestigationSubject<TReportedMessageInput>;

// Clusters and hunting look this far back from the reported message, as Defender's cluster searches do.
const HUNTING_DAYS = 30;

/**
 * What a run knows of the message it investigates: a report's summary (parsed .eml or the stored copy), or, for a
 * manual run, the messages selected in Threat Explorer seen as one (their commonest sender, all their links and files).
 */
export type TReportedMessage = {
  submissionId: string | null;
  reporter: string;
  subject: string;
  sender: string;
  senderDomain: string;
  senderDisplayName: string;
  senderIPv4: string | null;
  internetMessageId: string | null;
  networkMessageId: string | null;
  bodyFingerprint: string | null;
  authentication: Record<string, string>;
  urls: { url: string; domain: string; linkText: string | null }[];
  attachments: TEmailAttachment[];
  /** What only a reported .eml tells (empty for a stored copy or a selection). */
  mailFromAddress: string;
  replyTo: string[];
  recipients: string[];
  headers: THeader[];
  contentType: string;
  textBody: string;
  html: string;
  findings: TMessageFinding[];
  /** The message that carried the reported original (a forward as attachment, a delivery or ARF report), if any. */
  wrapper: TReportWrapper | null;
  receivedAt: Date;
  assessment: Verdict | null;
  assessedThreatType: string | null;
  assessedByName: string | null;
};

/** A submission's stored details, as the submission service wrote them (older rows may lack newer fields). */
type TDetails = Partial<TStoredReportDetails>;

async function loadReportedMessage({ subject, queries }: TReportedMessageContext): Promise<TReportedMessage> {
  const { input } = subject;
  if ("selection" in input) return loadSelectedMessages(input, queries);
  const { submissionId } = input;
  const submission = await queries.submission(submissionId);
  if (!submission) throw new Error(`submission ${submissionId} was not found`);
  const details = submission.details as TDetails;
  // The stored copy's arrival time when there is one; a message only known from its .eml arrived before its report.
  const storedAt = submission.networkMessageId ? await queries.firstCopyAt(submission.networkMessageId) : null;
  // An analyst's assessment of another report of the campaign applies to this one, saying whose and where from.
  const campaignAssessment =
    !submission.assessment && submission.campaignId
      ? await queries.campaignAssessment(submission.campaignId)
      : undefined;
  const assessed = campaignAssessment
    ? {
        assessment: campaignAssessment.assessment,
        assessedThreatType: campaignAssessment.assessedThreatType,
        assessedByName: `${campaignAssessment.assessedByName ?? "an analyst"} on submission ${campaignAssessment.submissionId} of campaign #${submission.campaignId}`,
      }
    : {
        assessment: submission.assessment,
        assessedThreatType: submission.assessedThreatType,
        assessedByName: submission.assessedByName,
      };
  return {
    submissionId,
    reporter: submission.reporter,
    subject: submission.subject,
    sender: submission.sender,
    senderDomain: submission.senderDomain,
    senderDisplayName: details.senderDisplayName ?? "",
    senderIPv4: details.senderIPv4 ?? null,
    internetMessageId: submission.internetMessageId,
    networkMessageId: submission.networkMessageId,
    bodyFingerprint: submission.bodyFingerprint,
    authentication: details.authentication ?? {},
    urls: (details.urls ?? []).map((url) => ({ url: url.url, domain: url.domain, linkText: url.linkText ?? null })),
    attachments: details.attachments ?? [],
    mailFromAddress: details.mailFromAddress ?? submission.sender,
    // The column the parser filled; for reports older than it, read from the stored headers.
    replyTo: reportedReplyTo({ replyTo: submission.replyTo, headers: details.headers }),
    recipients: details.recipients ?? [],
    headers: details.headers ?? [],
    contentType: details.contentType ?? "",
    textBody: details.textBody ?? "",
    html: details.html ?? "",
    findings: Array.isArray(submission.findings) ? (submission.findings as TMessageFinding[]) : [],
    wrapper: (submission.wrapper as TReportWrapper | null) ?? null,
    receivedAt: storedAt ?? submission.createdAt,
    ...assessed,
  };
}

async function loadSelectedMessages(
  input: TManualInput,
  queries: TUserReportedMessageQueries,
): Promise<TReportedMessage> {
  const row = await queries.selectedMessages(input.selection);
  if (!row) throw new Error("the selected messages are no longer in the tenant store");
  const auth = row.auth ?? {};
  return {
    submissionId: null,
    reporter: input.triggeredBy,
    subject: row.subject,
    sender: row.sender,
    senderDomain: row.domain,
    senderDisplayName: row.displayName,
    senderIPv4: row.ip,
    internetMessageId: null,
    networkMessageId: null,
    bodyFingerprint: row.fingerprint,
    authentication: { spf: auth.SPF, dkim: auth.DKIM, dmarc: auth.DMARC, compAuth: auth.CompAuth },
    urls: row.urls.map((url) => ({ url: url.url, domain: url.domain, linkText: null })),
    attachments: row.files.map((file) => ({ ...file, contentType: "", size: 0 })),
    mailFromAddress: row.sender,
    replyTo: [],
    recipients: [],
    headers: [],
    contentType: "",
    textBody: "",
    html: "",
    findings: [],
    wrapper: null,
    receivedAt: row.first,
    assessment: null,
    assessedThreatType: null,
    assessedByName: null,
  };
}

// Read and judged once per run, not once per step: every step starts from the same message and its verdicts.
const messages = new WeakMap<TSubject, Promise<TReportedMessage>>();
/** The engine's judgement with what rspamd said of the message (or why it said nothing). */
export type TReportedJudgement = TMessageJudgement & { rspamd: string };

const judgements = new WeakMap<TSubject, Promise<TReportedJudgement>>();

export function reportedMessage(context: TReportedMessageContext): Promise<TReportedMessage> {
  if (!messages.has(context.subject)) messages.set(context.subject, loadReportedMessage(context));
  return messages.get(context.subject)!;
}

export function judgement(context: TReportedMessageContext): Promise<TReportedJudgement> {
  const { subject, queries } = context;
  if (!judgements.has(subject)) {
    judgements.set(
      subject,
      reportedMessage(context).then(async (message) => {
        const email = emailOf(message);
        const rspamd = await rspamdOpinion(message.submissionId, email, queries);
        const judged = await queries.judgeMessage(
          email,
          {
            receivedAt: message.receivedAt,
            bodyFingerprint: message.bodyFingerprint,
            submissionId: message.submissionId,
          },
          rspamdSignals(rspamd),
        );
        return { ...judged, rspamd: describeRspamdScan(rspamd) };
      }),
    );
  }
  return judgements.get(subject)!;
}

/**
 * rspamd's second opinion on the reported .eml as it arrived, scanned with the original sending host and envelope;
 * none for a report by NetworkMessageId or a selection (no .eml). Never throws: down is "unavailable", and the verdict
 * is made without it and says so.
 */
async function rspamdOpinion(
  submissionId: string | null,
  email: TEmail,
  queries: TUserReportedMessageQueries,
): Promise<TRspamdScan> {
  const raw = submissionId ? await queries.reportedRaw(submissionId) : null;
  if (!raw) return { status: "not-configured" };
  return queries.scanWithRspamd(raw, {
    ...sendingHost(email.headers),
    from: email.mailFromAddress,
    rcpt: email.recipients,
  });
}

function emailOf(message: TReportedMessage) {
  const auth = message.authentication;
  const word = (key: string) => (auth[key] ?? auth[key.toUpperCase()] ?? "none").toLowerCase();
  return emailFrom({
    ...message,
    senderAddress: message.sender,
    authentication: {
      spf: word("spf"),
      dkim: word("dkim"),
      dmarc: word("dmarc"),
      compAuth: auth.compAuth ?? auth.CompAuth ?? "none",
    },
  });
}

/** The verdict on the reported message: an analyst's assessment, when there is one, over the automatic one. */
export async function messageVerdict(context: TReportedMessageContext): Promise<TEntityJudgement> {
  const [message, judged] = await Promise.all([reportedMessage(context), judgement(context)]);
  if (!message.assessment) return judged.overall;
  const named = message.assessedThreatType as TThreatType | null;
  const threatType = named ?? (judged.overall.threatType || (message.assessment === "Malicious" ? "Phish" : ""));
  return {
    verdict: message.assessment,
    threatType: message.assessment === "Clean" ? "" : threatType,
    reasons: [
      `Assessed ${message.assessment.toLowerCase()}${named ? ` (${named})` : ""} by ${message.assessedByName ?? "an analyst"}`,
    ],
  };
}

export function huntingSince(message: TReportedMessage): Date {
  return new Date(message.receivedAt.getTime() - HUNTING_DAYS * 24 * 3600_000);
}

/** The entities judged malicious, each once. */
export function maliciousEntities(judged: TMessageJudgement): { urls: string[]; files: string[] } {
  const pick = (entries: Record<string, TEntityJudgement>) =>
    Object.entries(entries)
      .filter(([, entity]) => entity.verdict === "Malicious")
      .map(([key]) => key);
  return { urls: pick(judged.urls), files: pick(judged.files) };
}
