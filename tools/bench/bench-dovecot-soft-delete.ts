import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { decideAction } from "@/server/actions/decide-action";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { runDoveadm } from "@/server/connectors/dovecot/doveadm-client";
import { startMailSandbox, type TMailSandbox } from "../mail-sandbox/mail-sandbox";
import { makeOperator } from "./bench-soft-delete-cluster";
import { median, ms, timed } from "./bench-stats";
import type { BenchContext } from "./bench.types";

// Target: approving a soft delete of a 10,000-message cluster spread over 200 mailboxes, every copy moved in Dovecot
// and mirrored in the tenant store, in at most 10 s.
const TARGET_MS = 10_000;
const MAILBOXES = 200;
// A campaign of 50 messages, each sent to every mailbox: 50 copies per mailbox, 10,000 in all.
const CAMPAIGN_MESSAGES = 50;
const MESSAGES = MAILBOXES * CAMPAIGN_MESSAGES;
// As many other messages in each INBOX, which the searches must leave where they are.
const OTHER_MESSAGES = 50;
const LMTP_CONNECTIONS = 4;
const DOMAIN = "bench-dovecot.test";
const SENDER = { name: "Contoso Billing", address: "billing@contoso-invoices.test", domain: "contoso-invoices.test" };
const INBOX = "INBOX";
const RECOVERABLE = "Recoverable Items";

type TConnector = "doveadm" | "imap";

/**
 * A real Dovecot (the mail sandbox) with 200 mailboxes, each holding the 50 messages of a campaign among 50 others,
 * and a tenant store with one EmailEvent per copy in one cluster. Three measurements, each from every copy in its
 * INBOX: the approval of a pending soft delete end to end through the postfix-dovecot connector with doveadm's HTTP
 * API, the same with IMAP as a master user, and the floor Dovecot offers: one raw doveadm `move` of the same copies
 * over all users in one API request. Each is checked in Dovecot (no copy left in an INBOX, all 10,000 in
 * Recoverable Items) and put back with a raw move, checked too. Round 0 warms Dovecot's caches and is not counted; the order
 * rotates from round to round.
 */
export async function benchDovecotSoftDelete({ rounds, log }: BenchContext) {
  const mailboxes = Array.from({ length: MAILBOXES }, (_, n) => `user${String(n + 1).padStart(3, "0")}@${DOMAIN}`);
  const sandbox = await startMailSandbox({ mailboxes });
  try {
    const tag = randomUUID().slice(0, 8);
    const messageIds = Array.from(
      { length: CAMPAIGN_MESSAGES },
      (_, n) => `<invoice-${n + 1}-${tag}@contoso-invoices.test>`,
    );
    const deliveryMs = await timed(() => deliver(sandbox, messageIds, tag));
    await expectCampaign(sandbox, messageIds, INBOX);
    log(
      `dovecotSoftDelete: ${MESSAGES} campaign copies and ${MAILBOXES * OTHER_MESSAGES} others delivered over LMTP to ${MAILBOXES} mailboxes in ${(deliveryMs / 1000).toFixed(1)} s`,
    );

    const operator = await makeOperator();
    const { investigationId, clusterId } = await seedTenantStore(mailboxes, messageIds);
    const measure: Record<TConnector | "raw", (round: number) => Promise<number>> = {
      doveadm: (round) => approve(sandbox, "doveadm", { investigationId, clusterId, operator, messageIds, round }),
      imap: (round) => approve(sandbox, "imap", { investigationId, clusterId, operator, messageIds, round }),
      raw: async () => {
        const elapsed = await timed(() => rawMove(sandbox, messageIds, INBOX, RECOVERABLE));
        await expectCampaign(sandbox, messageIds, RECOVERABLE);
        return elapsed;
      },
    };
    const names = Object.keys(measure) as (keyof typeof measure)[];
    const times: Record<keyof typeof measure, number[]> = { doveadm: [], imap: [], raw: [] };
    for (let round = 0; round <= rounds; round++) {
      const order = names.map((_, index) => names[(index + round) % names.length]);
      const roundTimes: Partial<Record<keyof typeof measure, number>> = {};
      for (const name of order) {
        roundTimes[name] = await measure[name](round);
        await rawMove(sandbox, messageIds, RECOVERABLE, INBOX);
        await expectCampaign(sandbox, messageIds, INBOX);
      }
      log(
        `dovecotSoftDelete: round ${round}${round ? "" : " (warm-up)"}: ${order.map((name) => `${name} ${roundTimes[name]!.toFixed(0)} ms`).join(", ")}`,
      );
      if (round === 0) continue;
      for (const name of names) times[name].push(roundTimes[name]!);
    }
    const [connectorDoveadmMs, connectorImapMs, rawDoveadmMs] = [times.doveadm, times.imap, times.raw].map(median);
    return {
      mailboxes: MAILBOXES,
      messages: MESSAGES,
      otherMessages: MAILBOXES * OTHER_MESSAGES,
      delivery: `LMTP straight to Dovecot (indexed at delivery), one transaction of ${MAILBOXES} recipients per message, ${LMTP_CONNECTIONS} connections`,
      deliveryMs: ms(deliveryMs),
      rounds,
      connectorDoveadmMs: ms(connectorDoveadmMs),
      connectorImapMs: ms(connectorImapMs),
      rawDoveadmMs: ms(rawDoveadmMs),
      ratio: Number((connectorDoveadmMs / rawDoveadmMs).toFixed(2)),
      targetMs: TARGET_MS,
    };
  } finally {
    await sandbox.stop();
  }
}

