import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { compromiseUser } from "../support/compromise";
import { E2E_MAIL_DOMAIN, countInFolder, e2eMailSystem, sendOverSmtp, type TE2eMailSystem } from "../support/mail";
import { settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// With the console wired to a real Postfix + Dovecot (started by tests/e2e/serve.ts): a restricted sender is refused
// at SMTP until an analyst releases them on the page; an analyst's approval pulls a phish from the real mailboxes.

async function useMailSystem(page: Page, mail: TE2eMailSystem, connector: "postfix-dovecot" | "builtin") {
  const response = await page.request.put("/api/v1/settings/mail-system", {
    data: {
      connector,
      policyHost: "127.0.0.1",
      policyPort: mail.policyPort,
      policyFailOpen: true,
      imapHost: "127.0.0.1",
      imapPort: mail.imapPort,
      imapSecure: false,
      masterUser: mail.masterUser,
      masterPassword: mail.masterPassword,
      doveadmUrl: null,
      doveadmApiKey: null,
      journalMailbox: null,
      maillogPath: null,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test.describe("on a real Postfix and Dovecot", () => {
  let mail: TE2eMailSystem;

  test.beforeEach(async ({ page }) => {
    mail = e2eMailSystem();
    await signIn(page);
    await useMailSystem(page, mail, "postfix-dovecot");
    const mailboxes = mail.mailboxes.map((address, index) => ({
      type: "mailbox",
      address,
      displayName: `Mailbox ${index}`,
      department: "Sales",
      country: "US",
    }));
    expect((await page.request.post("/api/v1/ingest/identity-events", { data: mailboxes })).status()).toBe(200);
  });

  test.afterEach(async ({ page }) => {
    await useMailSystem(page, mail, "builtin");
  });

  test("a restricted sender is refused with 550 5.1.8, released on the page, then accepted", async ({ page }) => {
    const { victim } = await compromiseUser(page.request);
    const message = { from: victim, to: mail.mailboxes[0], subject: "Still there?", text: "Hello" };
    await expect(sendOverSmtp(mail, message)).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining("5.1.8"),
    });

    await page.goto("/restricted-users");
    const row = page.getByRole("row").filter({ hasText: victim });
    await row.getByRole("button", { name: `Release ${victim}` }).click();
    await page
      .getByRole("dialog", { name: `Release ${victim}?` })
      .getByRole("button", { name: "Release" })
      .click();
    await expect(page.getByRole("status").filter({ hasText: "Released" })).toHaveText(
      `Released ${victim}: they can send email again.`,
    );

    // How fast a release reaches SMTP is measured by `npm run bench -- policyService`, not asserted here.
    await expect
      .poll(
        async () =>
          (
            await sendOverSmtp(mail, message).then(
              (sent) => sent.response,
              (refused: Error) => refused.message,
            )
          ).slice(0, 3),
        { timeout: 5_000, intervals: [100] },
      )
      .toBe("250");
  });

  test("an approved soft delete pulls the phish out of every real INBOX", async ({ page }) => {
    const tag = randomUUID().slice(0, 8);
    const subject = `Verify your mailbox ${tag}`;
    const url = `https://login.contoso-verify-${tag}.test/keep`;
    const sender = `helpdesk@c0ntoso-${tag}.test`;
    const copies = mail.mailboxes.map((recipient) => ({
      recipient,
      networkMessageId: randomUUID(),
      internetMessageId: `<${randomUUID()}@c0ntoso-${tag}.test>`,
    }));
    for (const copy of copies) {
      await sendOverSmtp(mail, {
        from: { name: "Contoso IT", address: sender },
        to: copy.recipient,
        subject,
        messageId: copy.internetMessageId,
        html: `<a href="${url}">https://mail.${E2E_MAIL_DOMAIN}</a>`,
        text: url,
      });
    }
    await expect
      .poll(async () => countInFolder(mail, copies.at(-1)!.recipient, "INBOX", subject), { timeout: 15_000 })
      .toBe(1);
    // The same copies as EmailEvents, as the log follower or an ingestion client records them.
    const rows = copies.map((copy) => ({
      timestamp: new Date().toISOString(),
      networkMessageId: copy.networkMessageId,
      internetMessageId: copy.internetMessageId,
      senderFromAddress: sender,
      senderMailFromAddress: sender,
      senderDisplayName: "Contoso IT",
      senderIPv4: "127.0.0.1",
      recipientEmailAddress: copy.recipient,
      subject,
      emailDirection: "Inbound",
      deliveryAction: "Delivered",
      deliveryLocation: "Inbox/folder",
      authenticationDetails: { spf: "none", dkim: "none", dmarc: "none", compAuth: "fail" },
      emailSize: 4_000,
      urls: [{ url }],
    }));
    expect((await page.request.post("/api/v1/ingest/email-events", { data: rows })).status()).toBe(200);
    const report = await page.request.post("/api/v1/submissions", {
      data: { networkMessageId: copies[0].networkMessageId, reporter: copies[0].recipient },
    });
    expect(report.status(), await report.text()).toBe(201);
    const { investigationId } = (await report.json()) as { investigationId: number };
    expect(await settledStatus(page.request, investigationId)).toBe("PendingAction");

    await page.goto(`/action-center?investigation=${investigationId}`);
    const row = page
      .getByRole("table", { name: "Pending actions" })
      .getByRole("row")
      .filter({ hasText: `Messages with the URL ${url}` });
    await row.getByRole("button", { name: /^Decide Soft delete email/ }).click();
    await page.getByRole("menuitem", { name: "Approve" }).click();
    await page.getByRole("dialog", { name: "Approve this action?" }).getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "approved" })).toHaveText("1 approved");

    for (const copy of copies) {
      expect(await countInFolder(mail, copy.recipient, "INBOX", subject), `${copy.recipient} INBOX`).toBe(0);
      expect(
        await countInFolder(mail, copy.recipient, "Recoverable Items", subject),
        `${copy.recipient} Recoverable Items`,
      ).toBe(1);
    }
  });
});
