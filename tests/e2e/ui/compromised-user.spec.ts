import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { compromiseUser, outboundMessage, sendMail } from "../support/compromise";
import { signIn } from "../support/session";

// The two flows of a compromised mailbox, as an analyst works them: from the alert to the restricted user and back
// to sending; and from the investigation's pending remedy to its approval in the Action center.

const ADMIN_NAME = "Administrator";

/** The outcome notice a list shows after a change (loading skeletons are status regions too). */
const notice = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return response.json() as Promise<T>;
}

test("an analyst follows the restriction alert to the user, releases them, and their next message is delivered", async ({
  page,
}) => {
  await signIn(page);
  const { victim, colleagues } = await compromiseUser(page.request);

  await page.goto("/alerts");
  await page.getByRole("button", { name: "Policy" }).click();
  await page.getByRole("menuitemcheckbox", { name: "User restricted from sending email" }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/policy=user-restricted-from-sending/);
  await page.getByRole("searchbox", { name: "Search user" }).fill(victim);
  await expect(page).toHaveURL(/user=/);
  await page.getByRole("link", { name: `User restricted from sending email: ${victim}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`User restricted from sending email: ${victim}`);

  await page.getByRole("link", { name: "View restricted user details" }).click();
  await expect(page.getByRole("heading", { name: "Restricted users" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: victim });
  await expect(row.getByText("Restricted", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Release ${victim}` }).click();
  const dialog = page.getByRole("dialog", { name: `Release ${victim}?` });
  await expect(dialog).toContainText("They can send email again immediately.");
  await dialog.getByLabel("Reason (optional)").fill("Password reset and the forwarding rule removed");
  await dialog.getByRole("button", { name: "Release" }).click();
  await expect(notice(page, "Released")).toHaveText(`Released ${victim}: they can send email again.`);
  await expect(row.getByText("Released", { exact: true })).toBeVisible();
  await expect(row).toContainText(`by ${ADMIN_NAME}`);
  await expect(row.getByRole("button", { name: `Release ${victim}` })).toHaveCount(0);

  // A second release (another analyst, a stale page) is told who did it, not shown an error.
  const { items } = await json<{ items: { id: number }[] }>(
    page.request,
    `/api/v1/restricted-users?state=all&user=${encodeURIComponent(victim)}`,
  );
  const again = await page.request.post(`/api/v1/restricted-users/${items[0].id}/release`, { data: {} });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.message).toBe(`${victim} was already released by ${ADMIN_NAME}`);

  // Her next message goes out: delivered, not blocked.
  expect(await json(page.request, `/api/v1/senders/${encodeURIComponent(victim)}/status`)).toMatchObject({
    restricted: false,
  });
  const message = outboundMessage(victim, [colleagues[0]], Date.now(), "Back to normal");
  await sendMail(page.request, message.rows);
  const sent = await json<{ items: { networkMessageId: string; deliveryAction: string }[] }>(
    page.request,
    `/api/v1/explorer/email?sender=${encodeURIComponent(victim)}&range=24h&subject=${encodeURIComponent("Back to normal")}`,
  );
  expect(sent.items.map((item) => [item.networkMessageId, item.deliveryAction])).toEqual([
    [message.networkMessageId, "Delivered"],
  ]);

  await page.goto("/settings");
  await page.getByRole("link", { name: /Audit log/ }).click();
  await page.getByRole("searchbox", { name: "Action, e.g. user." }).fill("restrictedUser.release");
  // Names, not ids: who did it, what they did in words, and the user it was done to.
  const entry = page.getByRole("row").filter({ hasText: `Restricted user ${victim}` });
  await expect(entry).toContainText(ADMIN_NAME);
  await expect(entry).toContainText("Restricted user release");
  await expect(entry).toContainText("Reason: Password reset and the forwarding rule removed");
});

