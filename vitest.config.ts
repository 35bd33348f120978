import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // `server-only` throws unless resolved under the react-server condition, as Next resolves server code.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
};

const reportDir = process.env.CI_REPORT_DIR;

export default defineConfig({
  test: {
    // CI sums the JSON reports into its totals line (.ci/totals.mjs).
    reporters: reportDir
      ? ["default", ["json", { outputFile: `${reportDir}/vitest-${process.pid}.json` }]]
      : ["default"],
    projects: [
      {
        ...shared,
        // 20 s, not vitest's 5 s: CI shares two cores with other work, and a unit test that takes 1 s idle took 5 there.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 20_000 },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-database.ts"],
          setupFiles: ["tests/support/file-database.ts", "tests/support/response-check.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
