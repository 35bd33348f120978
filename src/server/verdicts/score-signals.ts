// Signals into a verdict. Each threat type's score is its own signals' weights plus the weights that speak of no
// type (a DMARC pass lowers every suspicion); the highest score decides. Bulk is not a threat: bulk mail that shows no
// sign of phish is Clean with threat type Bulk and its complaint level, as Defender files it.
import type { TSignal, TSignalThreatType } from "./signal";

export type TVerdictName = "Malicious" | "Suspicious" | "Clean";
export type TConfidence = "High" | "Medium" | "Low";

export type TScoredVerdict = {
  verdict: TVerdictName;
  threatType: TSignalThreatType | "";
  confidence: TConfidence;
  /** The deciding threat type's score. */
  score: number;
  bulkComplaintLevel: number;
  /** The signals that pushed towards the verdict (or, when Clean, those that pulled away from a threat), strongest first. */
  deciding: TSignal[];
};

export const MALICIOUS_SCORE = 3.5;
export const SUSPICIOUS_SCORE = 2;
const BULK_TYPE_LEVEL = 5;
const THREATS = ["Malware", "Phish", "Spam"] as const;

export function scoreSignals(signals: TSignal[]): TScoredVerdict {
  const general = sum(signals.filter((signal) => signal.threatType === null));
  const scores = THREATS.map((threatType) => ({
    threatType,
    score: general + sum(signals.filter((signal) => signal.threatType === threatType)),
  }));
  // Among types that reach Malicious the most severe wins (it decides how far remediation must reach); else the highest.
  const top =
    scores.find((candidate) => candidate.score >= MALICIOUS_SCORE) ??
    scores.reduce((best, candidate) => (candidate.score > best.score ? candidate : best));
  const bulkComplaintLevel = Math.min(
    9,
    Math.max(0, Math.round(sum(signals.filter((signal) => signal.threatType === "Bulk")))),
  );
  const strongest = (filter: (signal: TSignal) => boolean) =>
    signals.filter(filter).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  if (top.score >= SUSPICIOUS_SCORE) {
    const verdict: TVerdictName = top.score >= MALICIOUS_SCORE ? "Malicious" : "Suspicious";
    const confidence: TConfidence =
      top.score >= MALICIOUS_SCORE + 4 ? "High" : top.score >= MALICIOUS_SCORE ? "Medium" : "Low";
    return {
      verdict,
      threatType: top.threatType,
      confidence,
      score: round(top.score),
      bulkComplaintLevel,
      deciding: strongest(
        (signal) => signal.weight > 0 && (signal.threatType === top.threatType || signal.threatType === null),
      ),
    };
  }
  const confidence: TConfidence = top.score <= 0 ? "High" : top.score < SUSPICIOUS_SCORE / 2 ? "Medium" : "Low";
  return {
    verdict: "Clean",
    threatType: bulkComplaintLevel >= BULK_TYPE_LEVEL ? "Bulk" : "",
    confidence,
    score: round(top.score),
    bulkComplaintLevel,
    deciding: strongest((signal) => signal.weight < 0 || signal.threatType === "Bulk"),
  };
}

const sum = (signals: TSignal[]) => signals.reduce((total, signal) => total + signal.weight, 0);
const round = (value: number) => Math.round(value * 10) / 10;
