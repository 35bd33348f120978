import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// The console as a security reviewer probes it: its headers, a page of another origin driving a signed-in browser,
// the sign-in redirect, and a strict CSP that the console's own pages never trip over.

type THeaders = Record<string, string>;

function expectSecurityHeaders(headers: THeaders) {
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Served over plain http here: HSTS and upgrade-insecure-requests only go out when NEXTAUTH_URL is https.
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
}

const nonceOf = (response: APIResponse | { headers(): THeaders }) =>
  response.headers()["content-security-policy"].match(/'nonce-([^']+)'/)![1];

test("pages, API answers and static files carry the security headers, with a fresh nonce on every page's scripts", async ({
  page,
  request,
}) => {
  const first = (await page.goto("/login"))!;
  expectSecurityHeaders(first.headers());
  const scripts = await page.evaluate(() =>
    [...document.scripts].map((script) => ({ nonce: script.nonce, src: script.src })),
  );
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script.nonce, script.src || "inline script").toBe(nonceOf(first));
  const second = (await page.reload())!;
  expect(nonceOf(second)).not.toBe(nonceOf(first));

  expectSecurityHeaders((await request.get("/api/health")).headers());
  expectSecurityHeaders((await request.get("/api/v1/alerts")).headers());
  const asset = await request.get(scripts.find((script) => script.src)!.src);
  expect(asset.status()).toBe(200);
  expectSecurityHeaders(asset.headers());
});

test("the favicon is linked from every page and served to anyone, with the security headers", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", "/favicon.svg");
  const anonymous = await playwright.request.newContext({ baseURL });
  const icon = await anonymous.get("/favicon.svg", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain("<svg");
  expectSecurityHeaders(icon.headers());
  await anonymous.dispose();
});

test("the console's pages run under the CSP without a single violation, light and dark", async ({ page }) => {
  test.setTimeout(240_000);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to|Permissions-Policy/i.test(message.text()))
      violations.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`${page.url()}: ${error.message}`));
  // The browser's own report, in case a violation is not logged to the console.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });

  await signIn(page);
  const pages = [
    "/",
    "/alerts",
    "/investigations",
    "/action-center",
    "/restricted-users",
    "/submissions",
    "/explorer",
    "/hunting",
    "/settings",
    "/settings/users",
    "/settings/api-tokens",
    "/settings/automation",
    "/settings/alert-policies",
    "/settings/threat-intelligence",
    "/settings/mail-system",
    "/settings/integrations",
    "/settings/audit",
    "/settings/api",
    "/no-such-page",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
  }
  await page.emulateMedia({ colorScheme: "dark" });
  for (const path of ["/", "/alerts", "/hunting", "/settings"]) {
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
  }
  // Client-side navigation, a Radix menu (it injects a <style> while open) and a dialog: scripts hydrated and allowed.
  await page.goto("/");
  await page.getByRole("navigation").first().getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: /Administrator/ }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto("/settings/api-tokens");
  await page.getByRole("button", { name: "New token" }).click();
  await expect(page.getByRole("dialog", { name: "New API token" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto("/hunting");
  await page.getByRole("button", { name: "Run query" }).click();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

/** A page of another origin on this host (another port: same-site, so SameSite=Lax cookies still ride along). */
async function serveAttackerPage(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_, response) => response.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}

test("a page of another origin can neither decide actions with an operator's session nor frame the Action center", async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: false, action: "softDelete" },
  });
  const campaign = await sendPhishCampaign(page.request, { recipients: 4 });
  expect(await settledStatus(page.request, campaign.investigationId)).toBe("PendingAction");
  const pendingIds = async () => {
    const response = await page.request.get(
      `/api/v1/actions?view=pending&investigation=${campaign.investigationId}&pageSize=100`,
    );
    return ((await response.json()) as { items: { id: number }[] }).items.map((item) => item.id);
  };
  const [approveId, rejectId, decideId] = await pendingIds();
  expect(decideId, "three pending actions to attack").toBeDefined();

  // The victim: a signed-in browser with nothing added to its requests (no Origin of the test's own).
  const victim = await browser.newContext({ extraHTTPHeaders: {} });
  const victimPage = await victim.newPage();
  await signIn(victimPage);
  const api = (path: string) => new URL(path, baseURL).href;
  const attacker = await serveAttackerPage(`<!doctype html><title>Win a prize</title>
    <iframe id="framed" src="${api("/action-center")}"></iframe>
    <iframe name="sink"></iframe>
    <form id="form" method="post" enctype="text/plain" target="sink" action="${api(`/api/v1/actions/${rejectId}/reject`)}">
      <input name='{"comment":"csrf","x":"' value='"}'>
    </form>
    <script>
      const simple = (url, body) => fetch(url, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body });
      Promise.allSettled([
        simple(${JSON.stringify(api(`/api/v1/actions/${approveId}/approve`))}, '{"comment":"csrf"}'),
        simple(${JSON.stringify(api("/api/v1/actions/decide"))}, '{"ids":[${decideId}],"decision":"approve"}'),
        fetch(${JSON.stringify(api(`/api/v1/actions/${decideId}/approve`))}, { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body: "{}" }),
      ]).then(() => { document.getElementById("form").submit(); document.title = "sent"; });
    </script>`);
  try {
    const attempts: string[] = [];
    victimPage.on("request", (request) => {
      if (request.url().includes("/api/v1/") && request.method() === "POST") attempts.push(request.url());
    });
    const formAnswer = victimPage.waitForResponse((response) => response.url().endsWith(`/actions/${rejectId}/reject`));
    await victimPage.goto(attacker.url);
    await expect(victimPage).toHaveTitle("sent");
    // The form's answer is a page in the attacker's frame; the fetches' answers are hidden from it (opaque, and
    // Cross-Origin-Resource-Policy), so what they did is read back below from the actions themselves.
    expect((await formAnswer).status()).toBe(403);
    expect(attempts.length).toBeGreaterThanOrEqual(3);

    // Framing is refused: the Action center never renders inside the attacker's page.
    await expect(victimPage.frameLocator("#framed").getByRole("heading", { name: "Action center" })).toHaveCount(0);
    expect(
      victimPage.frames().some((frame) => frame.url().includes("/action-center") && frame !== victimPage.mainFrame()),
    ).toBe(false);
  } finally {
    attacker.server.close();
    await victim.close();
  }
  expect(await pendingIds()).toEqual(expect.arrayContaining([approveId, rejectId, decideId]));
  const audit = await page.request.get(`/api/v1/audit?targetType=action&targetId=${approveId}`);
  expect(((await audit.json()) as { items: { action: string }[] }).items.map((item) => item.action)).not.toContain(
    "action.approve",
  );

  // The console's own page still decides (same origin, same session): the rule refuses only strangers.
  expect(await rejectFromConsolePage(page, approveId)).toBe(200);
});

