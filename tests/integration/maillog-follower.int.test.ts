import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import {
  appendFileSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { closeMailbox, openMailbox } from "@/server/connectors/dovecot/imap-session";
import { attachJournalContent } from "@/server/mail-system/journal/journal-content";
import { PROCESSED_FOLDER, startJournalReader } from "@/server/mail-system/journal/journal-reader";
import { startMaillogFollower, type TMaillogFollower } from "@/server/mail-system/maillog/maillog-follower";
import { startMailSandbox } from "../../tools/mail-sandbox/mail-sandbox";
import { parseEml } from "@/server/submissions/parse-eml";
import { sha256Of } from "../factories/email";

// Postfix's log as maillog_file writes it, made by the test: each message's lines from smtpd, cleanup (with the
// header_checks INFO lines), qmgr and lmtp, with the time stamps' local time and no year.
const DOMAIN = "maillog.test";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (value: number) => String(value).padStart(2, "0");
const stamp = (at: Date, host = "mx") =>
  `${MONTHS[at.getMonth()]} ${String(at.getDate()).padStart(2, " ")} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())} ${host}`;

let queueIds = 0x3a0000;
type TLogMessage = { queueId: string; messageId: string; head: string[]; tail: string[] };

/** A message to `to`; recipients in `deferred` are deferred in `head` and delivered in `tail`, which ends it. */
function logMessage(
  at: Date,
  index: number,
  to: string[],
  deferred: string[] = [],
  { host = "mx", queueId = (queueIds++).toString(16).toUpperCase().padStart(10, "0") } = {},
): TLogMessage {
  const t = stamp(at, host);
  const subject = `Invoice ${index}`;
  const messageId = `<m${index}.${queueId}@fabrikam.example>`;
  const from = `billing${index % 7}@fabrikam.example`;
  const suffix = `from mail.fabrikam.example[198.51.100.${(index % 200) + 1}]; from=<${from}> to=<${to[0]}> proto=ESMTP helo=<mail.fabrikam.example>`;
  const delivery = (recipient: string, status: string) =>
    `${t} postfix/lmtp[2004]: ${queueId}: to=<${recipient}>, relay=mail.${DOMAIN}[private/dovecot-lmtp], delay=0.1, delays=0.05/0/0/0.04, dsn=${status === "sent" ? "2.0.0" : "4.2.0"}, status=${status} (${status === "sent" ? "250 2.0.0 Saved" : "451 4.2.0 try later"})`;
  return {
    queueId,
    messageId,
    head: [
      `${t} postfix/smtpd[2001]: ${queueId}: client=mail.fabrikam.example[198.51.100.${(index % 200) + 1}]`,
      `${t} postfix/cleanup[2002]: ${queueId}: info: header From: Fabrikam Billing <${from}> ${suffix}`,
      `${t} postfix/cleanup[2002]: ${queueId}: info: header Subject: ${subject} ${suffix}`,
      `${t} postfix/cleanup[2002]: ${queueId}: message-id=${messageId}`,
      `${t} postfix/qmgr[2003]: ${queueId}: from=<${from}>, size=${1000 + index}, nrcpt=${to.length} (queue active)`,
      ...to.map((recipient) => delivery(recipient, deferred.includes(recipient) ? "deferred" : "sent")),
    ],
    tail: [...deferred.map((recipient) => delivery(recipient, "sent")), `${t} postfix/qmgr[2003]: ${queueId}: removed`],
  };
}

const lines = (...groups: string[][]) => `${groups.flat().join("\n")}\n`;
const at = (name: string) => `${name}@${DOMAIN}`;

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cursorAt = (file: string, offset: number) =>
  waitFor(
    `the cursor of ${file} at ${offset}`,
    async () => Number((await prisma.maillogCursor.findUnique({ where: { path: file } }))?.offset ?? -1) === offset,
  );
const rowsFor = (messages: TLogMessage[]) =>
  prisma.emailEvent.findMany({
    where: { internetMessageId: { in: messages.map((message) => message.messageId) } },
    orderBy: [{ timestamp: "asc" }, { subject: "asc" }, { recipientEmailAddress: "asc" }],
  });
const pendingOf = (file: string) => prisma.maillogPending.count({ where: { data: { path: ["path"], equals: file } } });

let dir: string;
const followers: TMaillogFollower[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "maillog-"));
  await prisma.mailbox.createMany({
    data: ["alice", "bob", "carol"].map((name) => ({
      address: at(name),
      displayName: name,
      department: "Finance",
      country: "US",
    })),
  });
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all(followers.map((follower) => follower.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function follow(file: string): Promise<TMaillogFollower> {
  const follower = await startMaillogFollower({
    path: file,
    journalMailbox: at("journal"),
    pollMs: 100,
    log: () => {},
  });
  followers.push(follower);
  return follower;
}

describe("the Postfix log follower", () => {
  it("turns a log file into one EmailEvents row per message and recipient, with sender IP, subject, delivery action and location", async () => {
    const file = path.join(dir, "basic.log");
    const now = new Date(Date.now() - 60_000);
    const plain = logMessage(now, 1, [at("alice"), at("bob"), at("journal")]);
    const deferred = logMessage(now, 2, [at("alice"), at("carol")], [at("carol")]);
    const refused = `${stamp(now)} postfix/smtpd[2001]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 550 5.1.8 <alice@${DOMAIN}>: Sender address rejected: Access denied, bad outbound sender; from=<alice@${DOMAIN}> to=<partner@contoso.example> proto=ESMTP helo=<pc>`;
    writeFileSync(file, lines(plain.head, plain.tail, deferred.head, [refused], deferred.tail));
    const follower = await follow(file);
    await cursorAt(file, statSync(file).size);
    await follower.stop();

    const rows = await rowsFor([plain, deferred]);
    expect(
      rows.map((row) => [
        row.subject,
        row.recipientEmailAddress,
        row.deliveryAction,
        row.deliveryLocation,
        row.emailDirection,
        row.senderIPv4,
      ]),
    ).toEqual([
      ["Invoice 1", at("alice"), "Delivered", "Inbox/folder", "Inbound", "198.51.100.2"],
      ["Invoice 1", at("bob"), "Delivered", "Inbox/folder", "Inbound", "198.51.100.2"],
      ["Invoice 2", at("alice"), "Delivered", "Inbox/folder", "Inbound", "198.51.100.3"],
      ["Invoice 2", at("carol"), "Delivered", "Inbox/folder", "Inbound", "198.51.100.3"],
    ]);
    expect(rows[0]).toMatchObject({
      senderFromAddress: "billing1@fabrikam.example",
      senderDisplayName: "Fabrikam Billing",
      emailSize: 1001,
    });
    expect(rows[0].networkMessageId).toBe(rows[1].networkMessageId);
    const blocked = await prisma.emailEvent.findFirstOrThrow({
      where: { recipientEmailAddress: "partner@contoso.example" },
    });
    expect(blocked).toMatchObject({
      senderFromAddress: at("alice"),
      deliveryAction: "Blocked",
      deliveryLocation: "Dropped",
      emailDirection: "Outbound",
      senderIPv4: "203.0.113.9",
    });
    expect(await pendingOf(file)).toBe(0);
  });

  it("follows the file through a rotation: the renamed file is finished (a line written to it late included), then the new one is read from the start", async () => {
    const file = path.join(dir, "rotating.log");
    const now = new Date(Date.now() - 30_000);
    const spanning = logMessage(now, 3, [at("alice"), at("bob")], [at("bob")]);
    const late = logMessage(now, 4, [at("carol")]);
    const after = logMessage(now, 5, [at("alice")]);
    writeFileSync(file, lines(spanning.head));
    const follower = await follow(file);
    await cursorAt(file, statSync(file).size);

    renameSync(file, `${file}.1`);
    appendFileSync(`${file}.1`, lines(late.head, late.tail));
    writeFileSync(file, lines(spanning.tail, after.head, after.tail));
    await cursorAt(file, statSync(file).size);
    await follower.stop();
    expect(
      (await rowsFor([spanning, late, after])).map((row) => `${row.subject} ${row.recipientEmailAddress}`),
    ).toEqual([
      `Invoice 3 ${at("alice")}`,
      `Invoice 3 ${at("bob")}`,
      `Invoice 4 ${at("carol")}`,
      `Invoice 5 ${at("alice")}`,
    ]);
  });

  it("after a restart, finishes a file rotated while it was stopped (found by inode), and reads a truncated file again from the start", async () => {
    const file = path.join(dir, "restart.log");
    const now = new Date(Date.now() - 20_000);
    const [first, second, third, fourth] = [6, 7, 8, 9].map((index) =>
      logMessage(now, index, [at("bob")], [at("bob")]),
    );
    writeFileSync(file, lines(first.head, first.tail, second.head));
    const before = await follow(file);
    await cursorAt(file, statSync(file).size);
    await before.stop();

    appendFileSync(file, lines(second.tail, third.head));
    renameSync(file, `${file}.20260101`);
    writeFileSync(file, lines(third.tail));
    const restarted = await follow(file);
    await cursorAt(file, statSync(file).size);

    truncateSync(file, 0);
    appendFileSync(file, lines(fourth.head, fourth.tail));
    await cursorAt(file, statSync(file).size);
    await restarted.stop();
    expect(
      (await rowsFor([first, second, third, fourth])).map((row) => `${row.subject} ${row.deliveryAction}`),
    ).toEqual(["Invoice 6 Delivered", "Invoice 7 Delivered", "Invoice 8 Delivered", "Invoice 9 Delivered"]);
  });

  it("runs one follower per file: another stands by, and takes over from the cursor when the first stops", async () => {
    const file = path.join(dir, "standby.log");
    const now = new Date(Date.now() - 10_000);
    const [before, after] = [10, 11].map((index) => logMessage(now, index, [at("bob")]));
    writeFileSync(file, lines(before.head, before.tail));
    const first = await follow(file);
    await cursorAt(file, statSync(file).size);
    const said: string[] = [];
    followers.push(await startMaillogFollower({ path: file, pollMs: 100, log: (message) => said.push(message) }));
    await waitFor("the second follower to stand by", async () =>
      said.some((message) => message.includes("standing by")),
    );

    await first.stop();
    appendFileSync(file, lines(after.head, after.tail));
    await cursorAt(file, statSync(file).size);
    expect((await rowsFor([before, after])).map((row) => row.subject)).toEqual(["Invoice 10", "Invoice 11"]);
  });

  it("keeps two Postfix hosts' messages with one queue id apart, each host's log followed by its own follower, across a restart of both", async () => {
    const files = ["mx1", "mx2"].map((host) => path.join(dir, `${host}.log`));
    const now = new Date(Date.now() - 10_000);
    // Same queue id on both hosts, each with a recipient still deferred when the followers stop: both stay pending.
    const [one, two] = ["mx1", "mx2"].map((host, index) =>
      logMessage(now, 20 + index, [at("alice"), at("carol")], [at("carol")], { host, queueId: "00004D1A2B" }),
    );
    files.forEach((file, index) => writeFileSync(file, lines([one, two][index].head)));
    let running = await Promise.all(files.map(follow));
    await Promise.all(files.map((file) => cursorAt(file, statSync(file).size)));
    await Promise.all(running.map((follower) => follower.stop()));
    expect(await Promise.all(files.map(pendingOf))).toEqual([1, 1]);

    files.forEach((file, index) => appendFileSync(file, lines([one, two][index].tail)));
    running = await Promise.all(files.map(follow));
    await Promise.all(files.map((file) => cursorAt(file, statSync(file).size)));
    await Promise.all(running.map((follower) => follower.stop()));
    const rows = await rowsFor([one, two]);
    expect(rows.map((row) => [row.subject, row.recipientEmailAddress, row.deliveryAction, row.senderIPv4])).toEqual([
      ["Invoice 20", at("alice"), "Delivered", "198.51.100.21"],
      ["Invoice 20", at("carol"), "Delivered", "198.51.100.21"],
      ["Invoice 21", at("alice"), "Delivered", "198.51.100.22"],
      ["Invoice 21", at("carol"), "Delivered", "198.51.100.22"],
    ]);
    expect(new Set(rows.map((row) => row.networkMessageId)).size).toBe(2);
    expect(await Promise.all(files.map(pendingOf))).toEqual([0, 0]);
  });

  it("two followers of one file at once, while it grows: every row once", async () => {
    const file = path.join(dir, "two-instances.log");
    const now = new Date(Date.now() - 10_000);
    const messages = Array.from({ length: 12 }, (_, index) =>
      logMessage(now, 30 + index, [at("alice"), at("bob")], index % 3 === 0 ? [at("bob")] : []),
    );
    writeFileSync(file, "");
    const pair = [await follow(file), await follow(file)];
    for (const [index, message] of messages.entries()) {
      appendFileSync(file, lines(message.head));
      // Halfway, the follower holding the file stops: the other takes over from the cursor.
      if (index === 6) await pair[0].stop();
      appendFileSync(file, lines(message.tail));
    }
    await cursorAt(file, statSync(file).size);
    await pair[1].stop();
    const rows = await rowsFor(messages);
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((row) => `${row.networkMessageId} ${row.recipientEmailAddress}`)).size).toBe(24);
    expect(await pendingOf(file)).toBe(0);
  });

  it("gives a recipient's row delivered after the journal copy was read the content its message's other rows got", async () => {
    const file = path.join(dir, "journal-first.log");
    const message = logMessage(new Date(Date.now() - 5_000), 12, [at("alice"), at("carol")], [at("carol")]);
    writeFileSync(file, lines(message.head));
    await follow(file);
    await cursorAt(file, statSync(file).size);

    const copy = await new MailComposer({
      from: "Fabrikam Billing <billing5@fabrikam.example>",
      to: [at("alice"), at("carol")],
      subject: "Invoice 12",
      messageId: message.messageId,
      text: "Pay here: https://pay.fabrikam.example/12",
      attachments: [{ filename: "invoice.zip", content: "PK invoice 12" }],
    })
      .compile()
      .build();
    const parsed = await parseEml(copy);
    expect(
      await prisma.$transaction((tx) => attachJournalContent(tx, { ...parsed, internetMessageId: message.messageId })),
    ).toEqual({ matched: 1, updated: 1 });

    appendFileSync(file, lines(message.tail));
    await cursorAt(file, statSync(file).size);
    const rows = await rowsFor([message]);
    expect(
      rows.map((row) => [row.recipientEmailAddress, row.urlCount, row.attachmentCount, row.bodyFingerprint]),
    ).toEqual([
      [at("alice"), 1, 1, parsed.bodyFingerprint],
      [at("carol"), 1, 1, parsed.bodyFingerprint],
    ]);
    const files = await prisma.emailAttachmentInfo.findMany({
      where: { networkMessageId: rows[0].networkMessageId },
      orderBy: { recipientEmailAddress: "asc" },
    });
    expect(files.map((entry) => [entry.recipientEmailAddress, entry.fileName, entry.fileType, entry.sha256])).toEqual(
      [at("alice"), at("carol")].map((to) => [to, "invoice.zip", "zip", sha256Of("PK invoice 12")]),
    );
    expect(await prisma.emailUrlInfo.count({ where: { networkMessageId: rows[0].networkMessageId } })).toBe(1);
    // Read again (a crash before the copy was moved): nothing changes.
    expect(
      await prisma.$transaction((tx) => attachJournalContent(tx, { ...parsed, internetMessageId: message.messageId })),
    ).toEqual({ matched: 2, updated: 0 });
  });

  it("killed (SIGKILL) in the middle of a file and started again, loses nothing and stores nothing twice", async () => {
    const file = path.join(dir, "killed.log");
    const start = Date.now() - 3_600_000;
    // 4,000 messages; each one's second recipient is deferred, then delivered 40 messages later, so a kill
    // anywhere leaves messages half seen, which the restarted follower must carry on from the database.
    const messages = Array.from({ length: 4000 }, (_, i) =>
      logMessage(new Date(start + i * 500), 100 + i, [at("alice"), at("carol")], [at("carol")]),
    );
    const text = messages
      .flatMap((message, i) => [...message.head, ...(i >= 40 ? messages[i - 40].tail : [])])
      .concat(messages.slice(-40).flatMap((message) => message.tail));
    writeFileSync(file, lines(text));
    const size = statSync(file).size;

    const run = () => {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/maillog.ts"], {
        env: { ...process.env, BREAKWATER_MAILLOG_PATH: file, BREAKWATER_JOURNAL_MAILBOX: at("journal") },
        stdio: ["ignore", openSync(path.join(dir, "follower.out"), "a"), openSync(path.join(dir, "follower.out"), "a")],
      });
      children.push(child);
      return child;
    };
    const offset = async () => Number((await prisma.maillogCursor.findUnique({ where: { path: file } }))?.offset ?? 0);

    const first = run();
    const killedAt = await waitFor(
      "the follower to be part-way through the file",
      async () => {
        const now = await offset();
        return now > 0 && now < size && now;
      },
      120_000,
    );
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect(await offset()).toBeLessThan(size);
    expect(await pendingOf(file)).toBeGreaterThan(0);

    const second = run();
    await waitFor("the restarted follower to reach the end", async () => (await offset()) === size, 120_000);
    second.kill("SIGTERM");
    await new Promise((resolve) => second.once("exit", resolve));

    const rows = await rowsFor(messages);
    expect(rows).toHaveLength(messages.length * 2);
    const perMessage = new Map<string, number>();
    for (const row of rows) perMessage.set(row.networkMessageId, (perMessage.get(row.networkMessageId) ?? 0) + 1);
    expect([...perMessage.values()].every((count) => count === 2)).toBe(true);
    expect(rows.every((row) => row.deliveryAction === "Delivered" && row.subject.startsWith("Invoice "))).toBe(true);
    expect(await pendingOf(file)).toBe(0);
    expect(killedAt).toBeLessThan(size);
  }, 300_000);
});

