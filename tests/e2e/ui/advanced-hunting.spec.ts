import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// The analyst's check after an automated remediation: seeds/004's query, as published, finds the remediated copies in
// Advanced hunting; the query is saved for next time and the rows leave as CSV.

const SEED_004 =
  'EmailPostDeliveryEvents | where ActionType == "Automated Remediation" and ActionTrigger == "Automation"';

// Other specs expect the tenant's default: nothing remediated without approval.
test.afterEach(async ({ page }) => {
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: false, action: "softDelete" },
  });
});

test("the seeds/004 query finds an automated remediation's rows, is saved, and exports as CSV", async ({ page }) => {
  await signIn(page);
  const automation = await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: true, action: "softDelete" },
  });
  expect(automation.status()).toBe(200);
  const campaign = await sendPhishCampaign(page.request, { recipients: 5 });
  await settledStatus(page.request, campaign.investigationId);
  // Each recipient's address carries the campaign's tag (staff0.<tag>@…), so the rows are this test's own.
  const tag = campaign.reporter.split("@")[0].split(".")[1];

  await page.goto("/hunting");
  const editor = page.getByRole("textbox", { name: "Query", exact: true });
  await editor.fill(`${SEED_004}\n| where RecipientEmailAddress has "${tag}"`);
  await editor.press("Control+Enter");
  const results = page.getByRole("table", { name: "Results" });
  await expect(results.getByRole("row").filter({ hasText: tag })).toHaveCount(5);
  await expect(results).toContainText("Automated Remediation");
  await expect(page.getByRole("status").filter({ hasText: "5 rows in" })).toBeVisible();

  const name = `Automated remediation ${tag}`;
  const saved = page.getByRole("region", { name: "Saved queries" });
  await page.getByLabel("Saved query name").fill(name);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(saved.getByRole("button", { name, exact: true })).toBeVisible();
  await page.reload();
  await saved.getByRole("button", { name, exact: true }).click();
  await expect(editor).toHaveValue(`${SEED_004}\n| where RecipientEmailAddress has "${tag}"`);
  await page.getByRole("button", { name: "Run query" }).click();
  await expect(results.getByRole("row").filter({ hasText: tag })).toHaveCount(5);

  const headers = await results.getByRole("columnheader").allTextContents();
  expect(headers).toEqual(
    expect.arrayContaining(["Timestamp", "NetworkMessageId", "ActionType", "ActionTrigger", "RecipientEmailAddress"]),
  );
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(headers.join(","));
  expect(lines).toHaveLength(6);
  expect(lines.slice(1).every((line) => line.includes(tag) && line.includes("Automated Remediation"))).toBe(true);
});

test("a query the engine cannot run shows the error's line and column under the editor, with the caret there", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/hunting");
  const editor = page.getByRole("textbox", { name: "Query", exact: true });
  await editor.fill("EmailEvents\n| facet by Subject");
  await page.getByRole("button", { name: "Run query" }).click();
  const error = page.getByRole("alert").filter({ hasText: "facet" });
  await expect(error).toContainText("line 2, column 3");
  expect(await editor.evaluate((textarea: HTMLTextAreaElement) => textarea.selectionStart)).toBe(
    "EmailEvents\n| ".length,
  );
});
