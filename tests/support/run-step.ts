import type { Playbook } from "@/generated/prisma/enums";
import { stepServices } from "@/server/engine/run-investigation";
import type { TInvestigationSubject, TStepInfo } from "@/server/playbooks/playbook.types";
import { PLAYBOOKS } from "@/server/playbooks/registry";

/** Runs one step of a playbook on a subject as the runner would (its queries, its input read through the schema). */
export async function runStep(playbook: Playbook, step: TStepInfo, subject: TInvestigationSubject) {
  const bound = PLAYBOOKS[playbook]
    .bind(subject, stepServices(subject.id))
    .find((candidate) => candidate.key === step.key);
  if (!bound) throw new Error(`${playbook} has no step ${step.key}`);
  return bound.run();
}
