import { DEFAULT_LIMITS, exceededLimits, suspiciousSignals } from "@/server/detection/sending-rules";
import type { TStep, TStepResult } from "../playbook.types";
import type { TCompromisedUserInput } from "../playbook-inputs";
import type { TCompromisedUserQueries } from "./compromised-user.queries";
import { subjectDomains, subjectMailbox } from "./subject";

export const checkSending: TStep<TCompromisedUserInput, TCompromisedUserQueries> = {
  key: "sending-anomalies",
  name: "Sending anomalies against the user's baseline",
  phase: "root",
  async run(context) {
    const { address } = await subjectMailbox(context);
    const restriction = await context.queries.openRestriction(address);
    const release = releaseRecommendation(address, restriction);
    const lastSentAt = await context.queries.lastSentAt(address);
    if (!lastSentAt)
      return {
        findings: ["The user sent no mail in the last 30 days", ...release.findings],
        risk: "None",
        actions: release.actions,
      };
    const activity = await context.queries.sendingActivity(address, lastSentAt, await subjectDomains(context));
    const described = [...exceededLimits(activity, DEFAULT_LIMITS), ...suspiciousSignals(activity)].map(
      (item) => item.description,
    );
    if (!described.length)
      return {
        findings: [
          `${activity.recipientsLastDay} recipients in the last 24 hours, in line with the baseline`,
          ...release.findings,
        ],
        risk: "None",
        actions: release.actions,
      };
    return {
      findings: [...described, ...release.findings],
      risk: described.length > 1 ? "High" : "Medium",
      evidence: [
        {
          kind: "mailbox",
          entity: address,
          verdict: described.length > 1 ? "Malicious" : "Suspicious",
          details: { activity },
        },
      ],
      actions: release.actions,
    };
  },
};

/**
 * The last response step of seeds/003: a restricted user is released once the account is secured. Recommended, never
 * automated: the analyst approves it after the other remedies.
 */
function releaseRecommendation(
  address: string,
  restriction: { id: number } | null,
): Required<Pick<TStepResult, "findings" | "actions">> {
  if (!restriction) return { findings: [], actions: [] };
  return {
    findings: ["The user is restricted from sending email: release them once the account is secured"],
    actions: [
      {
        type: "releaseUser",
        entity: address,
        entityKey: `${address}:restriction:${restriction.id}`,
        target: { mailbox: address, restrictedUserId: String(restriction.id) },
      },
    ],
  };
}