test("an analyst approves the pending Remove forwarding rule action and finds it on History", async ({ page }) => {
  await signIn(page);
  const { victim, forwardTo } = await compromiseUser(page.request);

  // The in-process worker runs the compromised-user playbook; it stops at "Pending action".
  type TRun = { id: number; status: string };
  let run: TRun | undefined;
  await expect
    .poll(
      async () => {
        [run] = (
          await json<{ items: TRun[] }>(page.request, `/api/v1/investigations?user=${encodeURIComponent(victim)}`)
        ).items;
        return run?.status;
      },
      { timeout: 90_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe("PendingAction");
  const investigationId = run!.id;

  await page.goto(`/investigations/${investigationId}?tab=pending`);
  await expect(page.getByRole("table", { name: "Pending actions" })).toContainText("Remove forwarding rule");
  // Why automation left it, and the countdown to the expiry with the exact time in the tooltip, on the run and the row.
  const runRow = page
    .getByRole("table", { name: "Pending actions" })
    .getByRole("row")
    .filter({ hasText: "Remove forwarding rule" });
  await expect(runRow).toContainText("Identity actions always wait for approval");
  await expect(runRow.locator("time").filter({ hasText: /^in \d+ days$/ })).toHaveAttribute("title", /\d/);
  await page.getByRole("link", { name: "Decide in the Action center" }).click();
  await expect(page).toHaveURL(new RegExp(`/action-center\\?investigation=${investigationId}`));

  const pending = page.getByRole("table", { name: "Pending actions" });
  const ruleRow = pending.getByRole("row").filter({ hasText: "Remove forwarding rule" }).filter({ hasText: victim });
  await expect(ruleRow).toContainText("Identity actions always wait for approval");
  await expect(pending.getByRole("columnheader", { name: /Expires/ })).toBeVisible();
  await expect(ruleRow.locator("time").filter({ hasText: /^in \d+ days$/ })).toHaveAttribute("title", /\d/);
  await ruleRow.getByRole("button", { name: /^Decide Remove forwarding rule/ }).click();
  await page.getByRole("menuitem", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this action?" });
  await expect(dialog).toContainText(`Remove forwarding rule: ${victim}: .`);
  await dialog.getByLabel("Comment (optional)").fill("Hidden rule forwarding outside; the user did not create it");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(notice(page, "approved")).toHaveText("1 approved");
  await expect(ruleRow).toHaveCount(0);

  // Several at once from the selection bar: the analyst keeps the account enabled.
  const disableRow = pending.getByRole("row").filter({ hasText: "Disable account" });
  await disableRow.getByRole("checkbox", { name: "Select row" }).check();
  const selection = page.getByRole("region", { name: "Selection actions" });
  await expect(selection).toContainText("1 selected");
  await selection.getByRole("button", { name: "Reject" }).click();
  await page.getByRole("dialog", { name: "Reject this action?" }).getByRole("button", { name: "Reject" }).click();
  await expect(notice(page, "rejected")).toHaveText("1 rejected");
  await expect(disableRow).toHaveCount(0);

  await page.getByRole("link", { name: "History" }).click();
  const history = page.getByRole("table", { name: "Action history" });
  const decided = history.getByRole("row").filter({ hasText: "Remove forwarding rule" }).filter({ hasText: victim });
  await expect(decided).toContainText("Completed");
  await expect(decided).toContainText("1 succeeded");
  await expect(decided).toContainText(ADMIN_NAME);
  await expect(decided).toContainText("Hidden rule forwarding outside; the user did not create it");
  await expect(history.getByRole("row").filter({ hasText: "Disable account" })).toContainText("Rejected");

  // The rule is gone from the mailbox, as the investigation's Mailboxes tab shows it now.
  await page.goto(`/investigations/${investigationId}?tab=mailboxes`);
  await expect(page.getByText("Current configuration of the mailbox", { exact: false })).toBeVisible();
  await expect(page.getByText(`forwards to ${forwardTo}`)).toHaveCount(0);
  type TMailbox = { inboxRules: { forwardTo: string | null }[] };
  expect(
    (await json<TMailbox>(page.request, `/api/v1/mailboxes/${encodeURIComponent(victim)}`)).inboxRules.map(
      (rule) => rule.forwardTo,
    ),
  ).not.toContain(forwardTo);

  // The action completed on the mailbox, and the investigation's log says who approved it.
  type TDetails = {
    actions: { type: string; status: string; decidedByName: string | null }[];
    log: { message: string }[];
  };
  const details = await json<TDetails>(page.request, `/api/v1/investigations/${investigationId}`);
  expect(details.actions.find((action) => action.type === "removeForwardingRule")).toMatchObject({
    status: "Completed",
    decidedByName: ADMIN_NAME,
  });
  expect(details.log.map((entry) => entry.message)).toContain(
    `Remove forwarding rule approved by ${ADMIN_NAME}: completed (“Hidden rule forwarding outside; the user did not create it”)`,
  );

  await page.goto(`/investigations/${investigationId}?tab=history`);
  const handled = page
    .getByRole("table", { name: "Pending action history" })
    .getByRole("row")
    .filter({ hasText: "Remove forwarding rule" });
  await expect(handled).toContainText("Completed");
  await expect(handled).toContainText(ADMIN_NAME);
});
