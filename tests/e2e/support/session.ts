import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { E2E_ADMIN } from "./accounts";

export async function signIn(page: Page, account: { email: string; password: string } = E2E_ADMIN) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A console user of its own for one test, made through the admin API as an admin would. */
export async function createUser(request: APIRequestContext, role: "reader" | "operator" | "admin") {
  const account = {
    email: `${role}-${randomUUID().slice(0, 8)}@e2e.test`,
    password: `pw-${randomUUID()}`,
    name: `E2E ${role}`,
    role,
  };
  const response = await request.post("/api/v1/users", { data: account });
  expect(response.status()).toBe(201);
  return account;
}
