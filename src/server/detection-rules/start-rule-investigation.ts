import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { startInvestigation, type TStartedRun } from "@/server/investigations/start-investigation";
import { compromisedUserStart } from "@/server/playbooks/compromised-user/compromised-user-start";

export type TRuleInvestigation = { kind: "messages"; networkMessageIds: string[] } | { kind: "user"; user: string };

/**
 * The one place a detection rule starts a run, created and queued in the caller's transaction: the Manual playbook on
 * the matched messages, or the compromised-user playbook on a matched user, which joins a run already open on that user.
 */
export async function startRuleInvestigation(
  subject: TRuleInvestigation,
  run: { ruleName: string; alertId: number },
  db: Prisma.TransactionClient,
): Promise<TStartedRun> {
  const detectionSource = `Custom detection: ${run.ruleName}`;
  if (subject.kind === "user") {
    return startInvestigation(
      compromisedUserStart(subject.user, {
        detectionSource,
        input: { triggeredBy: detectionSource },
        alertIds: [run.alertId],
      }),
      db,
    );
  }
  const count = subject.networkMessageIds.length;
  return startInvestigation(
    {
      playbook: "Manual",
      name: `Manual investigation: ${count.toLocaleString("en-US")} messages matched by the detection rule ${run.ruleName}`,
      users: [],
      detectionSource,
      input: {
        selection: { networkMessageIds: subject.networkMessageIds },
        messageCount: count,
        triggeredBy: detectionSource,
      },
      alertIds: [run.alertId],
    },
    db,
  );
}
