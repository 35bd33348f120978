import { expect, test, type Page } from "@playwright/test";
import { compromiseUser } from "../support/compromise";
import { createUser, signIn } from "../support/session";

// Issue 16: an analyst works an alert as in Defender — takes it, classifies it, resolves it — and the list, the audit
// log and the SIEM feed say so; More options leads on to the restricted user.

type TFeedRecord = {
  Id: string;
  Operation: string;
  Status: string;
  AssignedTo: string | null;
  Classification: string | null;
  Determination: string | null;
  UserId: string;
};

async function openRestrictionAlert(page: Page, victim: string): Promise<number> {
  await page.goto(`/alerts?policy=user-restricted-from-sending&user=${encodeURIComponent(victim)}`);
  await page.getByRole("link", { name: `User restricted from sending email: ${victim}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`User restricted from sending email: ${victim}`);
  return Number(page.url().split("/alerts/")[1]);
}

async function manage(page: Page, fields: Record<string, string>, comment?: string) {
  await page.getByRole("button", { name: "Manage alert" }).click();
  const panel = page.getByRole("dialog", { name: "Manage alert" });
  for (const [label, option] of Object.entries(fields))
    await panel.getByLabel(label, { exact: true }).selectOption({ label: option });
  if (comment) await panel.getByLabel("Comment").fill(comment);
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel).toBeHidden();
}

test("an analyst assigns an alert to themself, classifies it True positive and resolves it; the list, the audit log and the feed show it", async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page);
  const { victim } = await compromiseUser(page.request);
  const analyst = await createUser(page.request, "operator");
  const startTime = new Date(Date.now() - 60_000).toISOString();

  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const analystPage = await context.newPage();
  await signIn(analystPage, analyst);
  const alertId = await openRestrictionAlert(analystPage, victim);
  // The Alert details card's list comes first on the page.
  const details = analystPage.locator("dl").first();

  await manage(analystPage, { Status: "In progress", "Assigned to": `Me (${analyst.name})` });
  await expect(details).toContainText(`${analyst.name} (${analyst.email})`);
  await expect(details).toContainText("In progress");

  await manage(
    analystPage,
    { Status: "Resolved", Classification: "True positive", Determination: "Compromised account" },
    "Forwarding rule removed, password reset",
  );
  await expect(details).toContainText("True positive: Compromised account");
  await expect(details).toContainText("Resolved");
  const history = analystPage.getByRole("list", { name: "Comments and history" });
  await expect(history.getByRole("listitem").first()).toContainText("Classification: Not set → True positive");
  await expect(history.getByRole("listitem").first()).toContainText("Forwarding rule removed, password reset");
  await expect(history).toContainText(`Assigned to: Unassigned → ${analyst.name}`);

  // The list: the analyst's resolved alerts hold this one, with its status and assignee.
  await analystPage.goto(`/alerts?assignee=me&status=Resolved&user=${encodeURIComponent(victim)}`);
  const row = analystPage.getByRole("row").filter({ hasText: `User restricted from sending email: ${victim}` });
  await expect(row).toContainText("Resolved");
  await expect(row).toContainText(analyst.name);
  await analystPage.goto(`/alerts?assignee=unassigned&status=Resolved&user=${encodeURIComponent(victim)}`);
  await expect(
    analystPage.getByRole("row").filter({ hasText: `User restricted from sending email: ${victim}` }),
  ).toHaveCount(0);

  // The audit log: both changes, by the analyst.
  await analystPage.goto(`/settings/audit?targetType=alert&targetId=${alertId}`);
  const audit = analystPage.getByRole("row").filter({ hasText: analyst.name });
  await expect(audit).toHaveCount(2);
  await expect(audit.first()).toContainText("Resolved");

  // The SIEM feed: one AlertUpdated record per change, the last one resolved, assigned and classified.
  const endTime = new Date(Date.now() + 60_000).toISOString();
  const feed = await analystPage.request.get(
    `/api/v1/activity/feed?contentType=Alert&startTime=${startTime}&endTime=${endTime}`,
  );
  expect(feed.status()).toBe(200);
  const records = ((await feed.json()).items as TFeedRecord[]).filter((record) =>
    record.Id.startsWith(`alert:${alertId}:update:`),
  );
  expect(records.map((record) => record.Status)).toEqual(["Investigating", "Resolved"]);
  expect(records[1]).toMatchObject({
    Operation: "AlertUpdated",
    AssignedTo: analyst.email,
    Classification: "TruePositive",
    Determination: "CompromisedAccount",
    UserId: analyst.name,
  });
  await context.close();
});

test("More options › View restricted user details leads to the user; a reader gets no Manage alert and no Release user", async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page);
  const { victim } = await compromiseUser(page.request);
  const alertId = await openRestrictionAlert(page, victim);
  const alert = await (await page.request.get(`/api/v1/alerts/${alertId}`)).json();

  await page.getByRole("button", { name: "More options" }).click();
  await expect(page.getByRole("menuitem", { name: "Release user" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Open investigation" })).toHaveCount(alert.investigation ? 1 : 0);
  await expect(page.getByRole("menuitem", { name: "Copy link" })).toBeVisible();
  await page.getByRole("menuitem", { name: "View restricted user details" }).click();
  await expect(page.getByRole("heading", { name: "Restricted users" })).toBeVisible();
  await expect(page).toHaveURL(/state=all/);
  await expect(
    page.getByRole("row").filter({ hasText: victim }).getByText("Restricted", { exact: true }),
  ).toBeVisible();

  const reader = await createUser(page.request, "reader");
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const readerPage = await context.newPage();
  await signIn(readerPage, reader);
  await openRestrictionAlert(readerPage, victim);
  await expect(readerPage.getByRole("button", { name: "Manage alert" })).toHaveCount(0);
  await readerPage.getByRole("button", { name: "More options" }).click();
  await expect(readerPage.getByRole("menuitem", { name: "View restricted user details" })).toBeVisible();
  await expect(readerPage.getByRole("menuitem", { name: "Release user" })).toHaveCount(0);
  await context.close();
});

test("an operator resolves many alerts at once from the list", async ({ page }) => {
  await signIn(page);
  const { victim } = await compromiseUser(page.request);
  await page.goto(`/alerts?user=${encodeURIComponent(victim)}`);
  const rows = page.getByRole("row").filter({ hasText: victim });
  await expect(rows).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("button", { name: "Manage alerts" }).click();
  const dialog = page.getByRole("dialog", { name: "Manage 2 alerts" });
  await dialog.getByLabel("Status").selectOption({ label: "Resolved" });
  await dialog.getByLabel("Classification").selectOption({ label: "True positive" });
  await dialog.getByLabel("Determination").selectOption({ label: "Compromised account" });
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "updated" })).toHaveText("2 alerts updated.");
  for (const row of await rows.all()) await expect(row).toContainText("Resolved");
  await page.goto(`/alerts?user=${encodeURIComponent(victim)}&classification=TruePositive&status=Resolved`);
  await expect(rows).toHaveCount(2);
});

test("More options › Release user releases the restricted user from the alert, and then is gone from the menu", async ({
  page,
}) => {
  await signIn(page);
  const { victim } = await compromiseUser(page.request);
  await openRestrictionAlert(page, victim);
  await page.getByRole("button", { name: "More options" }).click();
  await page.getByRole("menuitem", { name: "Release user" }).click();
  const dialog = page.getByRole("dialog", { name: `Release ${victim}?` });
  await dialog.getByLabel("Reason (optional)").fill("Password reset from the alert");
  await dialog.getByRole("button", { name: "Release" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Released" })).toHaveText(
    `Released ${victim}: they can send email again.`,
  );
  await expect(page.getByText("Restricted from sending", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "More options" }).click();
  await expect(page.getByRole("menuitem", { name: "View restricted user details" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Release user" })).toHaveCount(0);
});
