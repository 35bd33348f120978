// The reporting mailbox on a real Postfix + Dovecot (the mail sandbox): a user forwards a phish as an attachment over
// authenticated SMTP; the reader (IDLE) reports the attached original, not the wrapper, moves the item to the
// processed folder, and the reporter gets the verdict by email through Postfix (and an analyst's assessment later;
// a notice the relay refuses is logged as failed). Read again after a restart, the item is still one submission; an
// outsider's item, even one with a forged "Authenticated sender", is set aside.
import { createServer } from "node:net";
import type { ImapFlow } from "imapflow";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TPrincipal } from "@/server/auth/principal";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { assessSubmission } from "@/server/submissions/assess-submission";
import { handleReportingItem } from "@/server/user-reported/handle-reporting-item";
import { startReportingMailboxReader } from "@/server/user-reported/reporting-mailbox-reader";
import { getUserReportedSettings } from "@/server/user-reported/user-reported-settings.service";
import { DEFAULT_FEEDBACK_TEMPLATES } from "@/server/user-reported/feedback-templates";
import { DEFAULT_SUBJECT_TAGS } from "@/server/user-reported/report-type";
import { openImap, smtpTransport, useMailSandbox } from "../support/mail-sandbox";

const ORG = "contoso.test";
const REPORTER = `staff0@${ORG}`;
const REPORTS = `phish-reports@${ORG}`;
const SECURITY = `security@${ORG}`;
const PHISH_SENDER = "no-reply@m1crosoft-login.test";
const PHISH_SUBJECT = "Your password expires today";
const PHISH_URL = "https://login.m1crosoft-verify.test/reset";
const sandbox = useMailSandbox({
  mailboxes: [REPORTER, `staff1@${ORG}`, SECURITY],
  reportingMailbox: REPORTS,
  masterUser: { user: "breakwater", password: "master-secret" },
});
const ANALYST: TPrincipal = { kind: "user", id: null, name: "Ana Lyst", role: "operator" };
let reader: { stop(): Promise<void> } | null = null;
const quiet = () => {};

async function withFolder<T>(address: string, folder: string, use: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await openImap(sandbox(), address, { asMaster: true });
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      return await use(client);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

const countIn = (address: string, folder: string) =>
  withFolder(address, folder, async (client) => (client.mailbox === false ? 0 : client.mailbox.exists));

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function phishOriginal(messageId: string): Promise<Buffer> {
  return new MailComposer({
    from: { name: "Microsoft 365", address: PHISH_SENDER },
    to: REPORTER,
    subject: PHISH_SUBJECT,
    messageId,
    text: `Keep your password at ${PHISH_URL}`,
    html: `<p>Your password expires today.</p><p><a href="${PHISH_URL}">https://portal.office.com/keep</a></p>`,
  })
    .compile()
    .build();
}

/** What Outlook's Report button sends: the original attached as message/rfc822, the wrapper from the user. */
async function forwardAsAttachment(
  transport: nodemailer.Transporter,
  from: string,
  original: Buffer,
  headers: Record<string, string> = {},
) {
  await transport.sendMail({
    from,
    to: REPORTS,
    subject: `[Phish] FW: ${PHISH_SUBJECT}`,
    text: "This looks like phishing.",
    headers,
    attachments: [{ filename: "reported.eml", content: original, contentType: "message/rfc822" }],
  });
}

const submissionTransport = (user: string) =>
  nodemailer.createTransport({
    host: "127.0.0.1",
    port: sandbox().submissionPort,
    secure: false,
    ignoreTLS: true,
    auth: { user, pass: sandbox().passwordFor(user) },
  });

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: [REPORTER, `staff1@${ORG}`, SECURITY].map((address, index) => ({
      address,
      displayName: `Staff ${index}`,
      department: "Sales",
      country: "US",
    })),
  });
  // The link is a known phishing URL: the verdict, hence the notice, is not left to chance.
  await prisma.threatIndicator.create({ data: { kind: "url", value: PHISH_URL, threatType: "Phish", source: "test" } });
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
    data: {
      id: 1,
      isEnabled: true,
      mailbox: REPORTS,
      subjectTags: DEFAULT_SUBJECT_TAGS,
      isFeedbackEnabled: true,
      smtpHost: "127.0.0.1",
      smtpPort: box.smtpPort,
      feedbackFrom: SECURITY,
      feedbackTemplates: DEFAULT_FEEDBACK_TEMPLATES,
    },
  });
}, 60_000);

