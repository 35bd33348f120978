// The whole loop on a real Postfix + Dovecot (the mail sandbox): a phish campaign delivered over SMTP to 20
// mailboxes reaches EmailEvents through the mail log and the journal, a user reports it, the playbook clusters it by
// its URL, an analyst approves the soft delete and every copy leaves its INBOX (checked over IMAP), then Move to Inbox
// puts every copy back in the folder it was in: the INBOX, or Junk for the two users who had moved it there.
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, expect, it } from "vitest";
import { decideAction } from "@/server/actions/decide-action";
import { revertEmailAction } from "@/server/actions/revert-email-action";
import type { TPrincipal } from "@/server/auth/principal";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { listClusterMessages } from "@/server/clusters/clusters.queries";
import { ZClusterMessagesQuery } from "@/server/clusters/clusters.schemas";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { startMailEvents } from "@/server/mail-system/maillog/start-mail-events";
import { submitMessage } from "@/server/submissions/submit-message";
import { openImap, smtpTransport, useMailSandbox } from "../support/mail-sandbox";

const ORG = "contoso.test";
const mailboxes = Array.from({ length: 20 }, (_, index) => `staff${index}@${ORG}`);
const JOURNAL = `journal@${ORG}`;
const ANALYST: TPrincipal = { kind: "user", id: null, name: "Ana Lyst", role: "operator" };
const SUBJECT = "Action required: your mailbox will be closed";
const URL = "https://login.contoso-verify.test/keep-mailbox";
const sandbox = useMailSandbox({
  mailboxes: [...mailboxes, JOURNAL],
  journalMailbox: JOURNAL,
  masterUser: { user: "breakwater", password: "master-secret" },
});
let events: { stop(): Promise<void> } | null;

async function inFolder(address: string, folder: string): Promise<number> {
  const client: ImapFlow = await openImap(sandbox(), address);
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      const found = await client.search({ subject: SUBJECT }, { uid: true });
      return Array.isArray(found) ? found.length : 0;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: mailboxes.map((address, index) => ({
      address,
      displayName: `Staff ${index}`,
      department: "Sales",
      country: "US",
    })),
  });
  const box = sandbox();
  await prisma.mailSystemSettings.upsert({
    where: { id: 1 },
    create: {
      id: 1,
      connector: "postfix-dovecot",
      imapHost: "127.0.0.1",
      imapPort: box.imapPort,
      masterUser: box.masterUser,
      masterPassword: box.masterPassword,
      journalMailbox: JOURNAL,
      maillogPath: box.maillogPath,
      allowedInternalHosts: ["127.0.0.1"],
    },
    update: {},
  });
  events = await startMailEvents(() => {});
}, 60_000);

afterAll(async () => {
  await events?.stop();
});

it("delivers, reports, clusters, soft-deletes in Dovecot and restores each copy to its own folder", async () => {
  const transport = smtpTransport(sandbox());
  for (const recipient of mailboxes) {
    await transport.sendMail({
      from: { name: "Contoso IT Service Desk", address: "servicedesk@c0ntoso-mail.test" },
      to: recipient,
      subject: SUBJECT,
      text: `Your mailbox will be closed today. Keep it at ${URL}`,
      html: `<p>Your mailbox will be closed today.</p><p><a href="${URL}">https://mail.${ORG}/keep</a></p>`,
    });
  }
  // The log gives the rows, the journal their links: wait for both.
  await waitFor(
    async () => (await prisma.emailEvent.count({ where: { subject: SUBJECT, urlCount: { gt: 0 } } })) === 20,
    "20 EmailEvents with their URL",
  );
  const rows = await prisma.emailEvent.findMany({
    where: { subject: SUBJECT },
    select: { networkMessageId: true, recipientEmailAddress: true, deliveryAction: true, deliveryLocation: true },
  });
  expect(rows.every((row) => row.deliveryAction === "Delivered" && row.deliveryLocation === "Inbox/folder")).toBe(true);

  // Two users moved their copy to Junk themselves before anyone acted.
  for (const user of mailboxes.slice(0, 2)) {
    const client = await openImap(sandbox(), user);
    try {
      const lock = await client.getMailboxLock("INBOX");
      try {
        const uids = await client.search({ subject: SUBJECT }, { uid: true });
        await client.messageMove(uids || [], "Junk", { uid: true });
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  const reported = rows.find((row) => row.recipientEmailAddress === mailboxes[5])!;
  const { investigationId } = await submitMessage(
    { kind: "networkMessageId", networkMessageId: reported.networkMessageId, reporter: mailboxes[5] },
    ANALYST,
  );
  await runInvestigation(investigationId, { isLastAttempt: false });
  const action = await prisma.action.findFirstOrThrow({
    where: { investigationId, cluster: { kind: "similarUrls" } },
    include: { cluster: true },
  });
  expect(action).toMatchObject({ status: "Pending", cluster: { messageCount: 20 } });

  const decided = await decideAction(action.id, "approve", "phish: pull it from every mailbox", ANALYST);
  expect(decided).toMatchObject({ status: "Completed", successCount: 20, failedCount: 0 });
  // Each copy's own outcome is on the cluster's message list.
  const listed = await listClusterMessages(action.clusterId!, ZClusterMessagesQuery.parse({ pageSize: 100 }));
  expect(listed.items.map((item) => item.result)).toEqual(mailboxes.map(() => "Success"));
  for (const user of mailboxes) {
    expect(await inFolder(user, "INBOX"), `${user} INBOX`).toBe(0);
    expect(await inFolder(user, "Junk"), `${user} Junk`).toBe(0);
    expect(await inFolder(user, "Recoverable Items"), `${user} Recoverable Items`).toBe(1);
  }

  const revert = await revertEmailAction(action.id, "inbox", "false positive drill", ANALYST);
  expect(revert).toMatchObject({ status: "Completed", successCount: 20, failedCount: 0 });
  for (const [index, user] of mailboxes.entries()) {
    expect(await inFolder(user, "Recoverable Items"), `${user} Recoverable Items`).toBe(0);
    expect(await inFolder(user, index < 2 ? "Junk" : "INBOX"), `${user} restored`).toBe(1);
  }
}, 120_000);
