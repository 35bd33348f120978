import { createHash, randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { signIn } from "../support/session";

// Two users report two messages of one campaign (other senders, the same Reply-To and link host): Threat Explorer ›
// Campaigns lists them as one, and the submission page shows the reported message's facts and its campaign.

async function report(
  request: APIRequestContext,
  reporter: string,
  message: ConstructorParameters<typeof MailComposer>[0],
): Promise<{ submissionId: string; investigationId: number }> {
  const eml = await new MailComposer(message).compile().build();
  const response = await request.post(`/api/v1/submissions?reporter=${encodeURIComponent(reporter)}`, {
    data: eml,
    headers: { "Content-Type": "message/rfc822" },
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

test("the Campaigns view lists two reports of one campaign, and the submission page shows the message's facts and its campaign", async ({
  page,
}) => {
  await signIn(page);
  const tag = randomUUID().slice(0, 8);
  const replyTo = `payroll-desk-${tag}@mailbox-${tag}.example`;
  const host = `secure-docs-${tag}.example`;
  const file = Buffer.from(`statement ${tag}`);
  const first = await report(page.request, "alice@contoso.test", {
    from: { name: "HR Department", address: `hr@northwind-${tag}.example` },
    replyTo,
    to: "alice@contoso.test",
    subject: `Salary review ${tag}`,
    html: `<p>Please confirm your salary details today.</p><p><a href="https://${host}/review">View your salary letter</a></p>`,
    attachments: [{ filename: "statement.pdf", content: file, contentType: "application/pdf" }],
    headers: {
      "Authentication-Results": `mx.contoso.test; spf=fail smtp.mailfrom=northwind-${tag}.example; dkim=none; dmarc=fail header.from=northwind-${tag}.example`,
    },
  });
  await report(page.request, "bob@contoso.test", {
    from: { name: "Finance", address: `finance@fabrikam-${tag}.example` },
    replyTo,
    to: "bob@contoso.test",
    subject: `Bonus statement ${tag}`,
    html: `<p>Your bonus statement is waiting for your signature.</p><p><a href="https://${host}/bonus">Sign the statement</a></p>`,
  });

  await page.goto(`/explorer/campaigns?q=${tag}`);
  await expect(page.getByRole("link", { name: "Campaigns" })).toHaveAttribute("aria-current", "page");
  const row = page.getByRole("row").filter({ hasText: `Salary review ${tag}` });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name: /^2 reports of campaign/ })).toBeVisible();
  await expect(row).toContainText(host);
  await expect(row).toContainText("+1 more sender");
  await expect(row.getByRole("link", { name: `Investigation ${first.investigationId}` })).toBeVisible();
  await page.screenshot({ path: "test-results/campaigns-view.png", fullPage: true });

  // From the Submissions list to the second report's page.
  await row.getByRole("link", { name: /^2 reports of campaign/ }).click();
  await expect(page).toHaveURL(/\/submissions\?campaign=\d+/);
  await page.getByRole("link", { name: `Bonus statement ${tag}` }).click();
  await expect(page.getByRole("heading", { name: `Bonus statement ${tag}` })).toBeVisible();
  await expect(page.getByText(replyTo).first()).toBeVisible();
  const links = page.getByRole("table", { name: "Links" });
  await expect(links).toContainText("Sign the statement");
  await expect(links).toContainText(`https://${host}/bonus`);
  const others = page.getByRole("table", { name: "Other users reported similar messages" });
  await expect(others).toContainText("alice@contoso.test");
  await expect(others).toContainText(`Salary review ${tag}`);
  await expect(others).toContainText(`Reply-To ${replyTo}, link host ${host}`);
  await page.screenshot({ path: "test-results/submission-page.png", fullPage: true });

  // The first report's page: authentication, the attachment with its type and hash, and the headers that matter.
  await others.getByRole("link", { name: `Salary review ${tag}` }).click();
  await expect(page.getByRole("heading", { name: `Salary review ${tag}` })).toBeVisible();
  const attachments = page.getByRole("table", { name: "Attachments" });
  await expect(attachments).toContainText("statement.pdf");
  await expect(attachments).toContainText("application/pdf");
  await expect(attachments).toContainText(createHash("sha256").update(file).digest("hex"));
  await expect(page.getByRole("table", { name: "Headers" })).toContainText("reply-to");
  await expect(page.getByText("DMARC", { exact: true })).toBeVisible();
});
