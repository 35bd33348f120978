import { beforeAll, describe, expect, it } from "vitest";
import { POST as approveRoute } from "@/app/api/v1/actions/[id]/approve/route";
import { POST as rejectRoute } from "@/app/api/v1/actions/[id]/reject/route";
import { POST as decideRoute } from "@/app/api/v1/actions/decide/route";
import { POST as releaseRoute } from "@/app/api/v1/restricted-users/[id]/release/route";
import { GET as mailboxRoute } from "@/app/api/v1/mailboxes/[address]/route";
import { GET as senderStatusRoute } from "@/app/api/v1/senders/[address]/status/route";
import { decideAction } from "@/server/actions/decide-action";
import { expirePendingActions } from "@/server/actions/expire-pending-actions";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { simulateCompromisedUser } from "@/server/simulator/simulate-compromised-user";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let victim: string;
let investigationId: number;
let operatorToken: string;
const actionOf = (type: string) => prisma.action.findFirstOrThrow({ where: { investigationId, type } });

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  const now = new Date(Date.now() - 60_000);
  await simulateOrg({
    seed: 11,
    mailboxes: 25,
    days: 8,
    now: new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000),
  });
  const scenario = await simulateCompromisedUser({ seed: 5, now });
  victim = scenario.victim;
  [investigationId] = scenario.detections.investigationIds;
  await runInvestigation(investigationId, { isLastAttempt: false });
  operatorToken = await makeToken("operator");
}, 120_000);

