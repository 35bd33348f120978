// npm test: the unit, integration and end-to-end suites in turn. Each runs whatever the one before it did, so a
// failure in one is reported beside the others' results instead of hiding them; the exit code says if any failed.
import { spawnSync } from "node:child_process";

const suites = ["test:unit", "test:integration", "test:e2e"];
const failed = suites.filter(
  (suite) => spawnSync("npm", ["run", "-s", suite], { stdio: "inherit", shell: false }).status !== 0,
);
if (failed.length > 0) {
  console.error(`npm test: ${failed.join(", ")} failed`);
  process.exit(1);
}
