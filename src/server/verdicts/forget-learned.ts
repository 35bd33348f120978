import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";

/** An admin removes what was learnt (a wrong assessment, a sender that changed hands); audited with what it was. */
export async function forgetLearned(id: number, actor: TPrincipal): Promise<{ id: number }> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.learnedVerdict.findUnique({ where: { id } });
    if (!row) throw notFound("The learnt verdict");
    await tx.learnedVerdict.delete({ where: { id } });
    await writeAudit(
      {
        actor,
        action: "learnedVerdict.remove",
        targetType: "learnedVerdict",
        targetId: id,
        before: {
          kind: row.kind,
          value: row.value,
          assessment: row.assessment,
          decidedByName: row.decidedByName,
          submissionId: row.submissionId,
          clusterId: row.clusterId,
        },
        after: null,
      },
      tx,
    );
    return { id };
  });
}
