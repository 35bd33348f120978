// The user-reported message playbook end to end on real PostgreSQL: a report of one copy of a campaign finds its
// clusters, an approval or the automation settings remediate them, and Move to Inbox undoes it.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as revertRoute } from "@/app/api/v1/actions/[id]/revert/route";
import { listActions } from "@/server/actions/actions.queries";
import { ZActionListQuery } from "@/server/actions/actions.schemas";
import { decideAction } from "@/server/actions/decide-action";
import { remediateAutomatically } from "@/server/actions/remediate-automatically";
import { AUTOMATION, type TPrincipal } from "@/server/auth/principal";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";
import { submitMessage } from "@/server/submissions/submit-message";
import { insertEmails, sha256Of } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const ORG = "contoso.test";
const ANALYST: TPrincipal = { kind: "user", id: null, name: "Olga Analyst", role: "operator" };
const mailboxes = Array.from({ length: 100 }, (_, index) => `user${index}@${ORG}`);
let operatorToken: string;

/** A campaign from a look-alike domain: one URL on a look-alike host in every copy, one file in some. */
async function sendCampaign(tag: string, { messages, recipientsEach }: { messages: number; recipientsEach: number }) {
  const subject = `Your mailbox is almost full ${tag}`;
  const url = `https://login.contoso-verify.test/reset/${tag}`;
  const fingerprint = bodyFingerprint(subject, `Dear user, your mailbox is full. Verify your account now. ${tag}`);
  const base = {
    timestamp: new Date(Date.now() - 30 * 60_000),
    sender: `helpdesk@c0ntoso-${tag}.test`,
    senderDisplayName: "Contoso IT Helpdesk",
    subject,
    bodyFingerprint: fingerprint,
    urls: [url],
  };
  const copies = await insertEmails(
    Array.from({ length: messages }, (_, index) => ({
      ...base,
      recipients: Array.from({ length: recipientsEach }, (_, offset) => mailboxes[(index + offset) % mailboxes.length]),
      attachments:
        index % 2 === 0
          ? [
              {
                fileName: `invoice-${tag}.html`,
                sha256: sha256Of(`payload ${tag}`),
                threatTypes: index === 0 ? ["Malware"] : [],
              },
            ]
          : [],
    })),
  );
  return { url, copies, total: messages * recipientsEach };
}

async function reportAndRun(copy: { networkMessageId: string; recipients: string[] }) {
  const submitted = await submitMessage(
    { kind: "networkMessageId", networkMessageId: copy.networkMessageId, reporter: copy.recipients[0] },
    ANALYST,
  );
  await runInvestigation(submitted.investigationId, { isLastAttempt: false });
  return submitted;
}

const clusterAction = (investigationId: number, kind: string) =>
  prisma.action.findFirstOrThrow({ where: { investigationId, cluster: { kind } }, include: { cluster: true } });
const locations = (clusterId: number) =>
  prisma.$queryRaw<
    { location: string; count: bigint }[]
  >`select e."latestDeliveryLocation" as location, count(*) as count from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId" where m."clusterId" = ${clusterId} group by 1`.then(
    (rows) => Object.fromEntries(rows.map((row) => [row.location, Number(row.count)])),
  );

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: mailboxes.map((address, index) => ({
      address,
      displayName: `User ${index}`,
      department: "Sales",
      country: "US",
    })),
  });
  operatorToken = await makeToken("operator");
});

