import { expect, test, type Page } from "@playwright/test";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { createUser, signIn } from "../support/session";

// A two-person rule on email actions: the administrator's approval of a phish cluster's soft delete leaves the row
// "Awaiting second approval — approved by Administrator, just now", with Approve disabled for them; an operator's approval
// runs it. The rule is put back to none at the end: the other specs approve with one click.

const notice = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });

async function approveFromMenu(page: Page, row: ReturnType<Page["getByRole"]>) {
  await row.getByRole("button", { name: /^Decide / }).click();
  await page.getByRole("menuitem", { name: "Approve" }).click();
  await page.getByRole("dialog", { name: "Approve this action?" }).getByRole("button", { name: "Approve" }).click();
}

test("a rule-matched action waits for a second approver, shown on its Action center row", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page);
  expect(
    (
      await page.request.put("/api/v1/settings/approval-rules", {
        data: { rules: [{ condition: "emailOverMessages", messages: 0 }] },
      })
    ).status(),
  ).toBe(200);
  try {
    await page.goto("/settings/approval-rules");
    await expect(page.getByLabel("Email action on more than this many messages")).toBeChecked();
    await expect(page.getByLabel("Hard delete")).not.toBeChecked();
    await page.screenshot({ path: "test-results/two-person-settings-1280.png" });
    const operator = await createUser(page.request, "operator");
    const campaign = await sendPhishCampaign(page.request, { recipients: 3 });
    await settledStatus(page.request, campaign.investigationId);

    await page.goto(`/action-center?investigation=${campaign.investigationId}`);
    const pending = page.getByRole("table", { name: "Pending actions" });
    const row = pending.getByRole("row").filter({ hasText: "Soft delete" }).first();
    const entity = (await row.getByRole("link").first().textContent())!;
    const rowOf = (p: Page) =>
      p.getByRole("table", { name: "Pending actions" }).getByRole("row").filter({ hasText: entity });
    await approveFromMenu(page, rowOf(page));
    await expect(notice(page, "awaiting")).toHaveText("1 awaiting second approval by someone else");
    await expect(rowOf(page)).toContainText(
      /Awaiting second approval — approved by Administrator, (just now|\d+ minutes? ago)/,
    );
    await page.screenshot({ path: "test-results/two-person-1280.png" });
    // On a phone the table is a list of cards: the note is on the card, under the entity.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText(/^Awaiting second approval$/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/two-person-390.png" });
    await page.setViewportSize({ width: 1280, height: 800 });
    await rowOf(page)
      .getByRole("button", { name: /^Decide / })
      .click();
    await expect(page.getByRole("menuitem", { name: "Approved by you: needs someone else" })).toBeDisabled();
    await page.keyboard.press("Escape");

    const context = await browser.newContext();
    const second = await context.newPage();
    await signIn(second, operator);
    await second.goto(`/action-center?investigation=${campaign.investigationId}`);
    await approveFromMenu(second, rowOf(second));
    await expect(notice(second, "approved")).toHaveText("1 approved");
    await expect(rowOf(second)).toHaveCount(0);
    await context.close();
  } finally {
    await page.request.put("/api/v1/settings/approval-rules", { data: { rules: [] } });
  }
});
