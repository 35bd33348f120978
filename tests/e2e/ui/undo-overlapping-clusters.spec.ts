import { expect, test, type Page } from "@playwright/test";
import { clusterLocations, sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// Two actions on overlapping clusters: the automated soft delete of a campaign's Similar URLs cluster, then an
// analyst's soft delete of the same messages from Threat Explorer, which finds every copy already soft deleted and
// says so. Move to Inbox of the automated one moves the copies back: History, the flyout and the investigation show
// both actions reverted by that Move to Inbox, and none reads plainly Completed.

type TAction = {
  id: number;
  entity: string;
  status: string;
  clusterId: number;
  successCount: number;
  alreadyCount: number;
  revertOfId: number | null;
  cluster: { kind: string } | null;
};

async function history(page: Page, query = ""): Promise<TAction[]> {
  const response = await page.request.get(`/api/v1/actions?view=history&pageSize=100${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: TAction[] }).items;
}

test("Move to Inbox of one of two overlapping actions shows the other reverted by it, and copies already there are not counted as moved", async ({
  page,
}) => {
  // A run, two remediations, a revert and four pages: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: true, action: "softDelete" },
  });
  const campaign = await sendPhishCampaign(page.request, { recipients: 12 });
  await settledStatus(page.request, campaign.investigationId);
  const automated = (await history(page, `&investigation=${campaign.investigationId}`)).find(
    (item) => item.cluster?.kind === "similarUrls",
  )!;
  expect(automated).toMatchObject({ status: "Completed", successCount: 12, alreadyCount: 0 });

  const taken = await page.request.post("/api/v1/explorer/actions", {
    data: { selection: { filters: { subject: campaign.subject, range: "24h" } }, action: "softDelete" },
  });
  expect(taken.status(), await taken.text()).toBe(201);
  const explorer = (await taken.json()) as { id: number; clusterId: number; successCount: number };
  expect(explorer.successCount).toBe(12);

  await page.goto("/action-center?view=history");
  const table = page.getByRole("table", { name: "Action history" });
  const rowOf = (id: number) =>
    table.getByRole("row").filter({ has: page.getByRole("cell", { name: String(id), exact: true }) });
  await expect(rowOf(explorer.id)).toContainText("0 moved, 12 already there");
  await expect(rowOf(automated.id)).toContainText("12 moved");

  await rowOf(automated.id).getByRole("link", { name: automated.entity }).click();
  const flyout = page.getByRole("dialog", { name: automated.entity });
  await flyout.getByRole("button", { name: "Move to Inbox" }).click();
  await page.getByRole("dialog", { name: "Move to Inbox?" }).getByRole("button", { name: "Move to Inbox" }).click();
  await expect(flyout).toContainText("Moved 12 messages to Inbox");
  await page.keyboard.press("Escape");
  expect(await clusterLocations(page.request, explorer.clusterId)).toEqual({ "Inbox/folder": 12 });

  const revert = (await history(page)).find((item) => item.revertOfId === automated.id)!;
  // Read afresh: closing the flyout navigates, and may land before the refresh the revert asked for.
  await page.reload();
  const revertedBy = `Reverted by #${revert.id} (Move to Inbox)`;
  await expect(rowOf(automated.id)).toContainText(revertedBy);
  // The Threat Explorer action's copies were moved back too, though nobody reverted it by name.
  await expect(rowOf(explorer.id)).toContainText(revertedBy);
  await expect(rowOf(explorer.id)).toContainText("Completed");

  await rowOf(explorer.id).getByRole("link").first().click();
  const explorerFlyout = page.getByRole("dialog").filter({ has: page.getByRole("list", { name: "Cluster actions" }) });
  await expect(explorerFlyout.getByRole("list", { name: "Cluster actions" })).toContainText(revertedBy);
  // It moved nothing of its own: there is nothing for it to move back.
  await expect(explorerFlyout.getByRole("button", { name: "Move to Inbox" })).toHaveCount(0);
  await page.keyboard.press("Escape");

  await page.goto(`/investigations/${campaign.investigationId}?tab=history`);
  const runHistory = page.getByRole("table", { name: "Pending action history" });
  await expect(
    runHistory.getByRole("row").filter({ hasText: automated.entity }).filter({ hasText: "Soft delete email" }),
  ).toContainText(revertedBy);
});
