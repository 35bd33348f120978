import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

// Settings › Automation: an admin turns canary runs on above a message count with a stricter threshold; the page
// shows them again after a reload and says so on saving.
test("an admin turns on canary runs for large email actions", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings/automation");
  await expect(page.getByRole("heading", { name: "Canary runs" })).toBeVisible();
  await expect(page.getByLabel("Canary above (messages)")).toHaveCount(0);

  await page.getByLabel("Run large email actions as a canary first").check();
  await page.getByLabel("Canary above (messages)").fill("2500");
  await page.getByLabel("Stop when more than (% of the sample) fail").fill("5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Email actions on more than 2,500 messages run on a sample first.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Run large email actions as a canary first")).toBeChecked();
  await expect(page.getByLabel("Canary above (messages)")).toHaveValue("2500");
  await expect(page.getByLabel("Sample size (% of the messages)")).toHaveValue("1");
  await expect(page.getByLabel("Stop when more than (% of the sample) fail")).toHaveValue("5");
  const saved = await (await page.request.get("/api/v1/settings/automation")).json();
  expect(saved).toMatchObject({
    canaryAboveMessages: 2500,
    canarySamplePercent: 1,
    canarySampleMinimum: 50,
    canaryMaxFailedPercent: 5,
  });

  // Off again for the other specs: their approvals must run as they expect.
  const { updatedAt: _at, updatedBy: _by, ...form } = saved;
  const reset = await page.request.put("/api/v1/settings/automation", {
    data: { ...form, canaryAboveMessages: null, canaryMaxFailedPercent: 10 },
  });
  expect(reset.status(), await reset.text()).toBe(200);
});
