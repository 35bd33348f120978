import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

// Settings › User reported settings: an admin names the reporting mailbox, turns feedback on and edits a template;
// the page shows them again after a reload, with the password kept and never sent back, and fits a phone.
test("an admin sets up the reporting mailbox and the reporter's feedback", async ({ page }) => {
  const password = `reports-${Date.now()}`;
  await signIn(page);
  await page.goto("/settings");
  await page.getByRole("link", { name: /User reported settings/ }).click();
  await expect(page.getByRole("heading", { name: "User reported settings", level: 1 })).toBeVisible();

  await page.getByLabel("Read the reporting mailbox").check();
  await page.getByLabel("Reporting mailbox", { exact: true }).fill("phish-reports@contoso.test");
  await page.getByLabel("Mailbox password").fill(password);
  await page.getByLabel("Email the reporter the result").check();
  await page.getByLabel("SMTP relay").fill("127.0.0.1");
  await page.getByLabel("SMTP port").fill("2525");
  await page.getByLabel("Sent from").fill("security@contoso.test");
  await page.locator("#template-clean-subject").fill("All clear: {{subject}}");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByText("User reported settings saved. The worker reads phish-reports@contoso.test"),
  ).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Reporting mailbox", { exact: true })).toHaveValue("phish-reports@contoso.test");
  await expect(page.locator("#template-clean-subject")).toHaveValue("All clear: {{subject}}");
  await expect(page.getByRole("textbox", { name: "Mailbox password" })).toHaveAttribute("placeholder", "stored");
  expect(await page.content()).not.toContain(password);
  await expect(page.getByRole("table", { name: "Latest reporting mailbox items" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Notices sent to reporters" })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Off again for the other specs: the worker must not start reading a mailbox they do not expect.
  const {
    updatedAt: _at,
    updatedBy: _by,
    hasPassword: _p,
    ...form
  } = await (await page.request.get("/api/v1/settings/user-reported")).json();
  const reset = await page.request.put("/api/v1/settings/user-reported", {
    data: { ...form, isEnabled: false, isFeedbackEnabled: false, password: null },
  });
  expect(reset.status(), await reset.text()).toBe(200);
});
