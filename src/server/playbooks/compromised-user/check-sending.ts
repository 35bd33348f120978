import "server-only";
import { prisma } from "@/server/db";
import { sendingActivity } from "@/server/detection/sending-activity";
import { DEFAULT_LIMITS, exceededLimits, suspiciousSignals } from "@/server/detection/sending-rules";
import type { TStep, TStepResult } from "../playbook.types";
import { subjectDomains, subjectMailbox } from "./subject";

export const checkSending: TStep = {
  key: "sending-anomalies",
  name: "Sending anomalies against the user's baseline",
  phase: "root",
  async run(subject) {
    const { address } = await subjectMailbox(subject);
    const release = await releaseRecommendation(address);
    const latest = await prisma.emailEvent.findFirst({ where: { senderFromAddress: address, emailDirection: { not: "Inbound" } }, orderBy: { timestamp: "desc" }, select: { timestamp: true } });
    if (!latest) return { findings: ["The user sent no mail in the last 30 days", ...release.findings], risk: "None", actions: release.actions };
    const [activity] = await sendingActivity([{ sender: address, asOf: latest.timestamp }], await subjectDomains(subject));
    const described = [...exceededLimits(activity, DEFAULT_LIMITS), ...suspiciousSignals(activity)].map((item) => item.description);
    if (!described.length) return { findings: [`${activity.recipientsLastDay} recipients in the last 24 hours, in line with the baseline`, ...release.findings], risk: "None", actions: release.actions };
    return {
      findings: [...described, ...release.findings],
      risk: described.length > 1 ? "High" : "Medium",
      evidence: [{ kind: "mailbox", entity: address, verdict: described.length > 1 ? "Malicious" : "Suspicious", details: { activity } }],
      actions: release.actions,
    };
  },
};

/**
 * The last response step of seeds/003: a restricted user is released once the account is secured. Recommended, never
 * automated: the analyst approves it after the other remedies.
 */
async function releaseRecommendation(address: string): Promise<Required<Pick<TStepResult, "findings" | "actions">>> {
  const restriction = await prisma.restrictedUser.findFirst({ where: { address, releasedAt: null }, orderBy: { restrictedAt: "desc" }, select: { id: true } });
  if (!restriction) return { findings: [], actions: [] };
  return {
    findings: ["The user is restricted from sending email: release them once the account is secured"],
    actions: [{ type: "releaseUser", entity: address, entityKey: `${address}:restriction:${restriction.id}`, target: { mailbox: address, restrictedUserId: String(restriction.id) } }],
  };
}