describe("approving and rejecting actions", () => {
  it("carries out an approved remove-forwarding-rule action and audits who approved it", async () => {
    const action = await actionOf("removeForwardingRule");
    const response = await approveRoute(
      apiRequest(`/api/v1/actions/${action.id}/approve`, {
        method: "POST",
        token: operatorToken,
        body: { comment: "attacker rule" },
      }),
      routeContext({ id: String(action.id) }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "Completed", isNewDecision: true });
    expect(await prisma.inboxRule.count({ where: { id: (action.target as { ruleId: string }).ruleId } })).toBe(0);
    const mailbox = await mailboxRoute(
      apiRequest(`/api/v1/mailboxes/${victim}`, { token: operatorToken }),
      routeContext({ address: victim }),
    );
    expect(
      (await mailbox.json()).inboxRules.filter((rule: { forwardTo: string | null }) =>
        rule.forwardTo?.endsWith("mailbox-relay.example"),
      ),
    ).toEqual([]);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "action.approve", targetId: String(action.id) },
    });
    expect(audit.actorName).toBe("token factory operator");
  });

  it("executes once when two analysts approve the same action at the same moment", async () => {
    const action = await actionOf("removeMfaMethod");
    const [first, second] = await Promise.all([
      decideAction(action.id, "approve", undefined, { kind: "user", id: null, name: "Analyst A", role: "operator" }),
      decideAction(action.id, "approve", undefined, { kind: "user", id: null, name: "Analyst B", role: "operator" }),
    ]);
    expect([first.isNewDecision, second.isNewDecision].sort()).toEqual([false, true]);
    expect(await prisma.auditLog.count({ where: { action: "action.approve", targetId: String(action.id) } })).toBe(1);
  });

  it("answers 409 when approving a rejected action, and treats a repeated rejection as done", async () => {
    const action = await actionOf("disableAccount");
    const reject = () =>
      rejectRoute(
        apiRequest(`/api/v1/actions/${action.id}/reject`, { method: "POST", token: operatorToken }),
        routeContext({ id: String(action.id) }),
      );
    expect((await reject()).status).toBe(200);
    expect(await (await reject()).json()).toMatchObject({ status: "Rejected", isNewDecision: false });
    const approve = await approveRoute(
      apiRequest(`/api/v1/actions/${action.id}/approve`, { method: "POST", token: operatorToken }),
      routeContext({ id: String(action.id) }),
    );
    expect(approve.status).toBe(409);
    expect((await prisma.mailbox.findUniqueOrThrow({ where: { address: victim } })).isAccountEnabled).toBe(true);
  });

  it("refuses readers (403), unknown actions (404) and bad bodies (400 naming the field)", async () => {
    const action = await actionOf("resetPassword");
    const asReader = await approveRoute(
      apiRequest(`/api/v1/actions/${action.id}/approve`, { method: "POST", token: await makeToken("reader") }),
      routeContext({ id: String(action.id) }),
    );
    expect(asReader.status).toBe(403);
    const missing = await approveRoute(
      apiRequest("/api/v1/actions/999999/approve", { method: "POST", token: operatorToken }),
      routeContext({ id: "999999" }),
    );
    expect(missing.status).toBe(404);
    const bad = await decideRoute(
      apiRequest("/api/v1/actions/decide", {
        method: "POST",
        token: operatorToken,
        body: { ids: [action.id], decision: "maybe" },
      }),
      routeContext(),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("body.decision");
    const unknownMailbox = await mailboxRoute(
      apiRequest("/api/v1/mailboxes/nobody@contoso.test", { token: operatorToken }),
      routeContext({ address: "nobody@contoso.test" }),
    );
    expect(unknownMailbox.status).toBe(404);
    const badMailbox = await mailboxRoute(
      apiRequest("/api/v1/mailboxes/not-an-address", { token: operatorToken }),
      routeContext({ address: "not-an-address" }),
    );
    expect((await badMailbox.json()).error.issues[0].path).toBe("params.address");
  });

  it("soft-deletes what the account sent, failing visibly for copies outside the organisation, and ends the run", async () => {
    const remaining = await prisma.action.findMany({
      where: { investigationId, status: "Pending" },
      orderBy: { id: "asc" },
    });
    const response = await decideRoute(
      apiRequest("/api/v1/actions/decide", {
        method: "POST",
        token: operatorToken,
        body: { ids: remaining.map((a) => a.id), decision: "approve", comment: "bulk" },
      }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    const softDelete = await actionOf("softDelete");
    expect(softDelete.status).toBe("PartiallyCompleted");
    expect(softDelete.failedCount).toBeGreaterThan(0);
    const moved = await prisma.emailPostDeliveryEvent.count({
      where: { actionId: softDelete.id, actionTrigger: "AdminAction", actionType: "Automated Remediation" },
    });
    expect(moved).toBe(softDelete.successCount);
    expect(
      await prisma.emailEvent.count({
        where: { senderFromAddress: victim, latestDeliveryLocation: "Recoverable items" },
      }),
    ).toBe(moved);
    const run = await prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } });
    expect(run.status).toBe("PartiallyRemediated");
    // Release user was among the remedies approved: the user may send again, released by the approver.
    expect((await actionOf("releaseUser")).status).toBe("Completed");
    expect(await prisma.restrictedUser.count({ where: { address: victim, releasedAt: null } })).toBe(0);
  });

  it("expires actions left undecided past the setting and ends their run as terminated by the system", async () => {
    const run = await prisma.investigation.create({
      data: {
        playbook: "CompromisedUser",
        name: "stale",
        users: [victim],
        detectionSource: "test",
        status: "PendingAction",
      },
    });
    await prisma.action.create({
      data: {
        investigationId: run.id,
        type: "revokeSessions",
        source: "AutomatedInvestigation",
        entity: victim,
        dedupKey: `stale-${run.id}`,
        createdAt: new Date(Date.now() - 8 * 24 * 3600_000),
      },
    });
    expect(await expirePendingActions()).toBe(1);
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("TerminatedBySystem");
  });
});

describe("releasing a restricted user", () => {
  it("lets the user send again at once, once, by an operator, audited", async () => {
    // Restricted again (the remedies above released them), as a new limit breach would.
    const restriction = await prisma.restrictedUser.create({
      data: { address: victim, reason: "Email sending limit exceeded" },
    });
    const status = () =>
      senderStatusRoute(
        apiRequest(`/api/v1/senders/${victim}/status`, { token: operatorToken }),
        routeContext({ address: victim }),
      ).then((r) => r.json());
    expect(await status()).toMatchObject({ restricted: true });
    const release = (token: string) =>
      releaseRoute(
        apiRequest(`/api/v1/restricted-users/${restriction.id}/release`, {
          method: "POST",
          token,
          body: { reason: "password reset, rules removed" },
        }),
        routeContext({ id: String(restriction.id) }),
      );
    expect((await release(await makeToken("reader"))).status).toBe(403);
    expect((await release(operatorToken)).status).toBe(200);
    expect((await release(operatorToken)).status).toBe(409);
    expect(await status()).toMatchObject({ restricted: false });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "restrictedUser.release", targetId: String(restriction.id) },
    });
    expect(audit.after).toMatchObject({ address: victim, reason: "password reset, rules removed" });
  });
});