/**
 * Every message once over LMTP with all the mailboxes as recipients, as Postfix's virtual transport hands mail to
 * Dovecot: Dovecot writes each copy and updates the mailbox's index as it delivers, so nothing is left to index later.
 */
async function deliver(sandbox: TMailSandbox, campaignIds: string[], tag: string): Promise<void> {
  const lmtp = nodemailer.createTransport({
    host: "127.0.0.1",
    port: sandbox.lmtpPort,
    lmtp: true,
    pool: true,
    maxConnections: LMTP_CONNECTIONS,
    maxMessages: Infinity,
  });
  const campaign = campaignIds.map((messageId, n) => ({
    messageId,
    from: { name: SENDER.name, address: SENDER.address },
    subject: campaignSubject(n),
    text: `Your invoice INV-${4711 + n} is overdue. Pay now at https://contoso-invoices.test/pay/${tag}/${n} to avoid a late fee.\n`,
  }));
  const others = Array.from({ length: OTHER_MESSAGES }, (_, n) => ({
    messageId: `<weekly-${n + 1}-${tag}@${DOMAIN}>`,
    from: { name: `Team ${n + 1}`, address: `team${n + 1}@${DOMAIN}` },
    subject: `Weekly status ${n + 1}`,
    text: `Notes of the week ${n + 1}: see https://intranet.${DOMAIN}/status/${n}\n`,
  }));
  try {
    await Promise.all(
      [...campaign, ...others].map(async (message) => {
        const sent = await lmtp.sendMail({
          ...message,
          to: `All staff <staff@${DOMAIN}>`,
          envelope: { from: message.from.address, to: [...sandbox.mailboxes] },
        });
        if (sent.accepted.length !== MAILBOXES)
          throw new Error(
            `LMTP delivered ${message.messageId} to ${sent.accepted.length} of ${MAILBOXES} mailboxes: ${JSON.stringify(sent.rejected)}`,
          );
      }),
    );
  } finally {
    lmtp.close();
  }
}

const campaignSubject = (n: number) => `Invoice INV-${4711 + n} overdue: action required`;

/** The organisation's mailboxes, one EmailEvent per delivered copy of the campaign, a cluster of them under an investigation. */
async function seedTenantStore(
  mailboxes: string[],
  messageIds: string[],
): Promise<{ investigationId: number; clusterId: number }> {
  await prisma.mailbox.createMany({
    data: mailboxes.map((address) => ({
      address,
      displayName: address.split("@")[0],
      department: "Finance",
      country: "US",
    })),
  });
  // One row per message and mailbox, made by PostgreSQL from the two lists.
  const events = await prisma.$executeRaw`
    insert into "EmailEvent" (timestamp, "networkMessageId", "internetMessageId", "senderFromAddress", "senderFromDomain", "senderMailFromAddress",
      "senderMailFromDomain", "senderDisplayName", "recipientEmailAddress", subject, "emailDirection", "deliveryAction", "deliveryLocation",
      "latestDeliveryLocation", "urlCount", "reportId")
    select now(), m.nmid, m.id, ${SENDER.address}, ${SENDER.domain}, ${SENDER.address}, ${SENDER.domain}, ${SENDER.name}, r.address, m.subject,
      'Inbound', 'Delivered', 'Inbox/folder', 'Inbox/folder', 1, m.nmid::text || '-' || r.address
    from unnest(${messageIds}::text[], ${messageIds.map(() => randomUUID())}::uuid[], ${messageIds.map((_, n) => campaignSubject(n))}::text[]) as m(id, nmid, subject)
    cross join unnest(${mailboxes}::text[]) as r(address)`;
  if (events !== MESSAGES) throw new Error(`${events} EmailEvents made, not ${MESSAGES}`);
  const investigation = await prisma.investigation.create({
    data: {
      name: "Email reported by user as malware or phish",
      playbook: "UserReportedMessage",
      status: "PendingAction",
      detectionSource: "bench",
      users: [],
    },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      investigationId: investigation.id,
      kind: "similarUrls",
      name: "Invoice overdue campaign",
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: MESSAGES,
    },
  });
  const members =
    await prisma.$executeRaw`insert into "EmailClusterMember" ("clusterId", "emailEventId") select ${cluster.id}, id from "EmailEvent"`;
  if (members !== MESSAGES) throw new Error(`the cluster has ${members} members, not ${MESSAGES}`);
  return { investigationId: investigation.id, clusterId: cluster.id };
}

