import { expect, test, type APIRequestContext } from "@playwright/test";
import { readdirSync } from "node:fs";
import path from "node:path";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// A client navigation is an RSC request: Next.js renders only the segments the browser lacks, so a layout the
// browser "already has" is skipped, its sign-in check included. Anonymous RSC requests to every console page, found
// on disk so that a new page is covered without touching this file, must get no data: only the way to sign in.

const CONSOLE_DIR = path.resolve("src/app/(console)");

/** `(home)/page.tsx` → `/`, `alerts/[id]/page.tsx` → `/alerts/[id]` (route groups vanish from the URL). */
const pageRoutes = readdirSync(CONSOLE_DIR, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "page.tsx")
  .map(
    (file) =>
      `/${path
        .dirname(file)
        .split(path.sep)
        .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment))
        .join("/")}`,
  );

/** The router state a browser sends after showing one console page: the console layout is already on screen. */
function stateTreeFrom(segment: string) {
  return encodeURIComponent(
    JSON.stringify(["", { children: ["(console)", { children: [segment, { children: ["__PAGE__", {}] }] }] }]),
  );
}

async function navigate(client: APIRequestContext, url: string) {
  const from = url.startsWith("/alerts") ? "investigations" : "alerts";
  const headers = { RSC: "1", "Next-Router-State-Tree": stateTreeFrom(from), "Next-Url": `/${from}` };
  let response = await client.get(url, { headers, maxRedirects: 0 });
  // Next.js first sends an RSC request without its cache-busting `_rsc` parameter to the same URL with it.
  const location = response.headers().location ?? "";
  if (response.status() === 307 && location.includes("_rsc="))
    response = await client.get(location, { headers, maxRedirects: 0 });
  return { status: response.status(), location: response.headers().location ?? "", body: await response.text() };
}

test("every console page answers an anonymous client navigation with the way to sign in, and none of its data", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: false, action: "softDelete" },
  });
  const campaign = await sendPhishCampaign(page.request, { recipients: 3 });
  await settledStatus(page.request, campaign.investigationId);
  const alerts = (await (await page.request.get("/api/v1/alerts?pageSize=1&sort=-createdAt")).json()) as {
    items: { id: number }[];
  };
  const emails = await page.request.get(
    `/api/v1/explorer/email?range=24h&subject=${encodeURIComponent(campaign.subject)}`,
  );
  const [email] = ((await emails.json()) as { items: { networkMessageId: string }[] }).items;
  const submissions = (await (
    await page.request.get(`/api/v1/submissions?pageSize=1&q=${encodeURIComponent(campaign.subject)}`)
  ).json()) as { items: { id: string }[] };

  // The built-in detection rules are installed (switched off) on every first start.
  const rules = (await (await page.request.get("/api/v1/detection-rules")).json()) as { id: string }[];

  const params: Record<string, string> = {
    "/settings/detection-rules/[id]": rules[0].id,
    "/alerts/[id]": String(alerts.items[0].id),
    "/investigations/[id]": String(campaign.investigationId),
    "/explorer/email/[networkMessageId]": email.networkMessageId,
    "/mailboxes/[address]": encodeURIComponent(campaign.reporter),
    "/submissions/[id]": submissions.items[0].id,
  };
  // What the pages show a signed-in reader: none of it may reach a stranger.
  const secrets = [
    campaign.subject,
    campaign.urlDomain,
    campaign.reporter,
    "Active alerts",
    "Pending actions",
    "admin@e2e.test",
  ];
  const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: {} });
  const shownSignedIn = new Set<string>();

  expect(pageRoutes).toContain("/");
  for (const route of pageRoutes) {
    const dynamic = route.includes("[");
    expect(!dynamic || params[route], `${route}: give this test a real value for its parameters`).toBeTruthy();
    const url = dynamic ? params[route] && route.replace(/\[[^\]]+\]/, params[route]) : route;

    // The same navigation signed in shows data, so the check below would see a leak.
    const signedIn = await navigate(page.request, url);
    expect(signedIn.status, `${url} signed in`).toBe(200);
    for (const secret of secrets) if (signedIn.body.includes(secret)) shownSignedIn.add(secret);

    const answer = await navigate(anonymous, url);
    expect(answer.status, url).toBeLessThan(500);
    const isRedirectToLogin =
      (answer.status >= 300 && answer.status < 400 && answer.location.startsWith("/login")) ||
      /NEXT_REDIRECT;\w+;\/login;/.test(answer.body);
    expect(isRedirectToLogin || answer.status === 401, `${url} sends a stranger to sign in`).toBe(true);
    for (const secret of secrets) expect(answer.body, `${url} leaks "${secret}"`).not.toContain(secret);
  }
  // The secrets were on the pages for a signed-in user: Home's counts, the phish on its pages, the user's name.
  expect([...shownSignedIn].sort()).toEqual([...secrets].sort());
  await anonymous.dispose();
});