describe("a reported phish with automation off", () => {
  let investigationId: number;
  let campaign: Awaited<ReturnType<typeof sendCampaign>>;

  beforeAll(async () => {
    campaign = await sendCampaign("manual", { messages: 40, recipientsEach: 1 });
    ({ investigationId } = await reportAndRun(campaign.copies[2]));
  });

  it("ends Pending action with a Similar URLs cluster of every copy waiting for approval", async () => {
    const investigation = await prisma.investigation.findUniqueOrThrow({
      where: { id: investigationId },
      include: { steps: true },
    });
    expect(investigation.status).toBe("PendingAction");
    expect(investigation.steps.every((step) => step.status === "Completed")).toBe(true);
    const action = await clusterAction(investigationId, "similarUrls");
    expect(action).toMatchObject({ type: "softDelete", status: "Pending", source: "AutomatedInvestigation" });
    expect(action.cluster?.messageCount).toBe(40);
    expect(action.cluster?.countsByLocation).toEqual({ "Inbox/folder": 40 });
    const files = await clusterAction(investigationId, "similarFiles");
    expect(files.cluster?.messageCount).toBe(20);
    const submission = await prisma.submission.findFirstOrThrow({ where: { investigationId } });
    expect(submission.verdict).toBe("Malicious");
    const blocks = await prisma.action.findMany({
      where: { investigationId, type: { in: ["blockUrl", "blockSender"] } },
      select: { type: true, entity: true },
    });
    expect(blocks).toContainEqual({ type: "blockUrl", entity: campaign.url });
  });

  it("moves every copy out of the inboxes on approval, and Move to Inbox brings each back once", async () => {
    const action = await clusterAction(investigationId, "similarUrls");
    const decided = await decideAction(action.id, "approve", "confirmed phish", ANALYST);
    expect(decided).toMatchObject({ status: "Completed", successCount: 40, failedCount: 0 });
    expect(await locations(action.clusterId!)).toEqual({ "Recoverable items": 40 });
    const events = await prisma.emailPostDeliveryEvent.groupBy({
      by: ["actionType", "actionTrigger", "action"],
      where: { actionId: action.id },
      _count: true,
    });
    expect(events).toEqual([
      { actionType: "Automated Remediation", actionTrigger: "AdminAction", action: "Soft delete", _count: 40 },
    ]);

    const revert = await revertRoute(
      apiRequest(`/api/v1/actions/${action.id}/revert`, {
        method: "POST",
        token: operatorToken,
        body: { to: "inbox", comment: "false positive after all" },
      }),
      routeContext({ id: String(action.id) }),
    );
    expect(revert.status).toBe(200);
    const reverted = await revert.json();
    expect(reverted).toMatchObject({ revertOfId: action.id, status: "Completed", successCount: 40, failedCount: 0 });
    expect(await locations(action.clusterId!)).toEqual({ "Inbox/folder": 40 });
    expect(await prisma.action.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({ status: "Reverted" });
    expect(await prisma.action.findUniqueOrThrow({ where: { id: reverted.id } })).toMatchObject({
      type: "moveToInbox",
      source: "Manual",
      revertOfId: action.id,
    });

    const again = await revertRoute(
      apiRequest(`/api/v1/actions/${action.id}/revert`, { method: "POST", token: operatorToken, body: { to: "junk" } }),
      routeContext({ id: String(action.id) }),
    );
    expect(again.status).toBe(409);
    const bad = await revertRoute(
      apiRequest(`/api/v1/actions/${action.id}/revert`, {
        method: "POST",
        token: operatorToken,
        body: { to: "trash" },
      }),
      routeContext({ id: String(action.id) }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("body.to");
  });
});

describe("a reported phish with Similar URLs automated", () => {
  let investigationId: number;

  beforeAll(async () => {
    await prisma.automationSettings.update({ where: { id: 1 }, data: { similarUrls: true, similarFiles: false } });
    const campaign = await sendCampaign("auto", { messages: 30, recipientsEach: 2 });
    ({ investigationId } = await reportAndRun(campaign.copies[0]));
  });

  it("soft-deletes the URL cluster with no approval, decided by Automation, and leaves the file cluster pending", async () => {
    const urls = await clusterAction(investigationId, "similarUrls");
    expect(urls).toMatchObject({
      status: "Completed",
      decidedBy: "Automation",
      source: "AutomatedEmailAction",
      successCount: 60,
    });
    expect(await locations(urls.clusterId!)).toEqual({ "Recoverable items": 60 });
    expect((await clusterAction(investigationId, "similarFiles")).status).toBe("Pending");
    const automated = await prisma.emailPostDeliveryEvent.count({
      where: { actionId: urls.id, actionType: "Automated Remediation", actionTrigger: "Automation" },
    });
    expect(automated).toBe(60);
    const explorerRows = await prisma.emailEvent.count({
      where: { additionalActions: { has: "Automated remediation: automated" } },
    });
    expect(explorerRows).toBe(60);
    const history = await listActions(ZActionListQuery.parse({ view: "history", decidedBy: "automation" }));
    expect(history.items.map((item) => item.id)).toContain(urls.id);
    expect(history.items.every((item) => item.decidedBy === "Automation")).toBe(true);
  });

  it("says on the run's last step what automation did", async () => {
    const step = await prisma.investigationStep.findFirstOrThrow({
      where: { investigationId, key: "remediation-plan" },
    });
    expect(step.findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Remediated automatically: Soft delete email on Messages with the URL/),
      ]),
    );
  });
});

