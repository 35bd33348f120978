import { expect, test } from "@playwright/test";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// Approve with your eyes open: the decision dialog of a 200-message cluster counts its copies now by location and
// lists the priority account first; History keeps what the approver saw.

type TAction = { id: number; entity: string; clusterId: number | null; cluster: { kind: string } | null };

test("the decision dialog shows live counts by location and a priority account first; History shows what the approver saw", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: false, action: "softDelete" },
  });
  const campaign = await sendPhishCampaign(page.request, { recipients: 200 });
  expect(await settledStatus(page.request, campaign.investigationId)).toBe("PendingAction");
  const listed = await page.request.get(
    `/api/v1/actions?view=pending&investigation=${campaign.investigationId}&pageSize=100`,
  );
  const pending = ((await listed.json()) as { items: TAction[] }).items.find(
    (item) => item.cluster?.kind === "similarUrls",
  )!;

  // One copy filed to Junk since the cluster was found, and the last recipient tagged a priority account on their page.
  const vip = campaign.recipients.at(-1)!;
  const junked = await page.request.post("/api/v1/explorer/actions", {
    data: { selection: { filters: { subject: campaign.subject, recipient: vip, range: "24h" } }, action: "moveToJunk" },
  });
  expect(junked.status(), await junked.text()).toBe(201);
  await page.goto(`/mailboxes/${encodeURIComponent(vip)}`);
  await page.getByRole("switch", { name: "Priority account" }).click();
  await expect(page.getByRole("switch", { name: "Priority account" })).toHaveAttribute("aria-checked", "true");

  await page.goto(`/action-center?investigation=${campaign.investigationId}`);
  const row = page.getByRole("table", { name: "Pending actions" }).getByRole("row").filter({ hasText: pending.entity });
  // The row is tagged: one of its copies sits in a priority account's mailbox; the list filters on it.
  await expect(row.getByTitle("Priority account")).toBeVisible();
  await page.goto(`/action-center?investigation=${campaign.investigationId}&priorityAccount=false`);
  await expect(
    page.getByRole("table", { name: "Pending actions" }).getByRole("row").filter({ hasText: pending.entity }),
  ).toHaveCount(0);
  await page.goto(`/action-center?investigation=${campaign.investigationId}&priorityAccount=true`);
  await row.getByRole("button", { name: /^Decide Soft delete email/ }).click();
  await page.getByRole("menuitem", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this action?" });
  const radius = dialog.getByRole("region", { name: "Blast radius" });
  await expect(radius.getByRole("list", { name: "Copies by location" })).toHaveText(/Inbox\s*199\s*Junk\s*1/);
  await expect(radius).toContainText("Live now200");
  await expect(
    radius
      .getByRole("list", { name: /^Mailboxes/ })
      .getByRole("listitem")
      .first(),
  ).toContainText(`Priority${vip}`);
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "approved" })).toHaveText("1 approved");

  await page.goto(`/action-center?view=history&investigation=${campaign.investigationId}`);
  const historyRow = page
    .getByRole("table", { name: "Action history" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: String(pending.id), exact: true }) });
  await historyRow.getByRole("button", { name: "What the approver saw" }).click();
  const saw = page.getByRole("dialog", { name: "What the approver saw" });
  await expect(saw.getByRole("list", { name: "Copies by location" })).toHaveText(/Inbox\s*199\s*Junk\s*1/);
  await expect(
    saw
      .getByRole("list", { name: /^Mailboxes/ })
      .getByRole("listitem")
      .first(),
  ).toContainText(vip);
});
