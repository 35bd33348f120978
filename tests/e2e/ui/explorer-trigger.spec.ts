import { expect, test } from "@playwright/test";
import { sendPhishCampaign } from "../support/phish";
import { signIn } from "../support/session";

// An analyst hunts a campaign in Threat Explorer by its URL domain, ticks two of its messages and triggers an
// investigation: the Manual run shows in Investigations, and its alert (Investigation triggered manually) in Alerts.
test("an analyst triggers an investigation on messages found in Threat Explorer", async ({ page }) => {
  await signIn(page);
  const campaign = await sendPhishCampaign(page.request, { recipients: 6, report: false });

  await page.goto(`/explorer?range=24h&urlDomain=${encodeURIComponent(campaign.urlDomain)}`);
  const table = page.getByRole("table", { name: "Email" });
  await expect(table.getByRole("row").filter({ hasText: campaign.subject })).toHaveCount(6);
  const rows = table.getByRole("row").filter({ hasText: campaign.subject });
  await rows.nth(0).getByRole("checkbox", { name: "Select row" }).check();
  await rows.nth(1).getByRole("checkbox", { name: "Select row" }).check();
  const selection = page.getByRole("region", { name: "Selection actions" });
  await expect(selection).toContainText("2 selected");
  await selection.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("menuitem", { name: "Trigger investigation" }).click();
  const dialog = page.getByRole("dialog", { name: "Trigger investigation?" });
  await expect(dialog).toContainText("the 2 selected messages");
  await dialog.getByRole("button", { name: "Trigger investigation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "started on 2 messages" })).toBeVisible();

  await page.getByRole("link", { name: "Open the investigation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Manual investigation: 2 messages selected in Threat Explorer",
  );
  const investigationId = Number(new URL(page.url()).pathname.split("/").pop());

  await page.goto("/investigations?playbook=Manual");
  await expect(
    page.getByRole("row").filter({ hasText: "Manual investigation: 2 messages selected in Threat Explorer" }).first(),
  ).toBeVisible();

  await page.goto("/alerts?policy=investigation-triggered-manually");
  const alert = page
    .getByRole("row")
    .filter({ hasText: "Investigation triggered manually by Administrator: 2 messages" })
    .first();
  await expect(alert).toBeVisible();
  const response = await page.request.get(`/api/v1/investigations/${investigationId}`);
  expect(
    ((await response.json()) as { alerts: { policy: { name: string } }[] }).alerts.map((item) => item.policy.name),
  ).toEqual(["Investigation triggered manually"]);
});