afterAll(async () => {
  await reader?.stop();
});

it("reports the attached original, files the item, tells the reporter, and reports it once across a restart", async () => {
  // A long poll: only IDLE can pick the item up within the wait below.
  reader = startReportingMailboxReader({ pollMs: 120_000, log: quiet });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await forwardAsAttachment(
    submissionTransport(REPORTER),
    REPORTER,
    await phishOriginal("<phish-1@m1crosoft-login.test>"),
  );

  await waitFor(
    async () => (await prisma.submission.count({ where: { reportingItemId: { not: null } } })) === 1,
    "the submission",
    20_000,
  );
  const submission = await prisma.submission.findFirstOrThrow({ where: { reportingItemId: { not: null } } });
  // The original is what was judged: its sender, subject and link, not the user's wrapper.
  expect(submission).toMatchObject({
    reporter: REPORTER,
    sender: PHISH_SENDER,
    subject: PHISH_SUBJECT,
    internetMessageId: "<phish-1@m1crosoft-login.test>",
    reportType: "phish",
    source: "reportingMailbox",
  });
  expect((submission.details as { urls: { url: string }[] }).urls.map((entry) => entry.url)).toContain(PHISH_URL);
  await waitFor(async () => (await countIn(REPORTS, "Processed")) === 1, "the item in Processed");
  expect(await countIn(REPORTS, "INBOX")).toBe(0);

  await runInvestigation(submission.investigationId!, { isLastAttempt: false });
  expect(await prisma.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
    verdict: "Malicious",
  });
  await waitFor(
    () =>
      withFolder(
        REPORTER,
        "INBOX",
        async (client) => ((await client.search({ from: SECURITY }, { uid: true })) || []).length === 1,
      ),
    "the notice in the reporter's INBOX",
  );
  const notice = await withFolder(REPORTER, "INBOX", async (client) => {
    const [uid] = (await client.search({ from: SECURITY }, { uid: true })) || [];
    const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (fetched === false || !fetched.source) throw new Error("the notice has no source");
    return simpleParser(fetched.source);
  });
  expect(notice.subject).toBe(DEFAULT_FEEDBACK_TEMPLATES.threat.subject);
  expect(notice.text).toContain(`You reported "${PHISH_SUBJECT}" from ${PHISH_SENDER}`);
  expect(notice.text).toContain("malicious (Phish)");
  expect(
    await prisma.reporterNotice.findMany({ select: { reporter: true, trigger: true, outcome: true, status: true } }),
  ).toEqual([{ reporter: REPORTER, trigger: "verdict", outcome: "threat", status: "sent" }]);

  // A restart between the submission and the move: the item is back in INBOX when the reader starts again.
  await reader.stop();
  await withFolder(REPORTS, "Processed", async (client) => client.messageMove("1:*", "INBOX"));
  expect(await countIn(REPORTS, "INBOX")).toBe(1);
  reader = startReportingMailboxReader({ pollMs: 120_000, log: quiet });
  await waitFor(
    async () => (await countIn(REPORTS, "Processed")) === 1 && (await countIn(REPORTS, "INBOX")) === 0,
    "the item filed again",
  );
  expect(await prisma.submission.count({ where: { reportingItemId: { not: null } } })).toBe(1);
  expect(await prisma.reportingItem.count()).toBe(1);
  expect(await prisma.reporterNotice.count()).toBe(1);
}, 120_000);

