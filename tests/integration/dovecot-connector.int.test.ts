// The postfix-dovecot connector against a real Postfix + Dovecot (the mail sandbox): it keeps the mail connector
// contract over IMAP and through doveadm's API (tests/support/mail-connector-contract.ts, which the built-in one keeps
// too); and what only a mail server does: a campaign delivered over SMTP to 20 mailboxes is soft-deleted while the
// server goes away mid-way, fails visibly and is retried without doing anything twice; a deleted mailbox and a wrong
// master password are named.
import { readFileSync, statSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TEmailActionType } from "@/server/actions/email-locations";
import type { TEmailActionRun, TExecution } from "@/server/connectors/execution.types";
import { FAILURE_REASONS } from "@/server/connectors/failure-reasons";
import { getMailConnector } from "@/server/connectors/get-mail-connector";
import { prisma } from "@/server/db";
import { startMailSandbox, type TMailSandbox } from "../../tools/mail-sandbox/mail-sandbox";
import { uniqueTag } from "../factories/console";
import { startDovecot, stopDovecot } from "../support/mail-sandbox";
import {
  campaignCluster,
  describeMailConnector,
  executeWith,
  newAction,
  type TConnectorHarness,
} from "../support/mail-connector-contract";

const MAILBOX_COUNT = 20;
let sandbox: TMailSandbox;
let domain: string;
let mailboxes: string[];
/** In the organisation, not in Dovecot: a mailbox deleted on the mail server. */
let gone: string;

beforeAll(async () => {
  domain = `dovecot-${uniqueTag()}.test`;
  mailboxes = Array.from(
    { length: MAILBOX_COUNT },
    (_, index) => `user${String(index + 1).padStart(2, "0")}@${domain}`,
  );
  gone = `gone@${domain}`;
  sandbox = await startMailSandbox({ mailboxes });
  await prisma.mailbox.createMany({
    data: [...mailboxes, gone].map((address) => ({
      address,
      displayName: address,
      department: "Sales",
      country: "US",
    })),
  });
});

afterAll(async () => {
  await sandbox?.stop();
});

// ---- the mail system, as its users see it ----------------------------------------------------------------------

async function asUser<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: "127.0.0.1",
    port: sandbox.imapPort,
    secure: false,
    auth: { user, pass: sandbox.passwordFor(user) },
    logger: false,
    // imapflow's 16 s for the greeting ran out on a CI machine at load 20: the test reads, it does not time Dovecot.
    greetingTimeout: 60_000,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

/** The Message-IDs in one folder of a user's mailbox, read over IMAP as that user. */
const idsIn = (user: string, folder: string) =>
  asUser(user, async (client) => {
    const lock = await client.getMailboxLock(folder);
    try {
      const isEmpty = client.mailbox === false || !client.mailbox.exists;
      return isEmpty
        ? []
        : (await client.fetchAll("1:*", { envelope: true })).map((message) => message.envelope?.messageId);
    } finally {
      lock.release();
    }
  });

/** Where each mailbox holds the message: the folders it is in, per user. */
async function foldersHolding(messageId: string, users = mailboxes): Promise<Record<string, string[]>> {
  const folders = ["INBOX", "Junk", "Deleted Items", "Recoverable Items"];
  const entries = await Promise.all(
    users.map(
      async (user) =>
        [
          user,
          (
            await Promise.all(
              folders.map(async (folder) => ((await idsIn(user, folder)).includes(messageId) ? [folder] : [])),
            )
          ).flat(),
        ] as const,
    ),
  );
  return Object.fromEntries(entries);
}

/** A user files the message from the INBOX into another folder, as a mail client does. */
const fileIn = (user: string, messageId: string, folder: string) =>
  asUser(user, async (client) => {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const uids = await client.search({ header: { "message-id": messageId } }, { uid: true });
      await client.messageMove(uids || [], folder, { uid: true });
    } finally {
      lock.release();
    }
  });

const everyone = (folders: string[], users = mailboxes) => Object.fromEntries(users.map((user) => [user, folders]));

