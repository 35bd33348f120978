import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { TAssessSubmission } from "./submissions.schemas";
import { SUBMISSION_DETAIL_FIELDS, type TSubmissionDetails } from "./submissions.queries";

const ASSESSMENT_FIELDS = { assessment: true, assessedByName: true, assessedAt: true } as const;

/**
 * An analyst's own verdict on a reported message, audited with before and after. The playbook's root phase takes
 * it over the automatic verdict, so a run that reads it later follows the analyst.
 */
export async function assessSubmission(id: string, input: TAssessSubmission, actor: TPrincipal): Promise<TSubmissionDetails> {
  return prisma.$transaction(async (tx) => {
    // Locked, so the audit's "before" is what this change replaced even when two analysts assess at once.
    await tx.$executeRaw`select 1 from "Submission" where id = ${id} for update`;
    const before = await tx.submission.findUnique({ where: { id }, select: ASSESSMENT_FIELDS });
    if (!before) throw notFound("The submission");
    const updated = await tx.submission.update({
      where: { id },
      data: { assessment: input.assessment, assessedByName: actor.name, assessedAt: new Date() },
      select: SUBMISSION_DETAIL_FIELDS,
    });
    const after = { assessment: updated.assessment, assessedByName: updated.assessedByName, assessedAt: updated.assessedAt };
    await writeAudit({ actor, action: "submission.assess", targetType: "submission", targetId: id, before, after }, tx);
    return updated;
  });
}
