import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

// Advanced hunting › Create detection rule: the query in the editor becomes a rule, listed on Settings › Detection
// rules with its status, and its page shows the query and an empty run history until it runs.

test("a query from Advanced hunting becomes a detection rule listed on Settings › Detection rules", async ({
  page,
}) => {
  await signIn(page);
  const name = `Lookalike senders ${randomUUID().slice(0, 8)}`;
  const query =
    'EmailEvents\n| where SenderFromDomain startswith "c0ntoso"\n| project Timestamp, SenderFromAddress, NetworkMessageId, RecipientEmailAddress';

  // The page opens on a query given in its URL, as an alert's link to its rule's query does.
  await page.goto(`/hunting?query=${encodeURIComponent(query)}`);
  await expect(page.getByRole("textbox", { name: "Query", exact: true })).toHaveValue(query);
  await page.getByRole("button", { name: "Run query" }).click();
  await expect(page.getByRole("status").filter({ hasText: "rows in" })).toBeVisible();

  await page.getByRole("button", { name: "Create detection rule" }).click();
  const dialog = page.getByRole("dialog", { name: "Create detection rule" });
  await dialog.getByLabel("Detection name").fill(name);
  await dialog.getByLabel("Severity").selectOption("High");
  await dialog.getByLabel("Frequency").selectOption("5m");
  // The columns the run returned are ticked already; SenderFromAddress first makes one alert per sender.
  await expect(dialog.getByRole("checkbox", { name: "NetworkMessageId" })).toBeChecked();
  await dialog.getByRole("checkbox", { name: "NetworkMessageId" }).uncheck();
  await dialog.getByRole("checkbox", { name: "RecipientEmailAddress" }).uncheck();
  await dialog.getByRole("checkbox", { name: "SenderFromAddress" }).uncheck();
  await dialog.getByRole("checkbox", { name: "SenderFromAddress" }).check();
  await dialog.getByRole("checkbox", { name: "NetworkMessageId" }).check();
  await dialog.getByLabel("Actions").selectOption("StartInvestigation");
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText(`Detection rule ${name} created.`);

  await dialog.getByRole("link", { name: "Settings › Detection rules" }).click();
  await expect(page.getByRole("heading", { name: "Detection rules" })).toBeVisible();
  const row = page.getByRole("table", { name: "Detection rules" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("On");
  await expect(row).toContainText("Every 5 minutes");
  await expect(row).toContainText("Not yet");
  await row.getByRole("link", { name }).click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("SenderFromAddress, NetworkMessageId", { exact: true })).toBeVisible();
  await expect(page.getByText(/Start an investigation/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Run history" })).toBeVisible();
  await expect(page.getByText("No runs yet")).toBeVisible();
  await page.getByRole("link", { name: "Open in Advanced hunting" }).click();
  await expect(page.getByRole("textbox", { name: "Query", exact: true })).toHaveValue(query);
});

// Rules as code on Settings › Detection rules: a YAML file imported (a malformed one refused, naming its line), the rule
// edited on its page (a query mistake shown beneath the query), and exported back as YAML with the changes.
test("a rule imported as YAML is edited on its page and exported with the changes", async ({ page }) => {
  await signIn(page);
  const name = `Imported lookalike senders ${randomUUID().slice(0, 8)}`;
  const edited = `${name} (edited)`;
  const yaml = [
    `name: ${name}`,
    "description: Mail from a lookalike of our domain.",
    "severity: High",
    "category: Initial access",
    "frequency: 1h",
    "lookBackMinutes: 240",
    "entityColumns: [SenderFromAddress, NetworkMessageId]",
    "action: AlertOnly",
    "isEnabled: false",
    "query: |",
    "  EmailEvents",
    '  | where SenderFromDomain startswith "c0ntoso"',
    "  | project Timestamp, SenderFromAddress, NetworkMessageId, RecipientEmailAddress",
    "",
  ].join("\n");

  await page.goto("/settings/detection-rules");
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog", { name: "Import detection rules" });
  await dialog.getByLabel("Or paste YAML").fill("name: Broken\nseverity: High\nentityColumns: [SHA256\nquery: x\n");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText(/The YAML is not valid: pasted\.yaml: line \d+/);
  await dialog.getByLabel("Or paste YAML").fill("");
  await dialog.getByLabel("YAML files").setInputFiles({
    name: "lookalike.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(yaml),
  });
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Imported 1 new and updated 0 existing rules.");
  await dialog.getByRole("link", { name }).click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit detection rule" });
  await edit.getByLabel("Detection name").fill(edited);
  await edit.getByLabel("Severity").selectOption("Low");
  await edit.getByLabel("Frequency").selectOption("24h");
  await edit.getByLabel("Look-back").selectOption("1440");
  await edit.getByRole("checkbox", { name: "RecipientEmailAddress" }).check();
  await edit.getByLabel("Actions").selectOption("StartInvestigation");
  // The query is checked again on save: a mistake shows beneath it with its line, and nothing is saved.
  const query = edit.getByLabel("Query");
  await query.fill("EmailEvents\n| where SenderFromDomain startswith\n| project Timestamp, SenderFromAddress");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(query).toHaveAttribute("aria-invalid", "true");
  await expect(edit.locator("#edit-rule-query-error")).toContainText(/line \d+, column \d+/);
  await query.fill(
    'EmailEvents\n| where SenderFromDomain startswith "c0ntoso"\n| project Timestamp, SenderFromAddress, NetworkMessageId, RecipientEmailAddress, Subject',
  );
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("heading", { name: edited })).toBeVisible();
  await expect(page.getByText("Every 24 hours", { exact: true })).toBeVisible();
  await expect(
    page.getByText("SenderFromAddress, NetworkMessageId, RecipientEmailAddress", { exact: true }),
  ).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export", exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^imported-lookalike-senders-[a-z0-9-]+-edited\.yaml$/);
  const exported = readFileSync((await download.path())!, "utf8");
  expect(exported).toContain(`name: ${edited}`);
  expect(exported).toContain("severity: Low");
  expect(exported).toContain("frequency: 24h");
  expect(exported).toContain("lookBackMinutes: 1440");
  expect(exported).toContain("action: StartInvestigation");
  expect(exported).toContain("NetworkMessageId, RecipientEmailAddress, Subject");

  // Export all: every rule in one file of YAML documents, which an import takes back whole.
  await page.goto("/settings/detection-rules");
  const [all] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export all" }).click(),
  ]);
  expect(all.suggestedFilename()).toBe("detection-rules.yaml");
  const documents = readFileSync((await all.path())!, "utf8");
  expect(documents).toContain(`name: ${edited}`);
  expect(documents.split(/^---$/m).length).toBeGreaterThan(1);
  const reimport = await page.request.post("/api/v1/detection-rules/import", {
    data: { files: [{ name: "detection-rules.yaml", content: documents }] },
  });
  expect(reimport.status()).toBe(200);
  expect((await reimport.json()).updated).toEqual(expect.arrayContaining([expect.objectContaining({ name: edited })]));
});
