import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

// Settings › Mail system's rspamd card: the URLs are saved and shown again, the controller password is kept and never
// comes back to the browser.
test("an admin points Breakwater at rspamd; the controller password is stored, never shown", async ({ page }) => {
  const password = `rspamd-${Date.now()}`;
  await signIn(page);
  await page.goto("/settings/mail-system");
  const card = page.locator("form").filter({ hasText: "Controller password" });
  await page.getByLabel("Normal worker URL").fill("http://127.0.0.1:11333");
  await page.getByLabel("Controller URL").fill("http://127.0.0.1:11334");
  await page.getByLabel("Controller password").fill(password);
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Mail system settings saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Normal worker URL")).toHaveValue("http://127.0.0.1:11333");
  await expect(page.getByLabel("Controller URL")).toHaveValue("http://127.0.0.1:11334");
  // Once stored, the field is empty with "stored" in it, beside a "Forget the stored controller password" box.
  const stored = page.getByRole("textbox", { name: "Controller password" });
  await expect(stored).toHaveValue("");
  await expect(stored).toHaveAttribute("placeholder", "stored");
  expect(await page.content()).not.toContain(password);
  const settings = await (await page.request.get("/api/v1/settings/mail-system")).json();
  expect(settings).toMatchObject({
    rspamdUrl: "http://127.0.0.1:11333",
    rspamdControllerUrl: "http://127.0.0.1:11334",
    hasRspamdControllerPassword: true,
  });
  expect(JSON.stringify(settings)).not.toContain(password);

  // Back as it was for the other specs: the form's own fields, stored secrets kept, rspamd unset.
  const {
    updatedAt: _at,
    updatedBy: _by,
    fromEnvironment: _env,
    hasMasterPassword: _m,
    hasDoveadmApiKey: _d,
    hasRspamdControllerPassword: _r,
    ...form
  } = settings;
  const reset = await page.request.put("/api/v1/settings/mail-system", {
    data: { ...form, rspamdUrl: null, rspamdControllerUrl: null, rspamdControllerPassword: null },
  });
  expect(reset.status(), await reset.text()).toBe(200);
});
