import { expect, test } from "@playwright/test";
import { clusterLocations, sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// One campaign makes two clusters of the same copies (Similar URLs and Similar files). With both automated, the first
// soft delete moves the copies and the second finds them already there, and History says so. Move to Inbox of the one
// that moved them undoes both: History, its flyout and the investigation's Pending action history show the other
// action reverted by that Move to Inbox, not plainly Completed.

type TAction = { id: number; status: string; entity: string; clusterId: number; successCount: number; alreadyCount: number; cluster: { kind: string } | null };

test("Move to Inbox of one of two overlapping clusters shows the other reverted by it, and counts copies already there apart", async ({ page }) => {
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", { data: { similarFiles: true, similarUrls: true, action: "softDelete" } });
  const campaign = await sendPhishCampaign(page.request, { recipients: 12 });
  await settledStatus(page.request, campaign.investigationId);
  const response = await page.request.get(`/api/v1/actions?view=history&investigation=${campaign.investigationId}&pageSize=100`);
  const clusters = ((await response.json()) as { items: TAction[] }).items.filter((item) => ["similarUrls", "similarFiles"].includes(item.cluster?.kind ?? ""));
  expect(clusters.map((action) => action.status)).toEqual(["Completed", "Completed"]);
  // The soft delete that ran first moved the copies; the other found every one of them already soft deleted.
  const mover = clusters.find((action) => action.successCount > action.alreadyCount)!;
  const follower = clusters.find((action) => action !== mover)!;
  expect(follower.successCount).toBe(follower.alreadyCount);

  await page.goto(`/action-center?view=history&investigation=${campaign.investigationId}`);
  const history = page.getByRole("table", { name: "Action history" });
  const followerRow = history.getByRole("row").filter({ hasText: follower.entity });
  await expect(followerRow).toContainText(`0 moved, ${follower.alreadyCount} already there`);

  const moverRow = history.getByRole("row").filter({ hasText: mover.entity });
  await moverRow.getByRole("link", { name: mover.entity }).click();
  const flyout = page.getByRole("dialog", { name: mover.entity });
  await flyout.getByRole("button", { name: "Move to Inbox" }).click();
  await page.getByRole("dialog", { name: "Move to Inbox?" }).getByRole("button", { name: "Move to Inbox" }).click();
  await expect(flyout).toContainText(`Moved ${mover.successCount - mover.alreadyCount} messages to Inbox`);
  expect(await clusterLocations(page.request, follower.clusterId)).toEqual({ "Inbox/folder": follower.alreadyCount });
  await page.keyboard.press("Escape");

  const revert = ((await (await page.request.get(`/api/v1/actions?view=history&investigation=${campaign.investigationId}&pageSize=100`)).json()) as { items: (TAction & { revertOfId: number | null })[] }).items.find(
    (item) => item.revertOfId === mover.id,
  )!;
  const revertedBy = new RegExp(`(Partially r|R)everted by #${revert.id} \\(Move to Inbox\\)`);
  await expect(followerRow).toContainText(revertedBy);
  await expect(moverRow).toContainText(`Reverted by #${revert.id} (Move to Inbox)`);

  await followerRow.getByRole("link", { name: follower.entity }).click();
  await expect(page.getByRole("dialog", { name: follower.entity }).getByRole("list", { name: "Cluster actions" })).toContainText(revertedBy);
  await page.keyboard.press("Escape");

  await page.goto(`/investigations/${campaign.investigationId}?tab=history`);
  const investigationHistory = page.getByRole("table", { name: "Pending action history" });
  await expect(investigationHistory.getByRole("row").filter({ hasText: follower.entity })).toContainText(revertedBy);
});
