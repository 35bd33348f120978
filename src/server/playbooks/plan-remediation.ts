import { ACTION_STATUS_LABELS, actionTypeLabel } from "@/lib/labels";
import { AUTO_REMEDIATION_LIMIT } from "@/server/actions/pending-reason";
import type { TStep } from "./playbook.types";
import type { TRemediationQueries } from "./remediation.queries";

/** The last step of every playbook: automation carries out what it may, and the rest waits for a person. */
export const planRemediation: TStep<unknown, TRemediationQueries> = {
  key: "remediation-plan",
  name: "Remediation",
  phase: "remediation",
  async run({ subject, queries }) {
    const automated = await queries.remediateAutomatically(subject.id);
    const actions = await queries.runActions(subject.id);
    if (!actions.length) return { findings: ["Nothing to remediate"], risk: "None" };
    const tooLarge = new Map(automated.tooLarge.map((item) => [item.id, item.messages]));
    const findings = actions.map((action) => {
      const what = `${actionTypeLabel(action.type)} on ${action.entity}`;
      if (tooLarge.has(action.id))
        return `Awaiting approval: ${what} — ${tooLarge.get(action.id)!.toLocaleString("en-US")} messages is more than the ${AUTO_REMEDIATION_LIMIT.toLocaleString("en-US")} automated remediation handles`;
      if (action.status === "Pending") return `Awaiting approval: ${what}`;
      return `${action.decidedBy === "Automation" ? "Remediated automatically" : "Decided"}: ${what} (${ACTION_STATUS_LABELS[action.status].toLowerCase()})`;
    });
    return { findings, risk: actions.some((action) => action.status === "Pending") ? "High" : "Medium" };
  },
};
