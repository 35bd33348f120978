import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../support/accounts";
import { createUser, signIn } from "../support/session";

test("a session cookie replayed after sign-out answers 401", async ({ page, browser, playwright }) => {
  await signIn(page);
  const account = await createUser(page.request, "operator");
  const context = await browser.newContext();
  const userPage = await context.newPage();
  await signIn(userPage, account);
  const cookie = (await context.cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
  // A client of its own, carrying only the copied cookie.
  const replay = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { cookie },
  });
  expect((await replay.get("/api/v1/alerts")).status()).toBe(200);

  await userPage.getByRole("button", { name: /E2E operator/ }).click();
  await userPage.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(userPage).toHaveURL(/\/login/);
  expect((await replay.get("/api/v1/alerts")).status()).toBe(401);
  await replay.dispose();
  await context.close();
});

test("sign-in failures are recorded with the socket's address, not a forged X-Forwarded-For", async ({
  page,
  browser,
}) => {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.99", "x-breakwater-peer": "203.0.113.98" },
  });
  const stranger = await context.newPage();
  await stranger.goto("/login");
  await stranger.getByLabel("Email").fill(E2E_ADMIN.email);
  await stranger.getByLabel("Password").fill("not-the-password");
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();
  await context.close();

  await signIn(page);
  const audit = await (await page.request.get("/api/v1/audit?action=auth.signInFailed&pageSize=5")).json();
  const ips = audit.items.map((entry: { ip: string | null }) => entry.ip);
  expect(ips.length).toBeGreaterThan(0);
  for (const ip of ips) expect(ip).toMatch(/^(127\.0\.0\.1|::1)$/);
});
