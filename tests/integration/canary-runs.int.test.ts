// Canary runs against a real Postfix + Dovecot (the mail sandbox): with "canary above 10 messages", approving a soft
// delete of a campaign in 20 mailboxes first runs on a sample of 5 copies in 5 mailboxes. With the mailbox server down
// the sample fails and the action stops there, saying why, the other 15 copies untouched; retried once it is back, the
// sample passes and the rest runs. An action approved while the server is up runs through at once.
import { beforeAll, describe, expect, it } from "vitest";
import { listActions } from "@/server/actions/actions.queries";
import { ZActionListQuery } from "@/server/actions/actions.schemas";
import { decideAction } from "@/server/actions/decide-action";
import { retryEmailAction } from "@/server/actions/retry-email-action";
import type { TPrincipal } from "@/server/auth/principal";
import type { TCanaryReport } from "@/server/connectors/run-with-canary";
import { prisma } from "@/server/db";
import { uniqueTag } from "../factories/console";
import { campaignCluster, newAction } from "../support/mail-connector-contract";
import {
  openImap,
  smtpTransport,
  startDovecot,
  stopDovecot,
  useMailSandbox,
  waitForDelivery,
} from "../support/mail-sandbox";

const domain = `canary-${uniqueTag()}.test`;
const mailboxes = Array.from({ length: 20 }, (_, index) => `user${String(index + 1).padStart(2, "0")}@${domain}`);
const sandbox = useMailSandbox({ mailboxes });
const operator: TPrincipal = { kind: "user", id: null, name: "Olga Operator", role: "operator" };

beforeAll(async () => {
  await prisma.mailbox.createMany({
    data: mailboxes.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
  const canary = {
    canaryAboveMessages: 10,
    canarySamplePercent: 1,
    canarySampleMinimum: 5,
    canaryMaxFailedPercent: 10,
  };
  await prisma.automationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...canary }, update: canary });
  const mail = {
    connector: "postfix-dovecot",
    imapHost: "127.0.0.1",
    imapPort: sandbox().imapPort,
    masterUser: sandbox().masterUser,
    masterPassword: sandbox().masterPassword,
    allowedInternalHosts: ["127.0.0.1"],
  };
  await prisma.mailSystemSettings.upsert({ where: { id: 1 }, create: { id: 1, ...mail }, update: mail });
});

/** A campaign delivered over SMTP to every mailbox, its cluster, and a pending Soft delete of it. */
async function pendingCampaign() {
  const messageId = `<canary-${uniqueTag()}@contoso-invoices.test>`;
  await smtpTransport(sandbox()).sendMail({
    from: "billing@contoso-invoices.test",
    to: mailboxes,
    subject: "Invoice overdue",
    text: "Pay at https://contoso-invoices.test/pay",
    messageId,
  });
  await waitForDelivery(sandbox(), messageId);
  const { cluster } = await campaignCluster(messageId, mailboxes);
  return { messageId, action: await newAction("softDelete", cluster.id) };
}

/** How many mailboxes hold the message in `folder`, read as the master user. */
async function mailboxesHolding(messageId: string, folder: string): Promise<number> {
  let count = 0;
  for (const user of mailboxes) {
    const client = await openImap(sandbox(), user, { asMaster: true });
    try {
      const status = await client.mailboxOpen(folder).catch(() => null);
      if (status && ((await client.search({ header: { "message-id": messageId } }, { uid: true })) || []).length)
        count += 1;
    } finally {
      await client.logout();
    }
  }
  return count;
}

const stored = async (id: number) => {
  const action = await prisma.action.findUniqueOrThrow({
    where: { id },
    select: { status: true, canary: true, successCount: true, failedCount: true },
  });
  return { ...action, canary: action.canary as TCanaryReport | null };
};

describe("a canary run on the sandbox's Dovecot", () => {
  let campaign: Awaited<ReturnType<typeof pendingCampaign>>;

  beforeAll(async () => {
    campaign = await pendingCampaign();
  });

  it("stops after the sample when the mailbox server is down, says why, and leaves the rest untouched", async () => {
    await stopDovecot(sandbox());
    try {
      const decided = await decideAction(campaign.action.id, "approve", undefined, operator);
      expect(decided.status).toBe("StoppedAfterCanary");
    } finally {
      await startDovecot(sandbox());
    }
    const action = await stored(campaign.action.id);
    const reason = `IMAP unreachable: 127.0.0.1:${sandbox().imapPort} connection refused`;
    expect(action).toMatchObject({ status: "StoppedAfterCanary", successCount: 0, failedCount: 5 });
    expect(action.canary).toMatchObject({
      copies: 20,
      sample: 5,
      mailboxes: 5,
      sampleFailed: 5,
      maxFailedPercent: 10,
      isStopped: true,
      failures: { [reason]: 5 },
    });
    expect(action.canary?.summary).toBe(
      `Stopped after canary: 5 of 5 sample messages in 5 mailboxes failed (100 %; the threshold is 10 %): ${reason} (5). The other 15 messages were not touched; retry once the mail system is fixed.`,
    );
    // History says it, with the status filter finding it.
    const history = await listActions(ZActionListQuery.parse({ view: "history", status: "StoppedAfterCanary" }));
    expect(history.items.map((item) => [item.id, item.canary?.summary])).toEqual([
      [campaign.action.id, action.canary?.summary],
    ]);
    // Only the sample was tried; every copy is still in its INBOX.
    expect(await prisma.emailActionResult.count({ where: { actionId: campaign.action.id } })).toBe(5);
    expect(await mailboxesHolding(campaign.messageId, "INBOX")).toBe(20);
  });

  it("retried once the server is back, the sample passes and the rest runs: every copy is soft-deleted once", async () => {
    const retried = await retryEmailAction(campaign.action.id, operator);
    expect(retried).toMatchObject({ status: "Completed", successCount: 20, failedCount: 0 });
    const action = await stored(campaign.action.id);
    expect(action.canary).toMatchObject({ copies: 20, sample: 5, sampleFailed: 0, isStopped: false });
    expect(action.canary?.summary).toBe(
      "Canary passed: 0 of 5 sample messages in 5 mailboxes failed (0 %; the threshold is 10 %), then the other 15 messages ran.",
    );
    expect(await mailboxesHolding(campaign.messageId, "Recoverable Items")).toBe(20);
    expect(await mailboxesHolding(campaign.messageId, "INBOX")).toBe(0);
    expect(await prisma.emailPostDeliveryEvent.count({ where: { actionId: campaign.action.id } })).toBe(20);
  });

  it("approved while the server is up, runs the sample and then the rest in one decision", async () => {
    const fresh = await pendingCampaign();
    const decided = await decideAction(fresh.action.id, "approve", undefined, operator);
    expect(decided).toMatchObject({ status: "Completed", successCount: 20, failedCount: 0 });
    expect((await stored(fresh.action.id)).canary).toMatchObject({ sample: 5, sampleFailed: 0, isStopped: false });
    expect(await mailboxesHolding(fresh.messageId, "Recoverable Items")).toBe(20);
  });
});
