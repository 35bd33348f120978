import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { signIn } from "../support/session";

// Three messages with the mail system's own verdicts (kept as sent): malware, phish and clean internal mail, fresh
// names each run; the phish copy's recipient reports it.
async function sendThreeKinds(request: APIRequestContext) {
  const tag = randomUUID().slice(0, 8);
  const recipient = `views.${tag}@contoso.test`;
  const identity = await request.post("/api/v1/ingest/identity-events", {
    data: [{ type: "mailbox", address: recipient, displayName: `Views ${tag}`, department: "Sales", country: "US" }],
  });
  expect(identity.status(), await identity.text()).toBe(200);
  const message = (kind: string, threatTypes: string[], emailDirection: string) => {
    const networkMessageId = randomUUID();
    return {
      timestamp: new Date(Date.now() - 10 * 60_000).toISOString(),
      networkMessageId,
      internetMessageId: `<${networkMessageId}@sender.test>`,
      senderFromAddress: emailDirection === "Inbound" ? `billing@vendor-${tag}.test` : `colleague.${tag}@contoso.test`,
      senderMailFromAddress:
        emailDirection === "Inbound" ? `billing@vendor-${tag}.test` : `colleague.${tag}@contoso.test`,
      senderDisplayName: "Sender",
      senderIPv4: "192.0.2.90",
      recipientEmailAddress: recipient,
      subject: `${kind} ${tag}`,
      emailDirection,
      deliveryAction: "Delivered",
      deliveryLocation: "Inbox/folder",
      threatTypes,
      // Defender's own casing, as a Defender export ships it.
      authenticationDetails: { SPF: "pass", DKIM: "pass", DMARC: "pass", CompAuth: "pass" },
      emailSize: 12_000,
    };
  };
  const [malware, phish, clean] = [
    message("Invoice malware", ["Malware"], "Inbound"),
    message("Password phish", ["Phish"], "Inbound"),
    message("Lunch plans", [], "Intra-org"),
  ];
  const mail = await request.post("/api/v1/ingest/email-events", { data: [malware, phish, clean] });
  expect(mail.status(), await mail.text()).toBe(200);
  const report = await request.post("/api/v1/submissions", {
    data: { networkMessageId: phish.networkMessageId, reporter: recipient },
  });
  expect(report.status(), await report.text()).toBe(201);
  return { tag, malware, phish, clean };
}

test("Explorer's views narrow the search, the Additional action control filters, and a message's page takes action and triggers an investigation", async ({
  page,
}) => {
  await signIn(page);
  const sent = await sendThreeKinds(page.request);
  const table = page.getByRole("table", { name: "Email" });
  const rows = table.getByRole("row").filter({ hasText: sent.tag });
  const views = page.getByRole("navigation", { name: "Views" });

  await page.goto(`/explorer?range=24h&subject=${sent.tag}`);
  await expect(views.getByRole("link", { name: "All email" })).toHaveAttribute("aria-current", "page");
  await expect(rows).toHaveCount(3);

  // Each view keeps the search and narrows it.
  await views.getByRole("link", { name: "Malware" }).click();
  await expect(page).toHaveURL(/view=malware/);
  await expect(page).toHaveURL(new RegExp(`subject=${sent.tag}`));
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(sent.malware.subject);
  await views.getByRole("link", { name: "Phish" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(sent.phish.subject);
  await views.getByRole("link", { name: "Submissions" }).click();
  await expect(views.getByRole("link", { name: "Submissions" })).toHaveAttribute("aria-current", "page");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(sent.phish.subject);

  // Take action from the message's own page: a soft delete, filed on History as Manual.
  await page.goto(`/explorer/email/${sent.phish.networkMessageId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sent.phish.subject);
  await page.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("menuitem", { name: "Soft delete email" }).click();
  const softDelete = page.getByRole("dialog", { name: "Soft delete email?" });
  await expect(softDelete).toContainText("this message (its one copy)");
  await softDelete.getByRole("button", { name: "Soft delete email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 messages done" })).toBeVisible();
  await expect(page.getByRole("link", { name: "See it on History" })).toBeVisible();

  // And Trigger investigation from the same page.
  await page.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("menuitem", { name: "Trigger investigation" }).click();
  const investigate = page.getByRole("dialog", { name: "Trigger investigation?" });
  await investigate.getByRole("button", { name: "Trigger investigation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "started on 1 messages" })).toBeVisible();
  await page.getByRole("link", { name: "Open the investigation" }).click();
  await expect(page).toHaveURL(/\/investigations\/\d+$/);

  // The Additional action control finds the copy an analyst remediated, and nothing among automated remediations.
  await page.goto(`/explorer?range=24h&subject=${sent.tag}`);
  await expect(rows).toHaveCount(3);
  await page.getByRole("button", { name: "Additional action" }).click();
  await page.getByRole("menuitemradio", { name: "Manual remediation" }).click();
  await expect(page).toHaveURL(/additionalAction=approved/);
  await expect(rows).toHaveCount(1);
  // The column is off by default at laptop width: the chooser shows it.
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Choose the columns of Email" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Additional actions" }).click();
  await page.keyboard.press("Escape");
  await expect(rows).toContainText("Soft delete: approved");
  // Saved for this user: put it back, so that other specs see the default columns.
  await page.getByRole("button", { name: "Choose the columns of Email" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Additional actions" }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /Additional action/ }).click();
  await page.getByRole("menuitemradio", { name: "Automated remediation" }).click();
  await expect(page).toHaveURL(/additionalAction=Automated/);
  await expect(page.getByText("No messages match")).toBeVisible();
});