type TApproval = {
  investigationId: number;
  clusterId: number;
  operator: TPrincipal;
  messageIds: string[];
  round: number;
};

/**
 * A pending soft delete approved as an operator approves it, with the connector set to doveadm's API or to IMAP as a
 * master user; timed from the call to its return. The tenant store starts as delivered (every copy in the Inbox, no
 * post-delivery events, the run waiting) and ends with every copy in Recoverable items, as Dovecot does.
 */
async function approve(
  sandbox: TMailSandbox,
  connector: TConnector,
  { investigationId, clusterId, operator, messageIds, round }: TApproval,
): Promise<number> {
  await useConnector(sandbox, connector);
  await resetTenantStore(investigationId);
  const action = await prisma.action.create({
    data: {
      investigationId,
      clusterId,
      type: "softDelete",
      source: "AutomatedInvestigation",
      entity: "Similar URLs",
      dedupKey: `bench-dovecot-soft-delete-${connector}-${round}`,
    },
  });
  let failures = "";
  const elapsed = await timed(async () => {
    const decided = await decideAction(action.id, "approve", undefined, operator);
    if (decided.successCount !== MESSAGES || decided.failedCount)
      failures = `${decided.successCount} moved, ${decided.failedCount} failed`;
  });
  if (failures) {
    const { result } = await prisma.action.findUniqueOrThrow({ where: { id: action.id }, select: { result: true } });
    throw new Error(
      `the ${connector} connector did not move all ${MESSAGES} copies (${failures}): ${JSON.stringify(result)}`,
    );
  }
  await expectCampaign(sandbox, messageIds, RECOVERABLE);
  const mirrored = await prisma.emailEvent.count({ where: { latestDeliveryLocation: "Recoverable items" } });
  if (mirrored !== MESSAGES)
    throw new Error(`the tenant store shows ${mirrored} of ${MESSAGES} copies in Recoverable items`);
  return elapsed;
}

async function useConnector(sandbox: TMailSandbox, connector: TConnector): Promise<void> {
  const settings = {
    connector: "postfix-dovecot",
    imapHost: sandbox.host,
    imapPort: sandbox.imapPort,
    masterUser: sandbox.masterUser,
    masterPassword: sandbox.masterPassword,
    // The connector prefers doveadm's API when it is set: without it, it moves over IMAP.
    doveadmUrl: connector === "doveadm" ? sandbox.doveadmUrl : null,
    doveadmApiKey: connector === "doveadm" ? sandbox.doveadmApiKey : null,
    // The sandbox is on loopback: allowed by setting.
    allowedInternalHosts: [sandbox.host],
  };
  await prisma.mailSystemSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
}

async function resetTenantStore(investigationId: number): Promise<void> {
  await prisma.$executeRaw`update "EmailEvent" set "latestDeliveryLocation" = 'Inbox/folder', "latestDeliveryAction" = null, "additionalActions" = '{}'`;
  await prisma.$executeRaw`delete from "EmailPostDeliveryEvent"`;
  await prisma.investigation.update({ where: { id: investigationId }, data: { status: "PendingAction" } });
  await prisma.$executeRawUnsafe(`VACUUM "EmailEvent", "EmailPostDeliveryEvent"`);
}

/** doveadm's query for the campaign's copies in one folder: `mailbox F ( header message-id <a> OR header message-id <b> … )`. */
function campaignQuery(messageIds: string[], folder: string): string[] {
  return [
    "mailbox",
    folder,
    "(",
    ...messageIds.flatMap((id, index) => [...(index ? ["OR"] : []), "header", "message-id", id]),
    ")",
  ];
}

/** What an admin would type: one `doveadm move -A` of every copy of the campaign, in one request to the API. */
async function rawMove(sandbox: TMailSandbox, messageIds: string[], from: string, to: string): Promise<void> {
  await doveadm(sandbox, ["move", { allUsers: true, destinationMailbox: to, query: campaignQuery(messageIds, from) }]);
}

/** Every copy of the campaign is in `folder` and none is left in the other one, in Dovecot itself. */
async function expectCampaign(sandbox: TMailSandbox, messageIds: string[], folder: string): Promise<void> {
  const count = async (inFolder: string) =>
    (await doveadm(sandbox, ["search", { allUsers: true, query: campaignQuery(messageIds, inFolder) }])).length;
  const [there, left] = await Promise.all([count(folder), count(folder === INBOX ? RECOVERABLE : INBOX)]);
  if (there !== MESSAGES || left !== 0)
    throw new Error(`Dovecot holds ${there} of the ${MESSAGES} copies in ${folder} and ${left} elsewhere`);
}

async function doveadm(
  sandbox: TMailSandbox,
  command: [string, Record<string, unknown>],
): Promise<Record<string, string>[]> {
  const [answer] = await runDoveadm(
    { url: sandbox.doveadmUrl, apiKey: sandbox.doveadmApiKey, allowedInternalHosts: [sandbox.host] },
    [command],
  );
  if ("error" in answer) throw new Error(`doveadm ${command[0]}: ${answer.error}`);
  return answer.rows;
}
