import { expect, test, type Page } from "@playwright/test";
import { clusterLocations, sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// The user-reported phish, as an analyst and an admin work it: a report leads to a Similar URLs cluster that an
// analyst approves from the Action center; then, with Similar URLs automated, the next campaign is remediated with no
// approval, shows on History as decided by Automation, and Move to Inbox undoes it.

type TAction = {
  id: number;
  type: string;
  status: string;
  entity: string;
  clusterId: number | null;
  decidedBy: string | null;
  cluster: { kind: string } | null;
};

async function urlClusterAction(page: Page, investigationId: number, view: "pending" | "history"): Promise<TAction> {
  const response = await page.request.get(`/api/v1/actions?view=${view}&investigation=${investigationId}&pageSize=100`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: TAction[] };
  const action = items.find((item) => item.cluster?.kind === "similarUrls");
  expect(action, `a Similar URLs action on ${view}`).toBeDefined();
  return action!;
}

test("a reported phish leads to a pending Similar URLs cluster; the analyst opens it, approves it, and the copies leave the inboxes", async ({
  page,
}) => {
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: false, action: "softDelete" },
  });
  const campaign = await sendPhishCampaign(page.request, { recipients: 25 });
  expect(await settledStatus(page.request, campaign.investigationId)).toBe("PendingAction");
  const pending = await urlClusterAction(page, campaign.investigationId, "pending");
  expect(await clusterLocations(page.request, pending.clusterId!)).toEqual({ "Inbox/folder": 25 });

  await page.goto("/submissions");
  const report = page.getByRole("row").filter({ hasText: campaign.subject });
  await expect(report).toContainText("Malicious");
  await report.getByRole("link", { name: `Investigation ${campaign.investigationId}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(campaign.subject);
  await expect(page.getByText("Pending action", { exact: true }).first()).toBeVisible();

  await page.goto(`/action-center?investigation=${campaign.investigationId}`);
  const table = page.getByRole("table", { name: "Pending actions" });
  const row = table.getByRole("row").filter({ hasText: `Messages with the URL ${campaign.url}` });
  await row.getByRole("link", { name: `Messages with the URL ${campaign.url}` }).click();
  const flyout = page.getByRole("dialog", { name: `Messages with the URL ${campaign.url}` });
  await expect(flyout).toContainText("Similar URLs");
  await expect(flyout.getByRole("list", { name: "Messages by location" })).toContainText("Inbox/folder");
  await expect(flyout.getByRole("list", { name: "Messages by location" })).toContainText("25");
  await expect(flyout).toContainText(`Url == "${campaign.url}"`);
  await flyout.getByRole("searchbox", { name: "Search messages by recipient or subject" }).fill(campaign.reporter);
  await expect(flyout.getByRole("row").filter({ hasText: campaign.reporter })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(flyout).toHaveCount(0);

  await row.getByRole("button", { name: /^Decide Soft delete email/ }).click();
  await page.getByRole("menuitem", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this action?" });
  await dialog.getByLabel("Comment (optional)").fill("Credential phish reported by staff");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "approved" })).toHaveText("1 approved");
  await expect(row).toHaveCount(0);

  expect(await clusterLocations(page.request, pending.clusterId!)).toEqual({ "Recoverable items": 25 });
  const inbox = await page.request.get(
    `/api/v1/explorer/email?recipient=${encodeURIComponent(campaign.reporter)}&range=24h&subject=${encodeURIComponent(campaign.subject)}`,
  );
  const [copy] = ((await inbox.json()) as { items: { latestDeliveryLocation: string; additionalActions: string[] }[] })
    .items;
  expect(copy).toMatchObject({
    latestDeliveryLocation: "Recoverable items",
    additionalActions: ["Soft delete: approved"],
  });
});

test("with Similar URLs automated, the next campaign is remediated with no approval, and Move to Inbox restores every copy", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/settings/automation");
  await page.getByLabel("Similar URLs").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByText("Similar URLs clusters are now soft deleted without waiting for approval."),
  ).toBeVisible();

  const campaign = await sendPhishCampaign(page.request, { recipients: 30 });
  await settledStatus(page.request, campaign.investigationId);
  const automated = await urlClusterAction(page, campaign.investigationId, "history");
  expect(automated).toMatchObject({ status: "Completed", decidedBy: "Automation" });
  expect(await clusterLocations(page.request, automated.clusterId!)).toEqual({ "Recoverable items": 30 });

  await page.goto(`/action-center?view=history&investigation=${campaign.investigationId}`);
  await page.getByRole("button", { name: "Decided by" }).click();
  await page.getByRole("menuitemradio", { name: "Automation" }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/decidedBy=automation/);
  const history = page.getByRole("table", { name: "Action history" });
  const row = history.getByRole("row").filter({ hasText: `Messages with the URL ${campaign.url}` });
  await expect(row).toContainText("Automation");
  await expect(row).toContainText("Automated email action");
  await expect(history.getByRole("row")).toHaveCount(2);

  await row.getByRole("link", { name: `Messages with the URL ${campaign.url}` }).click();
  const flyout = page.getByRole("dialog", { name: `Messages with the URL ${campaign.url}` });
  await flyout.getByRole("button", { name: "Move to Inbox" }).click();
  const confirm = page.getByRole("dialog", { name: "Move to Inbox?" });
  await confirm.getByLabel("Comment (optional)").fill("Restoring to check the automated remediation");
  await confirm.getByRole("button", { name: "Move to Inbox" }).click();
  await expect(flyout).toContainText("Moved 30 messages to Inbox");
  expect(await clusterLocations(page.request, automated.clusterId!)).toEqual({ "Inbox/folder": 30 });

  // What Advanced hunting reads: EmailPostDeliveryEvents rows of the automated remediation, on each copy's timeline.
  const search = await page.request.get(
    `/api/v1/explorer/email?recipient=${encodeURIComponent(campaign.reporter)}&range=24h&subject=${encodeURIComponent(campaign.subject)}`,
  );
  const [copy] = ((await search.json()) as { items: { networkMessageId: string; additionalActions: string[] }[] })
    .items;
  expect(copy.additionalActions).toEqual(["Automated remediation: automated", "Moved to inbox: reverted"]);
  const message = await page.request.get(`/api/v1/explorer/email/${copy.networkMessageId}`);
  const timeline = JSON.stringify(await message.json());
  expect(timeline).toContain('"actionType":"Automated Remediation"');
  expect(timeline).toContain('"actionTrigger":"Automation"');
});
