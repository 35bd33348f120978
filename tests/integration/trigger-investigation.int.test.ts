// Threat Explorer → Actions → Trigger investigation: the alert a SIEM sees, a Manual run on the selection, and the
// limit on how much can be selected.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as triggerRoute } from "@/app/api/v1/investigations/route";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const mailboxes = Array.from({ length: 12 }, (_, index) => `person${index}@contoso.test`);
let operatorToken: string;
let readerToken: string;
const trigger = (body: unknown, token = operatorToken) =>
  triggerRoute(apiRequest("/api/v1/investigations", { method: "POST", token, body }), routeContext());

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: mailboxes.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
  operatorToken = await makeToken("operator");
  readerToken = await makeToken("reader");
});

describe("triggering an investigation from a selection", () => {
  it("raises Investigation triggered manually and runs the Manual playbook on the ticked messages", async () => {
    const url = "https://portal.contoso-docs.test/invoice";
    const copies = await insertEmails(
      mailboxes.map((recipient) => ({
        timestamp: new Date(Date.now() - 3_600_000),
        sender: "billing@c0ntoso.test",
        subject: "Invoice overdue",
        urls: [url],
        recipients: [recipient],
      })),
    );
    const response = await trigger({ networkMessageIds: copies.slice(0, 3).map((copy) => copy.networkMessageId) });
    expect(response.status).toBe(201);
    const { alertId, investigationId, messageCount } = await response.json();
    expect(messageCount).toBe(3);
    expect(await prisma.alert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({
      policyId: "investigation-triggered-manually",
      severity: "Informational",
      investigationId,
      detectionSource: "Threat Explorer",
    });

    await runInvestigation(investigationId, { isLastAttempt: false });
    const run = await prisma.investigation.findUniqueOrThrow({
      where: { id: investigationId },
      include: { steps: true, clusters: true },
    });
    expect(run).toMatchObject({ playbook: "Manual", status: "PendingAction" });
    expect(run.steps.every((step) => step.status === "Completed")).toBe(true);
    const byKind = Object.fromEntries(run.clusters.map((cluster) => [cluster.kind, cluster.messageCount]));
    // The three ticked copies, and every copy of the campaign through its malicious URL.
    expect(byKind).toMatchObject({ selection: 3, similarUrls: 12 });
    const actions = await prisma.action.findMany({
      where: { investigationId },
      select: { type: true, status: true, cluster: { select: { kind: true } } },
    });
    expect(actions).toEqual(
      expect.arrayContaining([
        { type: "softDelete", status: "Pending", cluster: { kind: "selection" } },
        { type: "softDelete", status: "Pending", cluster: { kind: "similarUrls" } },
      ]),
    );
  });

  it("takes a search as the selection, with its window frozen when triggered", async () => {
    // A partner that has written for weeks: nothing new, nothing malicious.
    await insertEmails([
      {
        timestamp: new Date(Date.now() - 10 * 86_400_000),
        sender: "news@fabrikam.example",
        subject: "Weekly",
        urls: ["https://fabrikam.example/news"],
        recipients: mailboxes.slice(5, 6),
      },
      {
        timestamp: new Date(Date.now() - 2 * 3_600_000),
        sender: "news@fabrikam.example",
        subject: "Weekly",
        urls: ["https://fabrikam.example/news"],
        recipients: mailboxes.slice(0, 4),
      },
    ]);
    const response = await trigger({ filters: { sender: "news@fabrikam.example", range: "24h" } });
    expect(response.status).toBe(201);
    const { investigationId, messageCount } = await response.json();
    expect(messageCount).toBe(4);
    const { input } = await prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } });
    expect(input).toMatchObject({
      selection: { filters: { sender: "news@fabrikam.example", from: expect.any(String), to: expect.any(String) } },
    });
    await runInvestigation(investigationId, { isLastAttempt: false });
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } })).status).toBe(
      "NoThreatsFound",
    );
  });

  it("refuses more than 200,000 messages, an empty selection, a bad body and a reader", async () => {
    await prisma.$executeRaw`
      insert into "EmailEvent" (timestamp, "networkMessageId", "internetMessageId", "senderFromAddress", "senderFromDomain", "senderMailFromAddress",
        "senderMailFromDomain", "senderDisplayName", "recipientEmailAddress", subject, "emailDirection", "deliveryAction", "deliveryLocation", "latestDeliveryLocation", "reportId")
      select now() - interval '1 hour', id, '<' || id || '@bulk.test>', 'bulk@mass.test', 'mass.test', 'bulk@mass.test', 'mass.test', 'Bulk', 'person1@contoso.test',
        'Bulk', 'Inbound', 'Delivered', 'Inbox/folder', 'Inbox/folder', id || '-bulk'
      from (select gen_random_uuid() as id from generate_series(1, 200001)) rows`;
    const tooMany = await trigger({ filters: { senderDomain: "mass.test", range: "24h" } });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.message).toContain("more than 200,000 messages");
    expect((await trigger({ filters: { sender: "nobody@nowhere.test", range: "24h" } })).status).toBe(400);
    const bad = await trigger({ networkMessageIds: ["not-a-guid"] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toMatch(/^body/);
    expect((await trigger({ networkMessageIds: [crypto.randomUUID()] }, readerToken)).status).toBe(403);
  });
});
