import "server-only";
import type { Verdict } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { rspamdLearnFromAssessment, type TLearnAssessment, type TLearnResult } from "./learn-from-assessment";

const THREAT_TYPES: readonly string[] = ["Phish", "Malware", "Spam"] satisfies TLearnAssessment[];

/**
 * What an assessment teaches rspamd: Clean is ham; Spam, Phish and Malware are spam (Phish and Malware also give
 * fuzzy hashes); a plain Malicious is spam of the automatic verdict's threat type, or plain spam. Suspicious and
 * Unknown teach nothing: rspamd's statistics must only learn what an analyst decided.
 */
export function learningOf(
  assessment: Verdict | null,
  assessedThreatType: string | null,
  threatType: string,
): TLearnAssessment | null {
  if (assessment === "Clean") return "Clean";
  if (assessedThreatType && THREAT_TYPES.includes(assessedThreatType)) return assessedThreatType as TLearnAssessment;
  if (assessment === "Malicious") return THREAT_TYPES.includes(threatType) ? (threatType as TLearnAssessment) : "Spam";
  return null;
}

/**
 * Teaches rspamd a submission's assessment from its .eml, after the assessment's transaction has committed (an rspamd
 * call never holds a row lock or a transaction), and audits what rspamd said. null when there is nothing to teach:
 * no .eml (reported by NetworkMessageId), an assessment that teaches nothing, or no rspamd controller configured.
 */
export async function teachRspamd(submissionId: string, actor: TPrincipal): Promise<TLearnResult | null> {
  const submission = await prisma.submission.findUnique({
    where: { id: submissionId },
    select: { assessment: true, assessedThreatType: true, threatType: true, message: { select: { raw: true } } },
  });
  const learning = submission
    ? learningOf(submission.assessment, submission.assessedThreatType, submission.threatType)
    : null;
  if (!submission?.message || !learning) return null;
  const result = await rspamdLearnFromAssessment(Buffer.from(submission.message.raw), learning);
  if (result.status === "not-configured") return null;
  await writeAudit({
    actor,
    action: "submission.teachRspamd",
    targetType: "submission",
    targetId: submissionId,
    after: { learning, ...result },
  });
  return result;
}
