import { randomUUID } from "node:crypto";
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
