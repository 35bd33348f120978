// The simulator's phish campaign with the reporting mailbox on: its reporter forwards the copy as an attachment over
// the sandbox's authenticated submission service, and the worker's reader turns it into the submission.
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { simulatePhishCampaign } from "@/server/simulator/simulate-phish-campaign";
import { startReportingMailboxReader } from "@/server/user-reported/reporting-mailbox-reader";
import { useMailSandbox } from "../support/mail-sandbox";

let reportingMailbox = "";
let reader: { stop(): Promise<void> } | null = null;

const sandbox = useMailSandbox(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await simulateOrg({ seed: 3, mailboxes: 12, days: 1, now: new Date("2026-03-10T00:00:00Z") });
  const mailboxes = (await prisma.mailbox.findMany({ select: { address: true } })).map((mailbox) => mailbox.address);
  reportingMailbox = `breakwater-reports@${mailboxes[0].split("@")[1]}`;
  return { mailboxes, reportingMailbox, masterUser: { user: "breakwater", password: "master-secret" } };
});

beforeAll(async () => {
  const box = sandbox();
  await prisma.mailSystemSettings.create({
    data: {
      id: 1,
      connector: "postfix-dovecot",
      imapHost: "127.0.0.1",
      imapPort: box.imapPort,
      masterUser: box.masterUser,
      masterPassword: box.masterPassword,
      allowedInternalHosts: ["127.0.0.1"],
    },
  });
  await prisma.userReportedSettings.create({
    data: { id: 1, isEnabled: true, mailbox: reportingMailbox, smtpHost: "127.0.0.1", smtpPort: box.smtpPort },
  });
  reader = startReportingMailboxReader({ pollMs: 1_000, log: () => {} });
}, 120_000);

afterAll(async () => {
  await reader?.stop();
});

it("reports the campaign through the reporting mailbox", async () => {
  const summary = await simulatePhishCampaign({
    seed: 8,
    recipients: 10,
    now: new Date("2026-03-10T12:00:00Z"),
    submission: { host: "127.0.0.1", port: sandbox().submissionPort },
  });
  expect(summary.reported).toMatchObject({ via: "reportingMailbox", isNewInvestigation: true });
  const submission = await prisma.submission.findUniqueOrThrow({ where: { id: summary.reported!.submissionId } });
  expect(submission).toMatchObject({
    source: "reportingMailbox",
    reportType: "phish",
    reporter: summary.reported!.reporter,
    sender: summary.senderAddress,
    internetMessageId: summary.reported!.internetMessageId,
  });
  // The simulator returns once the submission exists; the reader records the item just after it.
  const deadline = Date.now() + 10_000;
  while ((await prisma.reportingItem.count({ where: { status: "processed", submissionId: submission.id } })) === 0) {
    if (Date.now() > deadline) throw new Error("the item was never recorded as processed");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);