/** Rejects from inside a console page, the way its own buttons call the API (a plain same-origin fetch). */
async function rejectFromConsolePage(page: Page, actionId: number): Promise<number> {
  await page.goto("/action-center");
  return page.evaluate(
    async (id) =>
      (
        await fetch(`/api/v1/actions/${id}/reject`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"comment":"own page"}',
        })
      ).status,
    actionId,
  );
}

// As the browser's address bar gets them: percent-encoded where a link would encode them.
const REDIRECT_TRICKS = [
  "/%5Cevil.example/",
  "/%5Cevil.example",
  "//evil.example",
  "/%09/evil.example",
  "https://evil.example",
  "http://localhost:3000.evil.example/",
  "javascript:alert(document.domain)",
];

test("sign-in's callbackUrl tricks all land on the console", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  for (const trick of REDIRECT_TRICKS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/login?callbackUrl=${trick.startsWith("/") ? trick : encodeURIComponent(trick)}`);
    await page.getByLabel("Email").fill("admin@e2e.test");
    await page.getByLabel("Password").fill("e2e-admin-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Home" }), trick).toBeVisible();
    expect(new URL(page.url()).origin, trick).toBe(new URL(baseURL!).origin);
    await context.close();
  }
});

test("next-auth's own sign-in answers only console URLs, and refuses a post without its CSRF token", async ({
  playwright,
  baseURL,
}) => {
  const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: {} });
  const credentials = { email: "admin@e2e.test", password: "e2e-admin-password-1", json: "true" };
  const forged = await client.post("/api/auth/callback/credentials", {
    form: { ...credentials, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(JSON.stringify(await client.storageState())).not.toContain("session-token");
  expect(forged.status()).not.toBe(500);

  for (const trick of [
    "https://evil.example",
    "http://localhost:3000.evil.example/",
    "/\\evil.example",
    "not a url at all",
  ]) {
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const answer = await client.post("/api/auth/callback/credentials", {
      form: { ...credentials, csrfToken, callbackUrl: trick },
    });
    expect(answer.status(), trick).toBe(200);
    expect(new URL(((await answer.json()) as { url: string }).url).origin, trick).toBe(new URL(baseURL!).origin);
  }
  await client.dispose();
});
