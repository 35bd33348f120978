import "server-only";
import { remediateAutomatically } from "@/server/actions/remediate-automatically";
import { prisma } from "@/server/db";

/** What the remediation step of every playbook reads and does: automation's part, then the run's actions. */
export const remediationQueries = {
  remediateAutomatically,
  runActions: (investigationId: number) =>
    prisma.action.findMany({
      where: { investigationId },
      select: { id: true, type: true, entity: true, status: true, decidedBy: true },
      orderBy: { id: "asc" },
    }),
};

export type TRemediationQueries = typeof remediationQueries;
