import { test } from "@playwright/test";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

test("look", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page);
  const campaign = await sendPhishCampaign(page.request, { recipients: 12 });
  await settledStatus(page.request, campaign.investigationId);
  const vip = campaign.recipients.at(-1)!;
  await page.request.put(`/api/v1/mailboxes/${encodeURIComponent(vip)}/priority`, { data: { isPriority: true } });
  await page.request.put(`/api/v1/mailboxes/${encodeURIComponent(campaign.reporter)}/priority`, { data: { isPriority: true } });
  for (const [name, path] of [["alerts", "/alerts"], ["investigations", "/investigations"], ["action-center", "/action-center"], ["approval-rules", "/settings/approval-rules"], ["history", "/action-center?view=history"]] as const) {
    for (const [w, h] of [[1280, 800], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: w < 500 ? false : true });
    }
  }
});
