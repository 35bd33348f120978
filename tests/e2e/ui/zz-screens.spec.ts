import { test } from "@playwright/test";
import { compromiseUser } from "../support/compromise";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// Temporary: screenshots for a look, not committed.
test("screens", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  const { victim } = await compromiseUser(page.request);
  const { items } = await (await page.request.get(`/api/v1/investigations?playbook=CompromisedUser&user=${encodeURIComponent(victim)}`)).json();
  const id = items[0].id;
  await settledStatus(page.request, id);
  const campaign = await sendPhishCampaign(page.request, { recipients: 12 });
  await settledStatus(page.request, campaign.investigationId);
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    for (const [name, url] of [
      ["cu-graph", `/investigations/${id}?tab=graph`],
      ["cu-entities", `/investigations/${id}?tab=entities`],
      ["phish-graph", `/investigations/${campaign.investigationId}?tab=graph`],
      ["mailbox", `/mailboxes/${encodeURIComponent(victim)}`],
    ]) {
      await page.goto(url);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `/tmp/graph-shots/${name}-${w}.png`, fullPage: true });
    }
    await page.goto(`/investigations/${id}`);
    await page.getByRole("button", { name: "Stop investigation" }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/graph-shots/stop-dialog-${w}.png` });
    await page.keyboard.press("Escape");
  }
});
