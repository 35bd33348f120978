import { existsSync } from "node:fs";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { SANDBOX_FOLDERS, startMailSandbox } from "../../tools/mail-sandbox/mail-sandbox";
import { uniqueTag } from "../factories/console";
import {
  escapeRegExp,
  openImap,
  smtpTransport,
  useMailSandbox,
  waitForDelivery,
  waitForMaillog,
} from "../support/mail-sandbox";

const domain = `sandbox-${uniqueTag()}.test`;
const [alice, bob, carol, journal] = ["alice", "bob", "carol", "journal"].map((name) => `${name}@${domain}`);
const sandbox = useMailSandbox({ mailboxes: [alice, bob, carol], journalMailbox: journal });

/** The UIDs of INBOX messages whose Message-ID header is exactly `messageId`. */
async function findInInbox(
  address: string,
  messageId: string,
  options: { asMaster?: boolean } = {},
): Promise<string[]> {
  const client = await openImap(sandbox(), address, options);
  try {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const subjects: string[] = [];
      for await (const message of client.fetch({ header: { "message-id": messageId } }, { envelope: true })) {
        if (message.envelope?.messageId === messageId) subjects.push(message.envelope.subject ?? "");
      }
      return subjects;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

describe("the mail sandbox", () => {
  it("delivers a message sent over SMTP to each recipient's INBOX, readable as the user and as the master user, with a journal copy", async () => {
    const subject = `Quarterly report ${uniqueTag()}`;
    const sent = await smtpTransport(sandbox()).sendMail({
      from: "partner@fabrikam.example",
      to: [alice, bob],
      subject,
      text: "See attached.",
    });
    const { lines } = await waitForDelivery(sandbox(), sent.messageId);
    expect(lines.filter((line) => line.includes("status=sent"))).toHaveLength(3);

    expect(await findInInbox(alice, sent.messageId)).toEqual([subject]);
    expect(await findInInbox(bob, sent.messageId, { asMaster: true })).toEqual([subject]);
    expect(await findInInbox(journal, sent.messageId, { asMaster: true })).toEqual([subject]);
    expect(await findInInbox(carol, sent.messageId)).toEqual([]);
  });

  it("logs each message's queue id with its Message-ID, Subject, From and per-recipient status", async () => {
    const subject = `Invoice ${uniqueTag()}`;
    const sent = await smtpTransport(sandbox()).sendMail({
      from: "billing@fabrikam.example",
      to: carol,
      subject,
      text: "Pay now.",
    });
    const { queueId, lines } = await waitForDelivery(sandbox(), sent.messageId);
    expect(queueId).toMatch(/^[0-9A-F]{8,}$/);
    expect(lines.some((line) => line.includes(`${queueId}: info: header Subject: ${subject} from`))).toBe(true);
    expect(lines.some((line) => line.includes(`${queueId}: info: header From: billing@fabrikam.example from`))).toBe(
      true,
    );
    expect(lines.some((line) => line.includes(`to=<${carol}>`) && line.includes("status=sent"))).toBe(true);
    expect(lines.some((line) => line.includes(`to=<${journal}>`) && line.includes("status=sent"))).toBe(true);
  });

  it("gives every mailbox INBOX, Junk, Deleted Items and Recoverable Items, subscribed, Junk and Deleted Items marked special-use", async () => {
    const client = await openImap(sandbox(), carol);
    try {
      const folders = await client.list();
      expect(folders.map((folder) => folder.path).sort()).toEqual([...SANDBOX_FOLDERS].sort());
      expect(folders.every((folder) => folder.subscribed)).toBe(true);
      expect(Object.fromEntries(folders.map((folder) => [folder.path, folder.specialUse ?? null]))).toMatchObject({
        Junk: "\\Junk",
        "Deleted Items": "\\Trash",
      });
    } finally {
      await client.logout();
    }
  });

  it("refuses unknown recipients at RCPT, and submission without AUTH; submission with AUTH logs sasl_username", async () => {
    await expect(
      smtpTransport(sandbox()).sendMail({ from: alice, to: `nobody@${domain}`, text: "x" }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const submission = (auth?: { user: string; pass: string }) =>
      nodemailer.createTransport({
        host: sandbox().host,
        port: sandbox().submissionPort,
        secure: false,
        ignoreTLS: true,
        auth,
      });
    await expect(submission().sendMail({ from: bob, to: "someone@outside.example", text: "x" })).rejects.toMatchObject({
      responseCode: 554,
    });
    await submission({ user: bob, pass: sandbox().passwordFor(bob) }).sendMail({
      from: bob,
      to: "someone@outside.example",
      text: "out",
    });
    await waitForMaillog(sandbox(), new RegExp(`postfix/submission/smtpd.*sasl_username=${escapeRegExp(bob)}`));
    // Mail to other domains never leaves the machine: the discard transport logs it as sent.
    await waitForMaillog(
      sandbox(),
      /to=<someone@outside\.example>.*status=sent \(outbound mail stays in the sandbox\)/,
    );
  });

  it("answers the doveadm HTTP API with its key, for all users at once", async () => {
    const { doveadmUrl, doveadmApiKey } = sandbox();
    const call = (key: string) =>
      fetch(doveadmUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `X-Dovecot-API ${Buffer.from(key).toString("base64")}`,
        },
        body: JSON.stringify([["mailboxList", { allUsers: true }, "t1"]]),
      });
    expect((await call("wrong")).status).toBe(401);
    const [[kind, rows]] = (await (await call(doveadmApiKey)).json()) as [
      string,
      { username: string; mailbox: string }[],
    ][];
    expect(kind).toBe("doveadmResponse");
    expect(new Set(rows.map((row) => row.username))).toEqual(new Set([alice, bob, carol, journal]));
  });

  it("adds a mailbox in a new domain that receives mail at once", async () => {
    const dave = `dave@other-${uniqueTag()}.test`;
    await sandbox().addMailboxes([dave]);
    const sent = await smtpTransport(sandbox()).sendMail({ from: alice, to: dave, subject: "welcome", text: "hi" });
    const { lines } = await waitForDelivery(sandbox(), sent.messageId);
    expect(lines.some((line) => line.includes(`to=<${dave}>`) && line.includes("status=sent"))).toBe(true);
    expect(await findInInbox(dave, sent.messageId)).toEqual(["welcome"]);
  });

  it("stops every Postfix and Dovecot process and removes its folder; a second stop does nothing", async () => {
    const running = sandbox();
    expect(running.processIds().length).toBeGreaterThan(5);
    await running.stop();
    expect(running.processIds()).toEqual([]);
    expect(existsSync(running.dir)).toBe(false);
    await running.stop();
  });
});

describe("startMailSandbox", () => {
  it("refuses an address that Postfix's tables or Dovecot's passwd-file cannot hold, naming it", async () => {
    await expect(startMailSandbox({ mailboxes: ["ok@example.test", "bad:colon@example.test"] })).rejects.toThrow(
      "not usable as sandbox mailboxes: bad:colon@example.test",
    );
  });
});