describe("a cluster of more than 10,000 messages", () => {
  it("waits as Pending with automation on, and is remediated automatically at 10,000", async () => {
    await prisma.automationSettings.update({ where: { id: 1 }, data: { similarUrls: true } });
    const url = "https://login.contoso-verify.test/reset/large";
    const sender = "helpdesk@c0ntoso-large.test";
    // 10,000 copies in one statement (the factory's createMany takes half a minute for this many), then the reported 10,001st.
    await prisma.$executeRaw`
      insert into "EmailEvent" (timestamp, "networkMessageId", "internetMessageId", "senderFromAddress", "senderFromDomain", "senderMailFromAddress",
        "senderMailFromDomain", "senderDisplayName", "recipientEmailAddress", subject, "emailDirection", "deliveryAction", "deliveryLocation",
        "latestDeliveryLocation", "urlCount", "reportId")
      select now() - interval '20 minutes', id, '<' || id || '@bulk.test>', ${sender}, 'c0ntoso-large.test', ${sender}, 'c0ntoso-large.test', 'Contoso IT',
        'user' || (n % 100) || '@contoso.test', 'Mailbox quota', 'Inbound', 'Delivered', 'Inbox/folder', 'Inbox/folder', 1, id || '-bulk'
      from (select n, gen_random_uuid() as id from generate_series(1, 10000) n) copies`;
    await prisma.$executeRaw`
      insert into "EmailUrlInfo" (timestamp, "networkMessageId", url, "urlDomain", "reportId")
      select timestamp, "networkMessageId", ${url}, 'login.contoso-verify.test', "networkMessageId"::text from "EmailEvent" where "senderFromDomain" = 'c0ntoso-large.test'`;
    const extra = await insertEmails([
      {
        timestamp: new Date(Date.now() - 60_000),
        sender,
        subject: "one more",
        urls: [url],
        recipients: [mailboxes[0]],
      },
    ]);
    const { investigationId } = await reportAndRun(extra[0]);
    const action = await clusterAction(investigationId, "similarUrls");
    expect(action.cluster?.messageCount).toBe(10_001);
    expect(action.status).toBe("Pending");
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } })).status).toBe(
      "PendingAction",
    );
    const step = await prisma.investigationStep.findFirstOrThrow({
      where: { investigationId, key: "remediation-plan" },
    });
    expect((step.findings as string[]).join("\n")).toContain(
      "10,001 messages is more than the 10,000 automated remediation handles",
    );

    // At the limit it goes through: 10,000 is still automatic.
    await prisma.emailClusterMember.deleteMany({
      where: {
        clusterId: action.clusterId!,
        emailEventId: (
          await prisma.emailEvent.findFirstOrThrow({ where: { networkMessageId: extra[0].networkMessageId } })
        ).id,
      },
    });
    await prisma.emailCluster.update({ where: { id: action.clusterId! }, data: { messageCount: 10_000 } });
    const automated = await remediateAutomatically(investigationId);
    expect(automated.executed).toEqual([{ id: action.id, status: "Completed" }]);
    expect(await prisma.action.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({
      decidedBy: "Automation",
      successCount: 10_000,
    });
  });

  it("never runs an automated action twice", async () => {
    const before = await prisma.emailPostDeliveryEvent.count();
    const investigation = await prisma.investigation.findFirstOrThrow({ where: { name: { contains: "one more" } } });
    expect((await remediateAutomatically(investigation.id)).executed).toEqual([]);
    await expect(
      decideAction((await clusterAction(investigation.id, "similarUrls")).id, "approve", undefined, AUTOMATION),
    ).resolves.toMatchObject({ isNewDecision: false });
    expect(await prisma.emailPostDeliveryEvent.count()).toBe(before);
  });
});