/** One message to every mailbox in one SMTP transaction, as a campaign arrives; resolves once each INBOX has it. */
async function deliverCampaign(messageId: string, to = mailboxes) {
  const smtp = nodemailer.createTransport({
    host: "127.0.0.1",
    port: sandbox.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  await smtp.sendMail({
    from: "billing@contoso-invoices.test",
    to,
    subject: `Invoice overdue ${messageId}`,
    text: "Pay at https://contoso-invoices.test/pay",
    messageId,
  });
  const deadline = Date.now() + 20_000;
  while (Object.values(await foldersHolding(messageId, to)).some((folders) => !folders.includes("INBOX"))) {
    if (Date.now() > deadline) throw new Error(`${messageId} was not delivered to every INBOX`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ---- the tenant store and the action ---------------------------------------------------------------------------

/** The campaign's EmailEvents (one per mailbox, and the gone mailbox's last), a cluster of them, and a pending action. */
async function campaignAction(messageId: string, type: TEmailActionType) {
  const campaign = await campaignCluster(messageId, [...mailboxes, gone]);
  return { ...campaign, action: await newAction(type, campaign.cluster.id) };
}

type TMailSettings = { imapPort?: number; masterPassword?: string; doveadm?: boolean };

async function useSettings({
  imapPort = sandbox.imapPort,
  masterPassword = sandbox.masterPassword,
  doveadm = false,
}: TMailSettings) {
  const settings = {
    connector: "postfix-dovecot",
    imapHost: "127.0.0.1",
    imapPort,
    masterUser: sandbox.masterUser,
    masterPassword,
    doveadmUrl: doveadm ? sandbox.doveadmUrl : null,
    doveadmApiKey: doveadm ? sandbox.doveadmApiKey : null,
    // The sandbox is on loopback: allowed by setting.
    allowedInternalHosts: ["127.0.0.1"],
  };
  await prisma.mailSystemSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
}

/** Carries out (or retries) an action with these settings in force, as the decision does, and how long it took. */
async function execute(
  action: { id: number; type: string; clusterId: number | null },
  settings: TMailSettings,
  revertOf?: TEmailActionRun["revertOf"],
): Promise<TExecution & { ms: number }> {
  await useSettings(settings);
  const connector = await getMailConnector();
  const started = performance.now();
  const execution = await executeWith(connector, action, revertOf);
  return { ...execution, ms: Math.round(performance.now() - started) };
}

const results = async (actionId: number) =>
  Object.fromEntries(
    (await prisma.emailActionResult.findMany({ where: { actionId }, orderBy: { emailEventId: "asc" } })).map((row) => [
      row.emailEventId.toString(),
      {
        result: row.result,
        reason: row.reason,
        fromFolder: row.fromFolder,
        toFolder: row.toFolder,
        attempts: row.attempts,
      },
    ]),
  );

const locations = async (networkMessageId: string) =>
  Object.fromEntries(
    (
      await prisma.emailEvent.findMany({
        where: { networkMessageId },
        select: { recipientEmailAddress: true, latestDeliveryLocation: true },
      })
    ).map((row) => [row.recipientEmailAddress, row.latestDeliveryLocation]),
  );

/**
 * Dovecot's IMAP port behind a proxy that lets the first `allowed` connections through and closes the rest as soon
 * as they open: a server that goes away part of the way through an action.
 */
async function failingProxy(allowed: number): Promise<{ port: number; close: () => Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    if (++count > allowed) return void socket.destroy();
    const upstream = connect(sandbox.imapPort, "127.0.0.1");
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// ---- the tests ---------------------------------------------------------------------------------------------------

function dovecotHarness(settings: TMailSettings): TConnectorHarness {
  return {
    mailboxes: () => mailboxes,
    connector: async () => (await useSettings(settings), getMailConnector()),
    deliver: (messageId, users) => deliverCampaign(messageId, users),
    fileIn,
    foldersHolding: (messageId, users) => foldersHolding(messageId, users),
  };
}

describeMailConnector("postfix-dovecot over IMAP", dovecotHarness({}));
describeMailConnector("postfix-dovecot through doveadm's API", dovecotHarness({ doveadm: true }));

const GONE = FAILURE_REASONS.mailboxGone;

describe("the postfix-dovecot connector over IMAP", () => {
  const messageId = `<invoice-${uniqueTag()}@contoso-invoices.test>`;
  let campaign: Awaited<ReturnType<typeof campaignAction>>;

  beforeAll(async () => {
    await deliverCampaign(messageId);
    // A different message whose Message-ID differs only in case: IMAP's HEADER search finds it too.
    await deliverCampaign(messageId.toUpperCase(), [mailboxes[0]]);
    // One user had filed the campaign in Junk themselves.
    await fileIn(mailboxes[1], messageId, "Junk");
    campaign = await campaignAction(messageId, "softDelete");
  });

  it("soft-deletes what it can reach when the server goes away mid-way, and says why for the rest", async () => {
    const proxy = await failingProxy(10);
    try {
      const execution = await execute(campaign.action, { imapPort: proxy.port });
      expect(execution).toMatchObject({
        succeeded: 10,
        failed: 11,
        alreadyInDestination: 0,
        notInMailbox: 0,
        failures: { [`IMAP unreachable: 127.0.0.1:${proxy.port} connection closed`]: 11 },
      });
    } finally {
      await proxy.close();
    }
    expect((await prisma.action.findUniqueOrThrow({ where: { id: campaign.action.id } })).status).toBe(
      "PartiallyCompleted",
    );
    const held = await foldersHolding(messageId);
    expect(Object.values(held).filter((folders) => folders.join() === "Recoverable Items")).toHaveLength(10);
    expect(await prisma.emailPostDeliveryEvent.count({ where: { actionId: campaign.action.id } })).toBe(10);
  });

  it("retried with the server back, moves only the copies that failed: every INBOX is empty of it, Recoverable Items has it", async () => {
    const before = await results(campaign.action.id);
    const execution = await execute(campaign.action, {});
    console.info(
      `IMAP soft delete retry: ${execution.succeeded - 10} copies over ${MAILBOX_COUNT - 10} mailboxes in ${execution.ms} ms`,
    );
    expect(execution).toMatchObject({ succeeded: 20, failed: 1, alreadyInDestination: 0, failures: { [GONE]: 1 } });
    expect(await foldersHolding(messageId)).toEqual(everyone(["Recoverable Items"]));
    // The copy in Junk came from Junk; the decoy whose Message-ID matched the search but is not the campaign stayed.
    expect(await idsIn(mailboxes[0], "INBOX")).toEqual([messageId.toUpperCase()]);
    const after = await results(campaign.action.id);
    const first = Object.keys(before).filter((id) => before[id].result === "Success");
    for (const [id, result] of Object.entries(after)) {
      expect(result.attempts).toBe(first.includes(id) ? 1 : 2);
      if (result.result === "Success") expect(result.toFolder).toBe("Recoverable Items");
    }
    expect(
      Object.values(after)
        .map((result) => result.fromFolder)
        .sort(),
    ).toEqual([...Array(19).fill("INBOX"), "Junk", null]);
    expect(
      await prisma.emailPostDeliveryEvent.count({
        where: { actionId: campaign.action.id, action: "Soft delete", deliveryLocation: "Recoverable items" },
      }),
    ).toBe(20);
    expect(await locations(campaign.networkMessageId)).toEqual({
      ...Object.fromEntries(mailboxes.map((user) => [user, "Recoverable items"])),
      [gone]: "Inbox/folder",
    });
    expect((await prisma.action.findUniqueOrThrow({ where: { id: campaign.action.id } })).status).toBe(
      "PartiallyCompleted",
    );
  });

  it("retried again, tries only the gone mailbox and moves nothing twice", async () => {
    const execution = await execute(campaign.action, {});
    expect(execution).toMatchObject({ succeeded: 20, failed: 1, failures: { [GONE]: 1 } });
    const attempts = Object.values(await results(campaign.action.id)).map((result) => result.attempts);
    expect(attempts.filter((count) => count === 3)).toHaveLength(1);
    expect(await prisma.emailPostDeliveryEvent.count({ where: { actionId: campaign.action.id } })).toBe(20);
  });

  it("Move to Inbox puts every copy back in its own folder: the Inbox, and Junk for the copy its user had filed there", async () => {
    const revert = await newAction("moveToInbox", campaign.cluster.id, campaign.action.id);
    const execution = await execute(revert, {}, { actionId: campaign.action.id });
    console.info(
      `IMAP Move to Inbox: ${execution.succeeded} copies over ${MAILBOX_COUNT} mailboxes in ${execution.ms} ms`,
    );
    expect(execution).toMatchObject({ succeeded: 20, failed: 0, alreadyInDestination: 0 });
    expect(await foldersHolding(messageId)).toEqual({ ...everyone(["INBOX"]), [mailboxes[1]]: ["Junk"] });
    expect(await locations(campaign.networkMessageId)).toEqual({
      ...Object.fromEntries(mailboxes.map((user) => [user, "Inbox/folder"])),
      [mailboxes[1]]: "Junk folder",
      [gone]: "Inbox/folder",
    });
    expect(
      await prisma.emailPostDeliveryEvent.count({ where: { actionId: revert.id, action: "Moved to inbox" } }),
    ).toBe(20);
    const event = await prisma.emailEvent.findFirstOrThrow({
      where: { networkMessageId: campaign.networkMessageId, recipientEmailAddress: mailboxes[1] },
    });
    expect(event.additionalActions.slice(-2)).toEqual(["Soft delete: approved", "Moved to inbox: reverted"]);
  });

  it("Move to quarantine moves every copy to a Quarantine folder it creates, and Move to Inbox brings each back to its own", async () => {
    const quarantine = await newAction("moveToQuarantine", campaign.cluster.id);
    expect(await execute(quarantine, {})).toMatchObject({ succeeded: 20, failed: 1, failures: { [GONE]: 1 } });
    const quarantined = await Promise.all(
      mailboxes.map(async (user) => (await idsIn(user, "Quarantine")).includes(messageId)),
    );
    expect(quarantined.every(Boolean)).toBe(true);
    expect(await foldersHolding(messageId)).toEqual(everyone([]));
    const revert = await newAction("moveToInbox", campaign.cluster.id, quarantine.id);
    expect(await execute(revert, {}, { actionId: quarantine.id })).toMatchObject({ succeeded: 20, failed: 0 });
    expect(await foldersHolding(messageId)).toEqual({ ...everyone(["INBOX"]), [mailboxes[1]]: ["Junk"] });
  });

  it("hard delete expunges every copy wherever it is", async () => {
    const action = await newAction("hardDelete", campaign.cluster.id);
    const execution = await execute(action, {});
    expect(execution).toMatchObject({ succeeded: 20, failed: 1, failures: { [GONE]: 1 } });
    expect(await foldersHolding(messageId)).toEqual(everyone([]));
    expect(await idsIn(mailboxes[0], "INBOX")).toEqual([messageId.toUpperCase()]);
    expect(
      Object.values(await results(action.id))
        .filter((result) => result.result === "Success")
        .every((result) => result.toFolder === null),
    ).toBe(true);
  });
});

describe("the postfix-dovecot connector through doveadm's HTTP API", () => {
  const messageId = `<payroll-${uniqueTag()}@contoso-invoices.test>`;
  let campaign: Awaited<ReturnType<typeof campaignAction>>;

  beforeAll(async () => {
    await deliverCampaign(messageId);
    campaign = await campaignAction(messageId, "softDelete");
  });

  it("soft-deletes the campaign from every mailbox in two requests, and names the gone mailbox", async () => {
    const execution = await execute(campaign.action, { doveadm: true });
    console.info(
      `doveadm soft delete: ${execution.succeeded} copies over ${MAILBOX_COUNT} mailboxes in ${execution.ms} ms`,
    );
    expect(execution).toMatchObject({ succeeded: 20, failed: 1, failures: { [GONE]: 1 } });
    expect(await foldersHolding(messageId)).toEqual(everyone(["Recoverable Items"]));
  });

  it("fails a revert visibly while Dovecot is down, and the retry once it is back moves every copy once", async () => {
    const revert = await newAction("moveToJunk", campaign.cluster.id, campaign.action.id);
    const revertOf = { actionId: campaign.action.id };
    await stopDovecot(sandbox);
    try {
      const down = await execute(revert, { doveadm: true }, revertOf);
      expect(down).toMatchObject({
        succeeded: 0,
        failed: 20,
        failures: { "doveadm API unreachable: connection refused": 20 },
      });
      expect((await prisma.action.findUniqueOrThrow({ where: { id: revert.id } })).status).toBe("Failed");
    } finally {
      await startDovecot(sandbox);
    }
    const retried = await execute(revert, { doveadm: true }, revertOf);
    expect(retried).toMatchObject({ succeeded: 20, failed: 0 });
    expect(await foldersHolding(messageId)).toEqual(everyone(["Junk"]));
    expect(
      Object.values(await results(revert.id)).every(
        (result) => result.attempts === 2 && result.fromFolder === "Recoverable Items" && result.toFolder === "Junk",
      ),
    ).toBe(true);
    expect(
      await prisma.emailPostDeliveryEvent.count({
        where: { actionId: revert.id, action: "Moved to junk folder", deliveryLocation: "Junk folder" },
      }),
    ).toBe(20);
  });
});

// Last: Dovecot slows every login from an address that was refused, which would skew the timings above.
describe("the postfix-dovecot connector with a wrong master password", () => {
  it("fails every copy at once, saying so", async () => {
    const { action } = await campaignAction(`<never-sent-${uniqueTag()}@contoso-invoices.test>`, "softDelete");
    const logStart = statSync(sandbox.dovecotLogPath).size;
    const execution = await execute(action, { masterPassword: "not-the-password" });
    console.info(`IMAP with a wrong master password: ${execution.failed} copies failed in ${execution.ms} ms`);
    expect(execution).toMatchObject({
      succeeded: 0,
      failed: 21,
      failures: { "IMAP master user login failed: AUTHENTICATIONFAILED": 21 },
    });
    // Two refused logins (Dovecot delays each by 2 s or more, longer after each), not one per mailbox.
    const log = readFileSync(sandbox.dovecotLogPath, "utf8").slice(logStart);
    expect(log.match(/auth failed/g)).toHaveLength(2);
  });
});