it("tells the reporter an analyst's assessment, and logs a notice the relay refused", async () => {
  const submission = await prisma.submission.findFirstOrThrow({ where: { reportingItemId: { not: null } } });
  const waitForNotice = (outcome: string, status: string) =>
    waitFor(
      async () =>
        (await prisma.reporterNotice.count({
          where: { submissionId: submission.id, trigger: "assessment", outcome, status },
        })) === 1,
      `the ${outcome} notice ${status}`,
    );
  // The relay down: the notice is logged as failed, with why.
  const { port } = await new Promise<{ port: number }>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address() as { port: number };
      probe.close(() => resolve(address));
    });
  });
  await prisma.userReportedSettings.update({ where: { id: 1 }, data: { smtpPort: port } });
  await assessSubmission(submission.id, { assessment: "Clean" }, ANALYST);
  await waitForNotice("clean", "failed");
  expect((await prisma.reporterNotice.findFirstOrThrow({ where: { outcome: "clean" } })).error).toMatch(
    /ECONNREFUSED|refused/i,
  );

  await prisma.userReportedSettings.update({ where: { id: 1 }, data: { smtpPort: sandbox().smtpPort } });
  await assessSubmission(submission.id, { assessment: "Spam" }, ANALYST);
  await waitForNotice("spam", "sent");
  await waitFor(
    () =>
      withFolder(
        REPORTER,
        "INBOX",
        async (client) =>
          ((await client.search({ subject: DEFAULT_FEEDBACK_TEMPLATES.spam.subject }, { uid: true })) || []).length ===
          1,
      ),
    "the junk notice in the reporter's INBOX",
  );
});

it("makes one submission of an item two readers handle at once", async () => {
  const wrapper = await new MailComposer({
    from: REPORTER,
    to: REPORTS,
    subject: "FW: twice",
    messageId: "<wrapper-twice@contoso.test>",
    headers: {
      Received: `from client (localhost [127.0.0.1]) (Authenticated sender: ${REPORTER}) by sandbox.breakwater.invalid (Postfix) with ESMTPA id ABC`,
    },
    text: "see attached",
    attachments: [
      {
        filename: "reported.eml",
        content: await phishOriginal("<phish-twice@m1crosoft-login.test>"),
        contentType: "message/rfc822",
      },
    ],
  })
    .compile()
    .build();
  const settings = await getUserReportedSettings();
  const [first, second] = await Promise.all([
    handleReportingItem(wrapper, settings, [ORG]),
    handleReportingItem(wrapper, settings, [ORG]),
  ]);
  expect(first).toMatchObject({ status: "processed" });
  expect(second).toEqual(first);
  expect(await prisma.submission.count({ where: { reportingItemId: "<wrapper-twice@contoso.test>" } })).toBe(1);
});

it("sets an outsider's item aside in the unusable folder with the reason, even with a forged authenticated sender", async () => {
  reader ??= startReportingMailboxReader({ pollMs: 120_000, log: quiet });
  const before = await prisma.submission.count();
  const outsider = smtpTransport(sandbox());
  await forwardAsAttachment(outsider, "mallory@outside.test", await phishOriginal("<outsider-1@m1crosoft-login.test>"));
  // An earlier hop's Received header claiming a user of the organisation proves nothing: only the receiving server's counts.
  await forwardAsAttachment(outsider, REPORTER, await phishOriginal("<outsider-2@m1crosoft-login.test>"), {
    Received: `from evil (evil [203.0.113.9]) (Authenticated sender: ${REPORTER}) by mx.outside.test (Postfix) with ESMTPA id FORGED`,
  });

  // A user of the organisation who writes instead of forwarding: nothing to judge.
  await submissionTransport(`staff1@${ORG}`).sendMail({
    from: `staff1@${ORG}`,
    to: REPORTS,
    subject: "Is this phishing?",
    text: "I got a weird call.",
  });

  await waitFor(async () => (await countIn(REPORTS, "Unusable")) === 3, "three items in Unusable");
  const items = await prisma.reportingItem.findMany({
    where: { status: "unusable" },
    select: { reason: true, submissionId: true, reporter: true },
    orderBy: { id: "asc" },
  });
  expect(items.map((item) => item.submissionId)).toEqual([null, null, null]);
  expect(items.map((item) => item.reporter)).toEqual([null, null, `staff1@${ORG}`]);
  expect(items[0].reason).toMatch(/not sent by an authenticated user of the organisation/);
  expect(items[1].reason).toMatch(/not sent by an authenticated user of the organisation/);
  expect(items[2].reason).toMatch(/no reported message in it/);
  expect(await prisma.submission.count()).toBe(before);
});
