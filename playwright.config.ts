import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const reportDir = process.env.CI_REPORT_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: reportDir
    ? [["list"], ["json", { outputFile: `${reportDir}/playwright-${process.pid}.json` }]]
    : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // `page.request` calls the API as the console's own pages do, which send their Origin: a cookie call without one is
    // refused as cross-site (src/server/http/same-origin.ts). A test of another origin makes a context without it.
    extraHTTPHeaders: { Origin: `http://localhost:${PORT}` },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot work offline. The flags stop Chromium from
      // reaching for the internet in the background.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "api", testDir: "tests/e2e/api" },
    { name: "ui", testDir: "tests/e2e/ui" },
  ],
  webServer: {
    command: "npx tsx --conditions=react-server tests/e2e/serve.ts",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { E2E_PORT: String(PORT) },
    // SIGTERM, not Playwright's default SIGKILL: serve.ts then stops the mail sandbox and drops its database, which a
    // killed process would leave running (Postfix and Dovecot detach from the process group).
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
