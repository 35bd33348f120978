// The engine measured on a labelled corpus: a confusion matrix, precision and recall per class, and every message
// judged wrongly with its signals. "Caught" for phish means Malicious (the issue's goal); "false alarm" for benign
// means Malicious or Suspicious.
import type { TEmailVerdict } from "./judge-email";

export type TLabel = "phish" | "benign";
export type TJudged = { file: string; label: TLabel; kind: string; verdict: TEmailVerdict | null; error?: string };

type TRow = { Malicious: number; Suspicious: number; Clean: number; Error: number };

export type TEvaluation = {
  count: Record<TLabel, number>;
  matrix: Record<TLabel, TRow>;
  phishJudgedMalicious: number;
  phishJudgedThreat: number;
  benignJudgedThreat: number;
  benignJudgedMalicious: number;
  precision: { phish: number; benign: number };
  recall: { phish: number; benign: number };
  wrong: { file: string; label: TLabel; kind: string; verdict: string; score: number | null; signals: string[] }[];
};

const emptyRow = (): TRow => ({ Malicious: 0, Suspicious: 0, Clean: 0, Error: 0 });
const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : 0);

export function evaluateVerdicts(judged: TJudged[]): TEvaluation {
  const matrix: Record<TLabel, TRow> = { phish: emptyRow(), benign: emptyRow() };
  for (const item of judged) matrix[item.label][item.verdict?.verdict ?? "Error"] += 1;
  const total = (label: TLabel) => Object.values(matrix[label]).reduce((a, b) => a + b, 0);
  const threats = (label: TLabel) => matrix[label].Malicious + matrix[label].Suspicious;
  // A threat verdict predicts phish; Clean predicts benign.
  const predictedPhish = threats("phish") + threats("benign");
  const predictedBenign = matrix.phish.Clean + matrix.benign.Clean;
  const isWrong = (item: TJudged) =>
    !item.verdict || (item.label === "phish" ? item.verdict.verdict !== "Malicious" : item.verdict.verdict !== "Clean");
  return {
    count: { phish: total("phish"), benign: total("benign") },
    matrix,
    phishJudgedMalicious: ratio(matrix.phish.Malicious, total("phish")),
    phishJudgedThreat: ratio(threats("phish"), total("phish")),
    benignJudgedThreat: ratio(threats("benign"), total("benign")),
    benignJudgedMalicious: ratio(matrix.benign.Malicious, total("benign")),
    precision: { phish: ratio(threats("phish"), predictedPhish), benign: ratio(matrix.benign.Clean, predictedBenign) },
    recall: { phish: ratio(threats("phish"), total("phish")), benign: ratio(matrix.benign.Clean, total("benign")) },
    wrong: judged.filter(isWrong).map((item) => ({
      file: item.file,
      label: item.label,
      kind: item.kind,
      verdict: item.verdict
        ? `${item.verdict.verdict}${item.verdict.threatType ? ` ${item.verdict.threatType}` : ""}`
        : `Error: ${item.error}`,
      score: item.verdict?.score ?? null,
      signals:
        item.verdict?.signals.map(
          (signal) => `${signal.weight > 0 ? "+" : ""}${signal.weight} ${signal.id}: ${signal.evidence}`,
        ) ?? [],
    })),
  };
}
