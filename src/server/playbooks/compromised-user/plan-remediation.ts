import "server-only";
import { actionTypeLabel } from "@/lib/labels";
import { prisma } from "@/server/db";
import type { TStep } from "../playbook.types";

export const planRemediation: TStep = {
  key: "remediation-plan",
  name: "Recommended actions",
  phase: "remediation",
  async run(subject) {
    const actions = await prisma.action.findMany({ where: { investigationId: subject.id }, select: { type: true, entity: true } });
    if (!actions.length) return { findings: ["Nothing to remediate"], risk: "None" };
    return { findings: actions.map((action) => `Recommended: ${actionTypeLabel(action.type)} on ${action.entity} (awaiting approval)`), risk: "High" };
  },
};
