import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test("health answers ok with the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    status: "ok",
    db: "ok",
    hunting: { store: "postgres", replica: "off", lagSeconds: 0, pending: 0, isCaughtUp: false },
  });
});

test("an API route without a session or token answers 401", async ({ request }) => {
  const response = await request.get("/api/v1/users");
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe("UNAUTHORIZED");
});

test("an API token works as a bearer, and stops working once revoked", async ({ page, playwright, baseURL }) => {
  await signIn(page);
  const created = await page.request.post("/api/v1/tokens", { data: { name: "e2e script", role: "reader" } });
  expect(created.status()).toBe(201);
  const token = await created.json();
  expect(token.secret).toMatch(/^bw_/);

  const script = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token.secret}` },
  });
  expect((await script.get("/api/v1/audit")).status()).toBe(200);
  expect((await script.get("/api/v1/users")).status()).toBe(403);

  expect((await page.request.delete(`/api/v1/tokens/${token.id}`)).status()).toBe(200);
  expect((await script.get("/api/v1/audit")).status()).toBe(401);
  await script.dispose();
});

test("bad input answers 400 naming the field", async ({ page }) => {
  await signIn(page);
  const response = await page.request.post("/api/v1/users", {
    data: { email: "not-an-email", name: "X", role: "reader", password: "long-enough-password" },
  });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.error.code).toBe("BAD_REQUEST");
  expect(body.error.issues[0].path).toBe("body.email");
});
