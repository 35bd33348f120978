import { writeFileSync } from "node:fs";
import {
  countBy,
  type CorpusEntry,
  MANIFEST_PATH,
  manifestProblems,
  readManifest,
  recomputeManifest,
} from "./lib/corpus-manifest";

// Usage: npx tsx scripts/corpus-manifest.ts          rewrites sha256 and split of every entry from the files
//        npx tsx scripts/corpus-manifest.ts --check  exits 1 when the manifest and the folders disagree

const isCheck = process.argv.includes("--check");
const entries = readManifest();

function summary(list: CorpusEntry[]) {
  const bySplit = (label: string) =>
    countBy(
      list.filter((e) => e.label === label),
      (e) => e.split,
    );
  console.log(
    "per class:",
    countBy(list, (e) => e.label),
  );
  console.log("phish by split:", bySplit("phish"), "benign by split:", bySplit("benign"));
}

if (isCheck) {
  const problems = manifestProblems(entries);
  for (const problem of problems) console.error(problem);
  summary(entries);
  if (problems.length > 0) {
    console.error(`${problems.length} problem(s) in ${MANIFEST_PATH}`);
    process.exit(1);
  }
  console.log(`${entries.length} entries match the files`);
} else {
  const rewritten = recomputeManifest(entries);
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(rewritten, null, 2)}\n`);
  summary(rewritten);
  const problems = manifestProblems(rewritten);
  for (const problem of problems) console.error(problem);
  process.exit(problems.length > 0 ? 1 : 0);
}
