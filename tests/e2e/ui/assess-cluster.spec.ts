import { expect, test } from "@playwright/test";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// An analyst's verdict on a whole cluster becomes knowledge about the campaign: assessed from the cluster's panel on
// the investigation page, shown on the cluster, and listed on Settings › Detection as learnt from that cluster.

type TAction = { clusterId: number | null; cluster: { kind: string } | null };

test("an analyst assesses a Similar URLs cluster from its panel; the campaign's link host is learnt from the cluster", async ({
  page,
}) => {
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: false, action: "softDelete" },
  });
  const campaign = await sendPhishCampaign(page.request, { recipients: 5 });
  await settledStatus(page.request, campaign.investigationId);
  const actions = await page.request.get(
    `/api/v1/actions?view=pending&investigation=${campaign.investigationId}&pageSize=100`,
  );
  const { items } = (await actions.json()) as { items: TAction[] };
  const clusterId = items.find((item) => item.cluster?.kind === "similarUrls")?.clusterId;
  expect(clusterId, "a Similar URLs cluster").toBeTruthy();

  await page.goto(`/investigations/${campaign.investigationId}?cluster=${clusterId}`);
  const flyout = page.getByRole("dialog", { name: `Messages with the URL ${campaign.url}` });
  const assessment = flyout.getByRole("region", { name: "Assessment" });
  await assessment.getByLabel("Assessment").selectOption("Phish");
  await assessment.getByRole("button", { name: "Save assessment" }).click();
  await expect(flyout.getByRole("status").filter({ hasText: "Assessed the cluster as Phish" })).toContainText(
    /and learnt 1 sender, 1 link host/,
  );
  await expect(flyout.getByText("Malicious", { exact: true }).first()).toBeVisible();

  const host = new URL(campaign.url).hostname;
  await page.goto(`/settings/detection?q=${encodeURIComponent(host)}`);
  const learnt = page.getByRole("row").filter({ hasText: host });
  await expect(learnt).toContainText("Phish");
  await expect(learnt).toContainText(`on email cluster ${clusterId}`);
});
