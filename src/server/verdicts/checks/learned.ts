// What analysts taught: an assessment of an earlier report, or of an email cluster, of the same campaign (sender, link
// host, file, body) decides later reports at once, citing whose judgement it was.
import type { TCheck } from "../check";
import type { TSignal } from "../signal";

const DECIDING = 10;

export const learnedCheck: TCheck = {
  name: "learned",
  run(_email, context) {
    const signals: TSignal[] = [];
    for (const match of context.learned) {
      const isClean = match.assessment === "Clean";
      const threatType = isClean
        ? null
        : match.assessment === "Malware"
          ? "Malware"
          : match.assessment === "Spam"
            ? "Spam"
            : "Phish";
      const from = match.submissionId
        ? `same campaign as submission ${match.submissionId}`
        : match.clusterId !== null
          ? `same campaign as email cluster ${match.clusterId}`
          : `same ${match.kind} as an earlier assessment`;
      signals.push({
        id: `learned.${isClean ? "allow" : "block"}_${match.kind}`,
        category: "learned",
        weight: isClean ? -DECIDING : DECIDING,
        threatType,
        evidence: `${from} (${match.kind} ${match.value}), judged ${match.assessment} by ${match.decidedBy} on ${match.decidedAt.toISOString().slice(0, 10)}`,
      });
    }
    return signals.slice(0, 3);
  },
};
