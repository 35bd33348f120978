import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// The detection engine seen from the console: a credential lure and a newsletter reported by the same user are told
// apart, and the reasons are on the Submissions page and in the investigation.

const REPORTER = "alice@contoso.test";

async function report(
  request: APIRequestContext,
  message: ConstructorParameters<typeof MailComposer>[0],
): Promise<number> {
  const eml = await new MailComposer(message).compile().build();
  const response = await request.post(`/api/v1/submissions?reporter=${encodeURIComponent(REPORTER)}`, {
    data: eml,
    headers: { "Content-Type": "message/rfc822" },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { investigationId: number }).investigationId;
}

test("a reported HTML-only account-verification lure from a look-alike domain with failed DMARC ends Pending action as Malicious, with its reasons; a reported newsletter ends No threats found", async ({
  page,
}) => {
  await signIn(page);
  const tag = randomUUID().slice(0, 8);
  const lureSubject = `Action required: verify your account ${tag}`;
  const lureUrl = `https://paypa1-account-${tag}.com/verify`;
  const lure = await report(page.request, {
    from: { name: "PayPal Security", address: `security@paypa1-account-${tag}.com` },
    to: REPORTER,
    subject: lureSubject,
    messageId: `<${tag}@paypa1-account-${tag}.com>`,
    html: `<p>We noticed unusual activity. Your account has been limited.</p><p>Please <a href="${lureUrl}">verify your account</a> within 24 hours to restore access.</p>`,
    headers: {
      "Authentication-Results": `mx.contoso.test; spf=fail smtp.mailfrom=paypa1-account-${tag}.com; dkim=none; dmarc=fail (p=reject) header.from=paypa1-account-${tag}.com`,
    },
  });
  const newsletterSubject = `Fabrikam product news, March edition ${tag}`;
  const newsletter = await report(page.request, {
    from: { name: "Fabrikam News", address: "news@mail.fabrikam-news.example" },
    to: REPORTER,
    subject: newsletterSubject,
    messageId: `<news-${tag}@mail.fabrikam-news.example>`,
    html: `<h1>What's new at Fabrikam</h1><p>Three new features shipped this month: faster search, shared boards and dark mode.</p><p><a href="https://www.fabrikam-news.example/blog/march">Read the post</a></p><p><a href="https://mail.fabrikam-news.example/unsubscribe?u=${tag}">Unsubscribe</a></p>`,
    text: "What's new at Fabrikam. Three new features shipped this month: faster search, shared boards and dark mode. Read the post: https://www.fabrikam-news.example/blog/march",
    headers: {
      "Authentication-Results":
        "mx.contoso.test; spf=pass smtp.mailfrom=mail.fabrikam-news.example; dkim=pass header.d=fabrikam-news.example; dmarc=pass header.from=mail.fabrikam-news.example",
      "List-Unsubscribe": `<https://mail.fabrikam-news.example/unsubscribe?u=${tag}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      Precedence: "bulk",
    },
  });

  expect(await settledStatus(page.request, lure)).toBe("PendingAction");
  expect(await settledStatus(page.request, newsletter)).toBe("NoThreatsFound");

  await page.goto(`/submissions?q=${tag}`);
  const lureRow = page.getByRole("row").filter({ hasText: lureSubject });
  await expect(lureRow).toContainText("Malicious");
  await expect(lureRow).toContainText("Phish");
  await expect(lureRow).toContainText(/High confidence · \d+ more signals/);
  await expect(lureRow).toContainText('The display name "PayPal Security" names PayPal');
  // Every signal, with its weight, is in the cell's title.
  await expect(lureRow.locator("[title*='auth.dmarc_fail']")).toHaveAttribute(
    "title",
    new RegExp(`\\+4 auth\\.dmarc_fail: DMARC fail for paypa1-account-${tag}\\.com`),
  );
  const newsRow = page.getByRole("row").filter({ hasText: newsletterSubject });
  await expect(newsRow).toContainText("Clean");
  await expect(newsRow).toContainText("Bulk mail, complaint level");

  await lureRow.getByRole("link", { name: `Investigation ${lure}` }).click();
  await expect(page.getByText("Pending action", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/Verdict: Malicious \(Phish\)/).first()).toBeVisible();
  await expect(page.getByText(/names PayPal, but the sender/).first()).toBeVisible();
  await page.screenshot({ path: "test-results/verdicts-investigation.png", fullPage: true });

  // The analyst confirms it as Phish; the engine learns the campaign, and an admin sees and forgets what it learnt.
  await page.goto(`/submissions?q=${tag}`);
  await page.getByRole("button", { name: `Actions for the message from security@paypa1-account-${tag}.com` }).click();
  await page.getByRole("menuitem", { name: "Set assessment…" }).click();
  const dialog = page.getByRole("dialog", { name: "Set assessment" });
  await dialog.getByLabel("Assessment").selectOption("Phish");
  await dialog.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByText(`Assessed the message from security@paypa1-account-${tag}.com as Phish.`)).toBeVisible();
  await page.screenshot({ path: "test-results/verdicts-submissions.png", fullPage: true });

  await page.goto(`/settings/detection?q=${tag}`);
  const learnt = page.getByRole("table", { name: "Learnt verdicts" });
  const senderRow = learnt.getByRole("row").filter({ hasText: `security@paypa1-account-${tag}.com` });
  await expect(senderRow).toContainText("Phish");
  await expect(senderRow).toContainText("Administrator");
  await expect(
    learnt
      .getByRole("row")
      .filter({ hasText: `paypa1-account-${tag}.com` })
      .filter({ hasText: "Link host" }),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/verdicts-detection-settings.png", fullPage: true });
  await senderRow.getByRole("button", { name: `Forget Sender security@paypa1-account-${tag}.com` }).click();
  await expect(page.getByText(`Forgot security@paypa1-account-${tag}.com`)).toBeVisible();
  await expect(senderRow).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/verdicts-detection-settings-390.png", fullPage: true });
});
