// Sums the runners' JSON reports into the one line CI reads: "N passed, N failed, N skipped".
// Exits non-zero when a test failed or when no test ran at all.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0,
  failed = 0,
  skipped = 0;
for (const file of readdirSync(dir).filter((name) => name.endsWith(".json"))) {
  const report = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  if (file.startsWith("vitest")) {
    passed += report.numPassedTests;
    failed += report.numFailedTests + filesFailedWithoutATest(report);
    skipped += report.numPendingTests + report.numTodoTests;
  } else if (file.startsWith("playwright")) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected + (report.errors?.length ?? 0);
    skipped += report.stats.skipped;
  }
}

// A test file that fails to load has no failed test in it, yet is a failure: count it once. (numFailedTestSuites
// counts describe blocks too: one failed test inside a describe made it 2, and the totals said 2 failed for 1.)
function filesFailedWithoutATest(report) {
  return report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
  ).length;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
