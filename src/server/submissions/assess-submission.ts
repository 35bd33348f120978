import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { linkExclusions, withReporterDomain } from "@/server/campaigns/link-exclusions";
import { reportedReplyTo } from "@/server/campaigns/reply-to";
import { teachRspamd } from "@/server/rspamd/teach-rspamd";
import { notifyReporters } from "@/server/user-reported/notify-reporter";
import type { THeader } from "./message-headers";
import type { Verdict } from "@/generated/prisma/enums";
import { getDetectionSettings } from "@/server/verdicts/detection-settings.service";
import { learnableKeys, learnFromAssessment, type TLearnedAssessment } from "@/server/verdicts/learned-verdicts";
import type { TAssessSubmission } from "./submissions.schemas";
import { SUBMISSION_DETAIL_FIELDS, type TSubmissionDetails } from "./submissions.queries";

const ASSESSMENT_FIELDS = {
  assessment: true,
  assessedThreatType: true,
  assessedByName: true,
  assessedAt: true,
} as const;

// What each assessment means as a verdict, and which threat it names (null: none to learn as a block).
const MEANING: Record<TAssessSubmission["assessment"], { verdict: Verdict; threatType: TLearnedAssessment | null }> = {
  Clean: { verdict: "Clean", threatType: null },
  Spam: { verdict: "Suspicious", threatType: "Spam" },
  Phish: { verdict: "Malicious", threatType: "Phish" },
  Malware: { verdict: "Malicious", threatType: "Malware" },
  Malicious: { verdict: "Malicious", threatType: null },
  Suspicious: { verdict: "Suspicious", threatType: null },
  Unknown: { verdict: "Unknown", threatType: null },
};

/**
 * An analyst's own verdict on a reported message, audited with before and after. The playbook's root phase takes
 * it over the automatic verdict, so a run that reads it later follows the analyst. Once committed, rspamd learns it
 * in the background (teach-rspamd.ts): the analyst's answer never waits for rspamd, nor fails with it.
 */
export async function assessSubmission(
  id: string,
  input: TAssessSubmission,
  actor: TPrincipal,
): Promise<TSubmissionDetails> {
  const excluded = await linkExclusions(await getDetectionSettings());
  const updated = await prisma.$transaction(async (tx) => {
    // Locked, so the audit's "before" is what this change replaced even when two analysts assess at once.
    await tx.$executeRaw`select 1 from "Submission" where id = ${id} for update`;
    const before = await tx.submission.findUnique({ where: { id }, select: ASSESSMENT_FIELDS });
    if (!before) throw notFound("The submission");
    const meaning = MEANING[input.assessment];
    const updated = await tx.submission.update({
      where: { id },
      data: {
        assessment: meaning.verdict,
        assessedThreatType: meaning.threatType,
        assessedByName: actor.name,
        assessedAt: new Date(),
      },
      select: SUBMISSION_DETAIL_FIELDS,
    });
    // Clean, Spam, Phish or Malware becomes knowledge about the campaign; a plain verdict word teaches nothing.
    const lesson: TLearnedAssessment | null = meaning.threatType ?? (input.assessment === "Clean" ? "Clean" : null);
    const settings = await getDetectionSettings(tx);
    const learned = lesson
      ? await learnFromAssessment(
          {
            keys: learnableKeysOf(updated, withReporterDomain(excluded, updated.reporter)),
            assessment: lesson,
            decidedByName: actor.name,
            source: { submissionId: id },
            days: settings.learningDays,
          },
          tx,
        )
      : [];
    const after = {
      assessment: updated.assessment,
      assessedThreatType: updated.assessedThreatType,
      assessedByName: updated.assessedByName,
      assessedAt: updated.assessedAt,
      learned,
    };
    await writeAudit({ actor, action: "submission.assess", targetType: "submission", targetId: id, before, after }, tx);
    return updated;
  });
  void teachRspamd(id, actor).catch((error: unknown) =>
    console.error(`rspamd could not learn submission ${id}:`, error),
  );
  // The reporter hears the analyst's answer in the background too; the notice log says whether it went.
  void notifyReporters([id], "assessment").catch((error: unknown) =>
    console.error(`the reporter of submission ${id} could not be notified:`, error),
  );
  return updated;
}

type TLearnableDetails = {
  urls?: { url: string }[];
  attachments?: { sha256: string }[];
  replyTo?: string[];
  headers?: THeader[];
};

function learnableKeysOf(submission: TSubmissionDetails, sharedHosts: readonly string[]) {
  const details = (submission.details ?? {}) as TLearnableDetails;
  return learnableKeys(
    {
      senderAddress: submission.sender,
      replyTo: reportedReplyTo(details),
      urls: (details.urls ?? []).map((url) => ({ url: url.url })),
      attachments: (details.attachments ?? []).map((file) => ({ sha256: file.sha256 })),
    },
    submission.bodyFingerprint,
    sharedHosts,
  );
}
