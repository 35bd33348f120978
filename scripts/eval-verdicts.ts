// npm run eval:verdicts [-- --split holdout|tune|all] [--wrong] [--json]
// Judges every message of the labelled corpus (tests/corpus/manifest.json) with the detection engine, as a fresh
// tenant would (no history, no threat intelligence, the built-in brands), and prints the confusion matrix, precision
// and recall, and each wrongly judged message with its signals.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEml } from "@/server/submissions/parse-eml";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { emailFrom } from "@/server/verdicts/email-input";
import { evaluateVerdicts, type TJudged, type TLabel } from "@/server/verdicts/evaluate-verdicts";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";

type TEntry = { file: string; label: TLabel; kind: string; split: "tune" | "holdout" };

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? undefined : args[at + 1];
};
const split = option("split") ?? "holdout";
const corpus = path.resolve(option("corpus") ?? path.join(import.meta.dirname, "../tests/corpus"));
const manifest = JSON.parse(readFileSync(path.join(corpus, "manifest.json"), "utf8")) as TEntry[];
const context = emptyTenantContext({ brands: BUILT_IN_BRANDS });

const judged: TJudged[] = [];
for (const entry of manifest.filter((item) => split === "all" || item.split === split)) {
  try {
    const parsed = await parseEml(readFileSync(path.join(corpus, entry.file)));
    judged.push({
      file: entry.file,
      label: entry.label,
      kind: entry.kind,
      verdict: judgeEmail(emailFrom(parsed), context),
    });
  } catch (error) {
    judged.push({
      file: entry.file,
      label: entry.label,
      kind: entry.kind,
      verdict: null,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
const result = evaluateVerdicts(judged);
if (args.includes("--json")) {
  console.log(
    JSON.stringify({ split, ...result, wrong: args.includes("--wrong") ? result.wrong : result.wrong.length }, null, 2),
  );
} else {
  console.log(`split: ${split} — ${result.count.phish} phish, ${result.count.benign} benign`);
  console.log("             Malicious  Suspicious  Clean  Error");
  for (const label of ["phish", "benign"] as const) {
    const row = result.matrix[label];
    console.log(
      `${label.padEnd(12)} ${String(row.Malicious).padStart(9)}  ${String(row.Suspicious).padStart(10)}  ${String(row.Clean).padStart(5)}  ${String(row.Error).padStart(5)}`,
    );
  }
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  console.log(
    `phish judged Malicious: ${pct(result.phishJudgedMalicious)} (goal ≥ 90 %); judged a threat: ${pct(result.phishJudgedThreat)}`,
  );
  console.log(
    `benign judged a threat: ${pct(result.benignJudgedThreat)} (goal ≤ 5 %); judged Malicious: ${pct(result.benignJudgedMalicious)}`,
  );
  console.log(
    `precision phish ${pct(result.precision.phish)}, benign ${pct(result.precision.benign)}; recall phish ${pct(result.recall.phish)}, benign ${pct(result.recall.benign)}`,
  );
  if (args.includes("--wrong")) {
    for (const item of result.wrong)
      console.log(
        `\n✗ ${item.file} [${item.label}, ${item.kind}] → ${item.verdict} (score ${item.score})\n  ${item.signals.join("\n  ")}`,
      );
  } else console.log(`${result.wrong.length} judged wrongly (--wrong lists them with their signals)`);
}