describe("with a real Postfix and Dovecot (the mail sandbox)", () => {
  it("turns 5 messages sent over SMTP into 5 × recipients EmailEvents with subject and sender IP, and their URLs and attachments from the journal; goes on after `postfix logrotate`", async () => {
    const recipients = [at("alice"), at("bob"), at("carol")];
    const sandbox = await startMailSandbox({ mailboxes: recipients, journalMailbox: at("journal") });
    const journal = startJournalReader({
      imap: {
        host: sandbox.host,
        port: sandbox.imapPort,
        secure: false,
        masterUser: sandbox.masterUser,
        masterPassword: sandbox.masterPassword,
        allowedInternalHosts: [sandbox.host],
      },
      mailbox: at("journal"),
      pollMs: 200,
      log: () => {},
    });
    try {
      await follow(sandbox.maillogPath);
      const smtp = nodemailer.createTransport({
        host: sandbox.host,
        port: sandbox.smtpPort,
        secure: false,
        ignoreTLS: true,
      });
      const sent = [];
      for (let i = 1; i <= 5; i++) {
        sent.push(
          await smtp.sendMail({
            from: '"Fabrikam Billing" <billing@fabrikam.example>',
            to: recipients,
            subject: `Sandbox invoice ${i}`,
            text: `Your invoice: https://pay.fabrikam.example/invoice/${i} (due Friday)`,
            attachments: [
              { filename: `invoice-${i}.pdf`, content: `%PDF-1.4 invoice ${i}`, contentType: "application/pdf" },
            ],
          }),
        );
      }
      const messageIds = sent.map((info) => info.messageId);
      const rows = await waitFor("15 rows with their journal content", async () => {
        const found = await prisma.emailEvent.findMany({
          where: { internetMessageId: { in: messageIds } },
          orderBy: [{ subject: "asc" }, { recipientEmailAddress: "asc" }],
        });
        return found.length === 15 && found.every((row) => row.bodyFingerprint !== null) && found;
      });
      expect(rows.map((row) => `${row.subject} ${row.recipientEmailAddress}`)).toEqual(
        [1, 2, 3, 4, 5].flatMap((i) => recipients.map((to) => `Sandbox invoice ${i} ${to}`)),
      );
      for (const row of rows) {
        expect(row).toMatchObject({
          senderIPv4: "127.0.0.1",
          senderFromAddress: "billing@fabrikam.example",
          emailDirection: "Inbound",
          deliveryAction: "Delivered",
          deliveryLocation: "Inbox/folder",
          urlCount: 1,
          attachmentCount: 1,
        });
        // Judged by the detection engine from its journal copy: a bulk complaint level, and a cluster shared by the message's recipients.
        expect(row.bulkComplaintLevel).toEqual(expect.any(Number));
        expect(row.emailClusterId).not.toBeNull();
      }
      for (const row of rows) {
        const sibling = rows.find((other) => other.networkMessageId === row.networkMessageId)!;
        expect([row.threatTypes, row.threatNames, row.emailClusterId]).toEqual([
          sibling.threatTypes,
          sibling.threatNames,
          sibling.emailClusterId,
        ]);
      }
      const first = rows[0];
      expect(
        await prisma.emailUrlInfo.findMany({
          where: { networkMessageId: first.networkMessageId },
          select: { url: true, urlDomain: true },
        }),
      ).toEqual([{ url: "https://pay.fabrikam.example/invoice/1", urlDomain: "pay.fabrikam.example" }]);
      const files = await prisma.emailAttachmentInfo.findMany({
        where: { networkMessageId: first.networkMessageId },
        orderBy: { recipientEmailAddress: "asc" },
      });
      expect(files.map((file) => [file.recipientEmailAddress, file.fileName, file.fileType, file.sha256])).toEqual(
        recipients.map((to) => [to, "invoice-1.pdf", "pdf", sha256Of("%PDF-1.4 invoice 1")]),
      );

      // Each journal copy was read once, then moved out of the way.
      const client = await openMailbox(
        {
          host: sandbox.host,
          port: sandbox.imapPort,
          secure: false,
          masterUser: sandbox.masterUser,
          masterPassword: sandbox.masterPassword,
          allowedInternalHosts: [sandbox.host],
        },
        at("journal"),
      );
      try {
        expect(await client.status("INBOX", { messages: true })).toMatchObject({ messages: 0 });
        expect(await client.status(PROCESSED_FOLDER, { messages: true })).toMatchObject({ messages: 5 });
      } finally {
        await closeMailbox(client);
      }

      // Postfix's own rotation: the log renamed, gzipped and unlinked, a new one made at the next line.
      execFileSync("/usr/sbin/postfix", ["-c", sandbox.postfixConfigDir, "logrotate"]);
      const after = await smtp.sendMail({
        from: "billing@fabrikam.example",
        to: [at("bob")],
        subject: "After logrotate",
        text: "Hello.",
      });
      await waitFor("the message after the rotation", () =>
        prisma.emailEvent.findFirst({ where: { internetMessageId: after.messageId, subject: "After logrotate" } }),
      );
    } finally {
      await journal.stop();
      await sandbox.stop();
    }
  }, 120_000);

  it.each([
    [
      "without XFORWARD, the filter answering Postfix after the copy was delivered",
      { isXforward: false, replyDelayMs: 1_000 },
    ],
    ["with XFORWARD (as amavisd-new), answering at once", { isXforward: true }],
  ])(
    "counts a message through an after-queue content filter once per recipient, %s",
    async (_, contentFilter) => {
      const recipients = [at("bob"), at("carol")];
      const sandbox = await startMailSandbox({ mailboxes: recipients, journalMailbox: at("journal"), contentFilter });
      try {
        await follow(sandbox.maillogPath);
        const smtp = nodemailer.createTransport({
          host: sandbox.host,
          port: sandbox.smtpPort,
          secure: false,
          ignoreTLS: true,
        });
        const subjects = [1, 2, 3].map((i) => `Filtered ${i} ${contentFilter.isXforward ? "xforward" : "plain"}`);
        const messageIds = [];
        for (const subject of subjects)
          messageIds.push(
            (await smtp.sendMail({ from: "billing@fabrikam.example", to: recipients, subject, text: "Hello." }))
              .messageId,
          );
        // Every message's two queue ids are done (each logs "removed") and the follower has read that far.
        await waitFor("both queue ids of every message removed", async () => {
          const text = readFileSync(sandbox.maillogPath, "utf8");
          return (text.match(/: removed$/gm) ?? []).length === 2 * subjects.length && /queued as/.test(text);
        });
        await cursorAt(sandbox.maillogPath, statSync(sandbox.maillogPath).size);
        const rows = await prisma.emailEvent.findMany({
          where: { internetMessageId: { in: messageIds } },
          orderBy: [{ subject: "asc" }, { recipientEmailAddress: "asc" }],
        });
        expect(
          rows.map((row) => [row.subject, row.recipientEmailAddress, row.deliveryAction, row.deliveryLocation]),
        ).toEqual(subjects.flatMap((subject) => recipients.map((to) => [subject, to, "Delivered", "Inbox/folder"])));
        for (const row of rows)
          expect(row).toMatchObject({ senderIPv4: "127.0.0.1", senderFromAddress: "billing@fabrikam.example" });
        expect(new Set(rows.map((row) => row.networkMessageId)).size).toBe(subjects.length);
        // The log really holds the two queue ids per message that the rows fold into one.
        const log = readFileSync(sandbox.maillogPath, "utf8");
        expect(
          (
            log.match(/status=sent \(250 2\.0\.0 from MTA\(smtp:\[127\.0\.0\.1\]:\d+\): 250 2\.0\.0 Ok: queued as /g) ??
            []
          ).length,
        ).toBe(subjects.length * recipients.length);
        expect((log.match(/, orig_queue_id=/g) ?? []).length).toBe(contentFilter.isXforward ? subjects.length : 0);
      } finally {
        await sandbox.stop();
      }
    },
    120_000,
  );
});
