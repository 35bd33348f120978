import { beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { saveStepResult } from "@/server/engine/save-step-result";
import { huntSentMail } from "@/server/playbooks/compromised-user/hunt-sent-mail";
import { simulateCompromisedUser } from "@/server/simulator/simulate-compromised-user";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { runStep } from "../support/run-step";

const NOW = new Date("2026-03-10T12:00:00Z");
let scenario: Awaited<ReturnType<typeof simulateCompromisedUser>>;

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await simulateOrg({ seed: 7, mailboxes: 30, days: 10, now: new Date("2026-03-10T00:00:00Z") });
  scenario = await simulateCompromisedUser({ seed: 3, now: NOW });
}, 120_000);

describe("outbound detections at ingestion", () => {
  it("raise the sending-limit alert, restrict the user and raise the restricted alert, once each", async () => {
    const alerts = await prisma.alert.findMany({ where: { userAddress: scenario.victim }, orderBy: { id: "asc" } });
    const byPolicy = Object.fromEntries(alerts.map((alert) => [alert.policyId, alert]));
    expect(Object.keys(byPolicy).sort()).toEqual([
      "email-sending-limit-exceeded",
      "suspicious-email-sending-patterns",
      "user-restricted-from-sending",
    ]);
    expect(alerts).toHaveLength(3);
    const restriction = await prisma.restrictedUser.findFirstOrThrow({
      where: { address: scenario.victim, releasedAt: null },
    });
    expect(restriction.reason).toMatch(/messages in one minute \(limit 30\)/);
    expect(byPolicy["user-restricted-from-sending"].restrictedUserId).toBe(restriction.id);
    expect(
      (byPolicy["suspicious-email-sending-patterns"].details as { signals: { signal: string }[] }).signals.map(
        (s) => s.signal,
      ),
    ).toContain("threatShare");
  });

  it("adds a repeated burst to the open alerts instead of raising new ones, and blocks the restricted sender's mail", async () => {
    const before = await prisma.alert.count();
    const again = await simulateCompromisedUser({
      seed: 4,
      now: new Date(NOW.getTime() + 5 * 60_000),
      user: scenario.victim,
    });
    expect(await prisma.alert.count()).toBe(before);
    expect(again.detections.restrictedUsers).toEqual([]);
    const limitAlert = await prisma.alert.findFirstOrThrow({
      where: { userAddress: scenario.victim, policyId: "email-sending-limit-exceeded" },
    });
    expect(limitAlert.eventCount).toBe(2);
    const blocked = await prisma.emailEvent.count({
      where: { senderFromAddress: scenario.victim, deliveryAction: "Blocked", detectionMethods: "Sender restricted" },
    });
    expect(blocked).toBe(again.burst.rows);
  });
});

describe("the compromised-user playbook", () => {
  it("runs every step, gathers evidence and recommends the remedies, each once", async () => {
    const [investigationId] = scenario.detections.investigationIds;
    expect(scenario.detections.investigationIds).toHaveLength(1);
    await runInvestigation(investigationId, { isLastAttempt: false });
    await runInvestigation(investigationId, { isLastAttempt: false });

    const investigation = await prisma.investigation.findUniqueOrThrow({
      where: { id: investigationId },
      include: { steps: true, actions: true, evidence: true, clusters: true, alerts: true },
    });
    expect(investigation.status).toBe("PendingAction");
    expect(investigation.steps.every((step) => step.status === "Completed" && step.attempts === 1)).toBe(true);
    expect(investigation.alerts.length).toBe(3);
    const actionTypes = investigation.actions.map((action) => action.type).sort();
    // The user is restricted (the sending limit): releasing them is the last of the recommended remedies.
    expect(actionTypes).toEqual([
      "disableAccount",
      "releaseUser",
      "removeForwardingRule",
      "removeMfaMethod",
      "resetPassword",
      "revokeSessions",
      "softDelete",
    ]);
    expect(investigation.actions.every((action) => action.status === "Pending")).toBe(true);
    expect(investigation.evidence.map((item) => item.kind)).toEqual(
      expect.arrayContaining(["inboxRule", "logon", "mfaMethod", "mailbox", "emailCluster"]),
    );
    const [cluster] = investigation.clusters;
    expect(cluster.kind).toBe("sentByUser");
    // The whole burst, plus whatever else the account sent (and was delivered) in the 24 hours before it.
    const since = new Date((investigation.input as { since: string }).since);
    const sent = await prisma.emailEvent.count({
      where: {
        senderFromAddress: scenario.victim,
        emailDirection: { not: "Inbound" },
        deliveryAction: { not: "Blocked" },
        timestamp: { gte: since },
      },
    });
    expect(sent).toBeGreaterThanOrEqual(200);
    expect(cluster.messageCount).toBe(sent);
    expect(investigation.threatCount).toBeGreaterThan(0);
    expect(investigation.actionCount).toBe(7);
  });

  it("commits a step once even when a presumed-dead worker finishes it late", async () => {
    const [investigationId] = scenario.detections.investigationIds;
    const lateResult = await runStep("CompromisedUser", huntSentMail, {
      id: investigationId,
      users: [scenario.victim],
      input: {},
      createdAt: NOW,
    });
    expect(await saveStepResult(investigationId, huntSentMail, lateResult)).toBe(false);
    expect(await prisma.emailCluster.count({ where: { investigationId } })).toBe(1);
  });

  it("finds nothing on a user with ordinary activity", async () => {
    const quiet = await prisma.mailbox.findFirstOrThrow({
      where: { address: { not: scenario.victim } },
      orderBy: { address: "desc" },
    });
    const run = await prisma.investigation.create({
      data: {
        playbook: "CompromisedUser",
        name: "check",
        users: [quiet.address],
        detectionSource: "test",
        createdAt: NOW,
      },
    });
    await runInvestigation(run.id, { isLastAttempt: false });
    const finished = await prisma.investigation.findUniqueOrThrow({
      where: { id: run.id },
      include: { actions: true },
    });
    expect(finished.actions.filter((action) => action.type !== "softDelete")).toEqual([]);
  });
});
