import { expect, test, type Page } from "@playwright/test";
import { compromiseUser } from "../support/compromise";
import { sendPhishCampaign, settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// The Investigation graph as an analyst reads it, for a compromised user and for a reported phish: every node opens
// what it stands for; then Stop investigation ends a run that waits on its actions.

/** Everything the browser reports as a CSP violation or an uncaught error while the test runs. */
function watchForViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    // The console has no favicon: the browser's own request for one is not the page's doing.
    if (message.location().url.endsWith("/favicon.ico")) return;
    if (message.type() === "error" || /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

async function compromisedRun(page: Page): Promise<{ victim: string; investigationId: number }> {
  const { victim } = await compromiseUser(page.request);
  const response = await page.request.get(
    `/api/v1/investigations?playbook=CompromisedUser&user=${encodeURIComponent(victim)}`,
  );
  const { items } = (await response.json()) as { items: { id: number }[] };
  expect(items).toHaveLength(1);
  expect(await settledStatus(page.request, items[0].id)).toBe("PendingAction");
  return { victim, investigationId: items[0].id };
}

const graphOf = (page: Page) => page.getByRole("figure", { name: "Investigation graph" });

test("the graph of a compromised user leads from its alerts to the user, what was found on the account and the remedies; the mailbox node opens the user", async ({
  page,
}) => {
  const problems = watchForViolations(page);
  await signIn(page);
  const { victim, investigationId } = await compromisedRun(page);

  await page.goto(`/investigations/${investigationId}`);
  await page.getByRole("link", { name: "Investigation graph" }).click();
  await expect(page).toHaveURL(/tab=graph/);
  const graph = graphOf(page);
  await expect(
    graph.getByRole("link", { name: `Email sending limit exceeded: ${victim} (Medium alert)` }),
  ).toBeVisible();
  await expect(
    graph.getByRole("link", { name: `User restricted from sending email: ${victim} (High alert)` }),
  ).toBeVisible();
  await expect(graph.getByRole("link", { name: new RegExp(`^Compromised user: ${victim}`) })).toBeVisible();
  await expect(graph.getByRole("link", { name: /^Disable account \(Pending\)/ })).toBeVisible();
  await expect(
    graph.getByRole("link", {
      name: new RegExp(`^Sent by ${victim.replace(/[.]/g, "\\.")} since .* \\(Email cluster · \\d+ messages\\)`),
    }),
  ).toBeVisible();
  await expect(graph.getByRole("link", { name: /^Release user \(Pending\)/ })).toBeVisible();
  // Edges are drawn between them.
  expect(await graph.locator(".react-flow__edge").count()).toBeGreaterThan(5);

  const mailbox = graph.getByRole("link", {
    name: new RegExp(`^${victim.replace(/[.]/g, "\\.")} \\(Investigated user · restricted\\)`),
  });
  await mailbox.click();
  await expect(page).toHaveURL(`/mailboxes/${encodeURIComponent(victim)}`);
  await expect(page.getByText(victim).first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Restricted from sending email" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Compromised user: ${victim}` })).toBeVisible();

  expect(problems, problems.join("\n")).toEqual([]);
});

test("the graph of a reported phish shows the email with its URL and sender, and the Similar URLs cluster opens its flyout", async ({
  page,
}) => {
  const problems = watchForViolations(page);
  await signIn(page);
  await page.request.put("/api/v1/settings/automation", {
    data: { similarFiles: false, similarUrls: false, action: "softDelete" },
  });
  const campaign = await sendPhishCampaign(page.request, { recipients: 12 });
  expect(await settledStatus(page.request, campaign.investigationId)).toBe("PendingAction");

  await page.goto(`/investigations/${campaign.investigationId}?tab=graph`);
  const graph = graphOf(page);
  await expect(
    graph.getByRole("link", { name: new RegExp(`^${campaign.url.replace(/[.?/]/g, "\\$&")} \\(URL\\), Malicious`) }),
  ).toBeVisible();
  await expect(
    graph.getByRole("link", { name: new RegExp(`^${campaign.reporter.replace(/[.]/g, "\\.")} \\(Reporter`) }),
  ).toBeVisible();
  await graph
    .getByRole("link", { name: new RegExp(`Messages with the URL ${campaign.url.replace(/[.?/]/g, "\\$&")}`) })
    .click();
  await expect(page.getByRole("dialog", { name: `Messages with the URL ${campaign.url}` })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: /^Entities/ }).click();
  const entities = page.getByRole("table", { name: "Entities" });
  await expect(
    entities.getByRole("row", { name: new RegExp(`^${campaign.url.replace(/[.?/]/g, "\\$&")} URL Malicious`) }),
  ).toBeVisible();
  expect(problems, problems.join("\n")).toEqual([]);
});

test("Stop investigation ends a run that waits on its actions as Terminated by user, saying who and why", async ({
  page,
}) => {
  await signIn(page);
  const { investigationId } = await compromisedRun(page);
  await page.goto(`/investigations/${investigationId}`);
  await page.getByRole("button", { name: "Stop investigation" }).click();
  const dialog = page.getByRole("dialog", { name: `Stop investigation ${investigationId}?` });
  await expect(dialog).toContainText("pending actions stay in the Action center");
  await expect(dialog.getByRole("button", { name: "Stop investigation" })).toBeDisabled();
  await dialog.getByLabel("Reason").fill("Confirmed with the user: a mailing she sent on purpose");
  await dialog.getByRole("button", { name: "Stop investigation" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("Terminated by user", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Stopped by" })).toContainText(
    "Confirmed with the user: a mailing she sent on purpose",
  );
  await expect(page.getByRole("button", { name: "Stop investigation" })).toHaveCount(0);

  await page.getByRole("link", { name: /^Log/ }).click();
  await expect(page.getByRole("table", { name: "Log" })).toContainText("Stopped by");
  const again = await page.request.post(`/api/v1/investigations/${investigationId}/stop`, {
    data: { reason: "twice" },
  });
  expect(again.status()).toBe(409);
});
