import { expect, test } from "@playwright/test";
import { createUser, signIn } from "../support/session";

test("an administrator signs in, sees the console shell and signs out", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Home" })).toBeVisible();
  const nav = page.getByRole("navigation").first();
  for (const item of [
    "Alerts",
    "Investigations",
    "Action center",
    "Restricted users",
    "Threat Explorer",
    "Advanced hunting",
    "Settings",
  ]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(page.getByText("Active alerts")).toBeVisible();

  await page.getByRole("button", { name: /Administrator/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@e2e.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toHaveText(
    "The email or password is not right.",
  );
  await expect(page).toHaveURL(/\/login/);
});

test("a reader is refused an admin page and an admin route", async ({ page, browser }) => {
  await signIn(page);
  const reader = await createUser(page.request, "reader");

  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, reader);
  await expect(readerPage.getByRole("heading", { name: "Home" })).toBeVisible();

  const response = await readerPage.goto("/settings/users");
  expect(response?.status()).toBe(403);
  await expect(readerPage.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  const api = await readerPage.request.get("/api/v1/users");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("FORBIDDEN");
  await readerContext.close();
});
