// A detection rule that recommends an email action: its soft delete waits in the Action center, unless the automation
// settings let automation remediate the cluster its matches make (Similar files for a rule about a file's copies,
// Similar URLs for one about a URL's messages), as a playbook's remediation step does; then Automation decides it,
// audited as any decision is.
import { beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { createDetectionRule } from "@/server/detection-rules/detection-rules.service";
import { runDetectionRule } from "@/server/detection-rules/run-detection-rule";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { sendPhishCampaign } from "@/server/simulator/simulate-phish-campaign";

const RECIPIENTS = 20;

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await simulateOrg({ seed: 6, mailboxes: 40, days: 1, now: new Date() });
}, 180_000);

const setAutomation = (settings: { similarFiles: boolean; similarUrls: boolean }) =>
  prisma.automationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });

/** A campaign, and a rule over its attachment's copies whose alerts are about `entity` (the first entity column). */
async function campaignAndRule(seed: number, entity: "SHA256" | "SenderFromAddress") {
  const { plan } = await sendPhishCampaign({ seed, recipients: RECIPIENTS, now: new Date(Date.now() - 60_000) });
  const rule = await createDetectionRule(
    {
      name: `Copies of the file of campaign ${seed}, by ${entity}`,
      description: "",
      query: `EmailAttachmentInfo\n| where SHA256 == "${plan.attachment.sha256}"\n| project Timestamp, SHA256, SenderFromAddress, NetworkMessageId, RecipientEmailAddress`,
      severity: "High",
      category: "Malware",
      frequency: "5m",
      lookBackMinutes: 120,
      entityColumns: [entity, "NetworkMessageId", "RecipientEmailAddress"],
      action: "RecommendEmailAction",
      isEnabled: true,
    },
    SYSTEM,
  );
  // Not every copy carries the file: the rule matches those that do; those blocked reached no mailbox to delete from.
  const withFile = plan.copies.filter((copy) =>
    copy.attachments?.some((file) => file.sha256 === plan.attachment.sha256),
  );
  const inMailboxes = withFile.filter((copy) => copy.deliveryAction !== "Blocked").length;
  expect(inMailboxes).toBeGreaterThan(0);
  return {
    rule: await prisma.detectionRule.findUniqueOrThrow({ where: { id: rule.id } }),
    copiesWithFile: withFile.length,
    inMailboxes,
  };
}

async function recommendedAction(actionIds: number[]) {
  expect(actionIds).toHaveLength(1);
  return prisma.action.findUniqueOrThrow({ where: { id: actionIds[0] }, include: { cluster: true } });
}

describe("a detection rule's recommended email action", () => {
  it("waits as Pending while automation is off for its cluster's kind", async () => {
    await setAutomation({ similarFiles: false, similarUrls: true });
    const { rule, copiesWithFile } = await campaignAndRule(31, "SHA256");
    const result = await runDetectionRule(rule);
    expect(result).toMatchObject({ error: null, alertCount: 1 });
    const action = await recommendedAction(result.actionIds);
    expect(action).toMatchObject({ type: "softDelete", source: "AutomatedEmailAction", status: "Pending" });
    expect(action.decidedBy).toBeNull();
    expect(action.cluster).toMatchObject({ kind: "similarFiles", messageCount: copiesWithFile });
  }, 60_000);

  it("is carried out by Automation when Similar files automation is on, audited", async () => {
    await setAutomation({ similarFiles: true, similarUrls: false });
    const { rule, copiesWithFile, inMailboxes } = await campaignAndRule(32, "SHA256");
    const result = await runDetectionRule(rule);
    const action = await recommendedAction(result.actionIds);
    expect(action.status).toBe("Completed");
    expect(action.decidedBy).toBe("Automation");
    expect(action.successCount).toBe(inMailboxes);
    const audit = await prisma.auditLog.findMany({ where: { targetType: "action", targetId: String(action.id) } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "action.approve",
        actorName: "Automation",
        after: expect.objectContaining({ status: "Completed" }),
      }),
    ]);
    // The copies left the inboxes for Recoverable Items.
    const members = await prisma.emailClusterMember.findMany({ where: { clusterId: action.clusterId! } });
    const copies = await prisma.emailEvent.findMany({
      where: { id: { in: members.map((member) => member.emailEventId) } },
      select: { latestDeliveryLocation: true },
    });
    expect(copies).toHaveLength(copiesWithFile);
    expect(copies.filter((copy) => copy.latestDeliveryLocation === "Recoverable items")).toHaveLength(inMailboxes);
  }, 60_000);

  it("still waits when the rule's alerts are about senders: a plain selection is never automated", async () => {
    await setAutomation({ similarFiles: true, similarUrls: true });
    const { rule, copiesWithFile } = await campaignAndRule(33, "SenderFromAddress");
    const result = await runDetectionRule(rule);
    const action = await recommendedAction(result.actionIds);
    expect(action.status).toBe("Pending");
    expect(action.cluster).toMatchObject({ kind: "selection", messageCount: copiesWithFile });
  }, 60_000);
});
