import "server-only";
import type { Verdict } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";
import { judgeMessage, type TEntityJudgement, type TMessageJudgement } from "@/server/intel/judge-message";
import type { TInvestigationSubject } from "../playbook.types";

// Clusters and hunting look this far back from the reported message, as Defender's cluster searches do.
const HUNTING_DAYS = 30;

/** What the playbook knows of the reported message: the submission's summary (parsed .eml or the stored copy). */
export type TReportedMessage = {
  submissionId: string;
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
  attachments: { fileName: string; sha256: string }[];
  receivedAt: Date;
  assessment: Verdict | null;
  assessedByName: string | null;
};

type TDetails = Partial<{
  senderDisplayName: string;
  senderIPv4: string | null;
  authentication: Record<string, string>;
  urls: { url: string; domain: string; linkText?: string | null }[];
  attachments: { fileName: string; sha256: string }[];
}>;

async function loadReportedMessage(subject: TInvestigationSubject): Promise<TReportedMessage> {
  const submissionId = String(subject.input.submissionId ?? "");
  const submission = await prisma.submission.findUnique({ where: { id: submissionId } });
  if (!submission) throw new Error(`submission ${submissionId} was not found`);
  const details = submission.details as TDetails;
  // The stored copy's arrival time when there is one; a message only known from its .eml arrived before its report.
  const stored = submission.networkMessageId
    ? await prisma.emailEvent.findFirst({ where: { networkMessageId: submission.networkMessageId }, select: { timestamp: true }, orderBy: { timestamp: "asc" } })
    : null;
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
    receivedAt: stored?.timestamp ?? submission.createdAt,
    assessment: submission.assessment,
    assessedByName: submission.assessedByName,
  };
}

// Read and judged once per run, not once per step: every step starts from the same message and its verdicts.
const messages = new WeakMap<TInvestigationSubject, Promise<TReportedMessage>>();
const judgements = new WeakMap<TInvestigationSubject, Promise<TMessageJudgement>>();

export function reportedMessage(subject: TInvestigationSubject): Promise<TReportedMessage> {
  if (!messages.has(subject)) messages.set(subject, loadReportedMessage(subject));
  return messages.get(subject)!;
}

export function judgement(subject: TInvestigationSubject): Promise<TMessageJudgement> {
  if (!judgements.has(subject)) {
    judgements.set(
      subject,
      reportedMessage(subject).then((message) =>
        judgeMessage({
          senderAddress: message.sender,
          senderDisplayName: message.senderDisplayName,
          senderIPv4: message.senderIPv4,
          urls: message.urls,
          sha256s: message.attachments.map((file) => file.sha256),
          receivedAt: message.receivedAt,
        }),
      ),
    );
  }
  return judgements.get(subject)!;
}

/** The verdict on the reported message: an analyst's assessment, when there is one, over the automatic one. */
export async function messageVerdict(subject: TInvestigationSubject): Promise<TEntityJudgement> {
  const [message, judged] = await Promise.all([reportedMessage(subject), judgement(subject)]);
  if (!message.assessment) return judged.overall;
  return { verdict: message.assessment, threatType: judged.overall.threatType || (message.assessment === "Malicious" ? "Phish" : ""), reasons: [`Assessed ${message.assessment.toLowerCase()} by ${message.assessedByName ?? "an analyst"}`] };
}

export function huntingSince(message: TReportedMessage): Date {
  return new Date(message.receivedAt.getTime() - HUNTING_DAYS * 24 * 3600_000);
}

/** The entities judged malicious, each once. */
export function maliciousEntities(judged: TMessageJudgement): { urls: string[]; files: string[] } {
  const pick = (entries: Record<string, TEntityJudgement>) => Object.entries(entries).filter(([, entity]) => entity.verdict === "Malicious").map(([key]) => key);
  return { urls: pick(judged.urls), files: pick(judged.files) };
}
