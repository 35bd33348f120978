import type { TEmailVerdict } from "./judge-email";

/** What is kept of a verdict on the submission and the evidence (JSON): enough to show why, nothing the checks read. */
export function detectionRecord(verdict: TEmailVerdict, rspamd: string | null = null) {
  return {
    rspamd,
    verdict: verdict.verdict,
    threatType: verdict.threatType,
    confidence: verdict.confidence,
    score: verdict.score,
    bulkComplaintLevel: verdict.bulkComplaintLevel,
    detectionMethods: verdict.detectionMethods,
    summary: verdict.summary,
    signals: verdict.signals.map(({ id, category, weight, threatType, evidence }) => ({
      id,
      category,
      weight,
      threatType,
      evidence,
    })),
  };
}
export type TDetectionRecord = ReturnType<typeof detectionRecord>;
