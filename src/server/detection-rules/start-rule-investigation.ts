import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { createInvestigation, investigateCompromisedUser, type TStartedRun } from "@/server/investigations/start-investigation";

export type TRuleInvestigation =
  | { kind: "messages"; networkMessageIds: string[] }
  | { kind: "user"; user: string };

/**
 * The one place a detection rule starts a run, in the caller's transaction (queue it with queueNewRuns after the
 * commit): the Manual playbook on the matched messages, or the compromised-user playbook on a matched user, which
 * joins a run already open on that user.
 */
export async function startRuleInvestigation(
  subject: TRuleInvestigation,
  run: { ruleName: string; alertId: number; input: Record<string, unknown> },
  db: Prisma.TransactionClient,
): Promise<TStartedRun> {
  const detectionSource = `Custom detection: ${run.ruleName}`;
  if (subject.kind === "user") return investigateCompromisedUser(subject.user, { detectionSource, input: run.input, alertIds: [run.alertId] }, db);
  const count = subject.networkMessageIds.length.toLocaleString("en-US");
  const id = await createInvestigation(
    {
      playbook: "Manual",
      name: `Manual investigation: ${count} messages matched by the detection rule ${run.ruleName}`,
      users: [],
      detectionSource,
      input: { ...run.input, selection: { networkMessageIds: subject.networkMessageIds }, messageCount: subject.networkMessageIds.length, triggeredBy: detectionSource },
      alertIds: [run.alertId],
    },
    db,
  );
  return { id, isNew: true };
}
