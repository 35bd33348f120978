import { expect, test } from "@playwright/test";
import { clusterLocations, sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// Revert investigation from the investigation's page: the dialog previews what will be undone (each copy back to its
// own folder), the revert moves every copy back, and the run's action history shows the Move to Inbox it made.

type TAction = {
  id: number;
  type: string;
  status: string;
  clusterId: number;
  revertOfId: number | null;
  cluster: { kind: string } | null;
};

test("Revert investigation previews, then moves every automatically soft-deleted copy back to its Inbox", async ({
  page,
}) => {
  // A run, its automated remediation and a revert: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: true, action: "softDelete" },
  });
  const campaign = await sendPhishCampaign(page.request, { recipients: 8 });
  await settledStatus(page.request, campaign.investigationId);
  const actions = async () =>
    (
      (await (
        await page.request.get(`/api/v1/actions?view=history&pageSize=100&investigation=${campaign.investigationId}`)
      ).json()) as { items: TAction[] }
    ).items;
  const deleted = (await actions()).find((action) => action.cluster?.kind === "similarUrls")!;
  expect(deleted.status).toBe("Completed");
  expect(await clusterLocations(page.request, deleted.clusterId)).toEqual({ "Recoverable items": 8 });

  await page.goto(`/investigations/${campaign.investigationId}`);
  await page.getByRole("button", { name: "Revert investigation" }).click();
  const dialog = page.getByRole("dialog", { name: `Revert investigation ${campaign.investigationId}?` });
  const undone = dialog.getByRole("region", { name: "Will be undone" });
  await expect(undone).toContainText("Soft delete email");
  await expect(undone).toContainText("8 messages back: 8 to Inbox");
  await dialog.getByLabel("Comment (optional)").fill("False positive: a partner's newsletter");
  await dialog.getByRole("button", { name: "Revert investigation" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Reverted" })).toContainText(
    "Reverted 1 action (8 messages moved back)",
  );
  expect(await clusterLocations(page.request, deleted.clusterId)).toEqual({ "Inbox/folder": 8 });

  const revert = (await actions()).find((action) => action.revertOfId === deleted.id)!;
  expect(revert).toMatchObject({ type: "moveToInbox", status: "Completed" });
  await page.goto(`/investigations/${campaign.investigationId}?tab=history`);
  const runHistory = page.getByRole("table", { name: "Pending action history" });
  await expect(
    runHistory.getByRole("row").filter({ has: page.getByRole("cell", { name: "Move to Inbox", exact: true }) }),
  ).toHaveCount(1);
  await expect(
    runHistory.getByRole("row").filter({ has: page.getByRole("cell", { name: "Soft delete email", exact: true }) }),
  ).toContainText(`Reverted by #${revert.id} (Move to Inbox)`);
});
