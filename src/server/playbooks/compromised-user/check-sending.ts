import "server-only";
import { prisma } from "@/server/db";
import { sendingActivity } from "@/server/detection/sending-activity";
import { DEFAULT_LIMITS, exceededLimits, suspiciousSignals } from "@/server/detection/sending-rules";
import type { TStep } from "../playbook.types";
import { subjectDomains, subjectMailbox } from "./subject";

export const checkSending: TStep = {
  key: "sending-anomalies",
  name: "Sending anomalies against the user's baseline",
  phase: "root",
  async run(subject) {
    const { address } = await subjectMailbox(subject);
    const latest = await prisma.emailEvent.findFirst({ where: { senderFromAddress: address, emailDirection: { not: "Inbound" } }, orderBy: { timestamp: "desc" }, select: { timestamp: true } });
    if (!latest) return { findings: ["The user sent no mail in the last 30 days"], risk: "None" };
    const [activity] = await sendingActivity([{ sender: address, asOf: latest.timestamp }], await subjectDomains(subject));
    const described = [...exceededLimits(activity, DEFAULT_LIMITS), ...suspiciousSignals(activity)].map((item) => item.description);
    if (!described.length) return { findings: [`${activity.recipientsLastDay} recipients in the last 24 hours, in line with the baseline`], risk: "None" };
    return {
      findings: described,
      risk: described.length > 1 ? "High" : "Medium",
      evidence: [{ kind: "mailbox", entity: address, verdict: described.length > 1 ? "Malicious" : "Suspicious", details: { activity } }],
    };
  },
};
