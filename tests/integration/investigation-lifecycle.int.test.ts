// Stop investigation, start by user, one run per subject, and the graph and entities of a run, through their routes.
import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import { GET as entitiesRoute } from "@/app/api/v1/investigations/[id]/entities/route";
import { GET as graphRoute } from "@/app/api/v1/investigations/[id]/graph/route";
import { POST as stopRoute } from "@/app/api/v1/investigations/[id]/stop/route";
import { POST as triggerRoute } from "@/app/api/v1/investigations/route";
import { decideAction } from "@/server/actions/decide-action";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { saveStepResult } from "@/server/engine/save-step-result";
import { startInvestigation } from "@/server/investigations/start-investigation";
import { compromisedUserStart } from "@/server/playbooks/compromised-user/compromised-user-start";
import { checkSending } from "@/server/playbooks/compromised-user/check-sending";
import { PLAYBOOKS } from "@/server/playbooks/registry";
import { runStep } from "../support/run-step";
import { makeAction, makeInvestigation, makeRestrictedUser, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, makeUser, routeContext } from "../factories/users";

let operatorToken: string;
let readerToken: string;

type TRoute = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;
const post = (route: TRoute, path: string, body: unknown, params: Record<string, string> = {}, token = operatorToken) =>
  route(apiRequest(path, { method: "POST", token, body }), routeContext(params));
const stop = (
  id: number,
  body: unknown = { reason: "False positive: the user was on a trip" },
  token = operatorToken,
) => post(stopRoute, `/api/v1/investigations/${id}/stop`, body, { id: String(id) }, token);
const startFor = (user: string, token = operatorToken) =>
  post(triggerRoute, "/api/v1/investigations", { user }, {}, token);

async function mailbox(): Promise<string> {
  const address = `user-${uniqueTag()}@contoso.test`;
  await prisma.mailbox.create({ data: { address, displayName: address, department: "Sales", country: "US" } });
  return address;
}

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  operatorToken = await makeToken("operator");
  readerToken = await makeToken("reader");
});

describe("Stop investigation", () => {
  it("ends the run as Terminated by user with who and why, in the log, the audit log and the SIEM feed", async () => {
    const run = await makeInvestigation({ status: "Running" });
    const response = await stop(run.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: run.id,
      status: "TerminatedByUser",
      stoppedByName: "token factory operator",
      stopReason: "False positive: the user was on a trip",
    });
    const stopped = await prisma.investigation.findUniqueOrThrow({ where: { id: run.id }, include: { log: true } });
    expect(stopped.endedAt).not.toBeNull();
    expect(stopped.log.map((line) => line.message)).toContain(
      "Stopped by token factory operator: False positive: the user was on a trip",
    );
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "investigation.stop", targetId: String(run.id) },
    });
    expect(audit).toMatchObject({
      actorName: "token factory operator",
      before: { status: "Running" },
      after: { status: "TerminatedByUser", reason: "False positive: the user was on a trip" },
    });
    const feed = await prisma.activityRecord.findMany({
      where: { contentType: "AirInvestigation", recordId: { startsWith: `investigation:${run.id}:` } },
    });
    // The stop's record names the analyst and the reason, as the audit log does; the run's other records stay the system's.
    expect(feed.map((record) => record.payload)).toContainEqual(
      expect.objectContaining({
        Status: "Terminated by user",
        UserType: 0,
        UserId: "token factory operator",
        UserKey: audit.actorId,
        Comment: "False positive: the user was on a trip",
      }),
    );
    expect(feed.filter((record) => (record.payload as { UserType: number }).UserType === 0)).toHaveLength(1);
  });

  it("answers 409 once the run has ended, 404 for no such run, 400 without a reason, 403 to a reader", async () => {
    const run = await makeInvestigation({ status: "Running" });
    expect((await stop(run.id, { reason: "" })).status).toBe(400);
    expect((await stop(run.id, {})).status).toBe(400);
    expect((await stop(run.id, undefined, readerToken)).status).toBe(403);
    expect((await stop(run.id)).status).toBe(200);
    const again = await stop(run.id);
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already ended: Terminated by user/);
    const finished = await makeInvestigation({ status: "NoThreatsFound" });
    expect((await stop(finished.id)).status).toBe(409);
    expect((await stop(2_000_000_000)).status).toBe(404);
  });

  it("is never continued by the worker: not from the start, not on resume, and a step that finishes late commits nothing", async () => {
    const address = await mailbox();
    const fresh = await prisma.$transaction((tx) =>
      startInvestigation(compromisedUserStart(address, { detectionSource: "test", input: {}, alertIds: [] }), tx),
    );
    expect((await stop(fresh.id)).status).toBe(200);
    await runInvestigation(fresh.id, { isLastAttempt: false });
    expect(await prisma.investigationStep.count({ where: { investigationId: fresh.id } })).toBe(0);
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("TerminatedByUser");

    // A run interrupted half-way (its worker died), then stopped before the queue hands it on.
    const { steps } = PLAYBOOKS.CompromisedUser;
    const halfway = await makeInvestigation({ status: "Running", users: [address], startedAt: new Date() });
    await prisma.investigationStep.createMany({
      data: steps.map((step, position) => ({
        investigationId: halfway.id,
        key: step.key,
        name: step.name,
        phase: step.phase,
        position,
        status: position === 0 ? "Completed" : position === 1 ? "Running" : "Pending",
      })),
    });
    expect((await stop(halfway.id)).status).toBe(200);
    await runInvestigation(halfway.id, { isLastAttempt: false });
    const after = await prisma.investigation.findUniqueOrThrow({
      where: { id: halfway.id },
      include: { steps: true, log: true },
    });
    expect(after.status).toBe("TerminatedByUser");
    expect(after.steps.filter((step) => step.status === "Skipped")).toHaveLength(steps.length - 1);
    expect(after.log.some((line) => /resumed|started/.test(line.message))).toBe(false);
    // The step that was running when the stop came finishes: nothing of it is kept.
    const late = await saveStepResult(halfway.id, steps[1], {
      findings: ["late"],
      risk: "High",
      evidence: [{ kind: "mailbox", entity: address, verdict: "Malicious" }],
      actions: [{ type: "revokeSessions", entity: address, entityKey: address, target: { mailbox: address } }],
    });
    expect(late).toBe(false);
    expect(await prisma.evidence.count({ where: { investigationId: halfway.id } })).toBe(0);
    expect(await prisma.action.count({ where: { investigationId: halfway.id } })).toBe(0);
  });

  it("leaves its pending actions in the Action center; deciding one later does not bring the run back", async () => {
    const address = await mailbox();
    const run = await makeInvestigation({ status: "PendingAction", users: [address] });
    const action = await makeAction({
      investigationId: run.id,
      type: "revokeSessions",
      entity: address,
      target: { mailbox: address },
    });
    expect((await stop(run.id)).status).toBe(200);
    expect((await prisma.action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("Pending");
    const operator = await makeUser("operator");
    await decideAction(action.id, "approve", undefined, {
      kind: "user",
      id: operator.id,
      name: operator.name,
      role: "operator",
      email: operator.email,
    });
    expect((await prisma.action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("Completed");
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("TerminatedByUser");
  });
});

describe("Start by user and one run per subject", () => {
  it("starts the compromised-user playbook on the mailbox, with the Investigation triggered manually alert", async () => {
    const address = await mailbox();
    const response = await startFor(address.toUpperCase());
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ isNewInvestigation: true, alertId: expect.any(Number) });
    const run = await prisma.investigation.findUniqueOrThrow({
      where: { id: body.investigationId },
      include: { alerts: true },
    });
    expect(run).toMatchObject({ playbook: "CompromisedUser", users: [address], status: "Starting" });
    expect(run.alerts.map((alert) => alert.policyId)).toEqual(["investigation-triggered-manually"]);
    expect(await prisma.auditLog.count({ where: { action: "investigation.trigger", targetId: String(run.id) } })).toBe(
      1,
    );
  });

  it("refuses a user with no mailbox (404), a bad address (400) and a reader (403)", async () => {
    expect((await startFor(`nobody-${uniqueTag()}@contoso.test`)).status).toBe(404);
    const bad = await startFor("not an address");
    expect(bad.status).toBe(400);
    expect((await startFor(await mailbox(), readerToken)).status).toBe(403);
  });

  it("joins the user's open run, links to one that concluded minutes ago, and starts anew after the window; the log says so", async () => {
    const address = await mailbox();
    const first = await (await startFor(address)).json();
    const joined = await (await startFor(address)).json();
    expect(joined).toMatchObject({ investigationId: first.investigationId, isNewInvestigation: false });
    await prisma.investigation.update({
      where: { id: first.investigationId },
      data: { status: "NoThreatsFound", endedAt: new Date(Date.now() - 4 * 60_000) },
    });
    const linked = await (await startFor(address)).json();
    expect(linked).toMatchObject({ investigationId: first.investigationId, isNewInvestigation: false });
    const log = (
      await prisma.investigationLog.findMany({
        where: { investigationId: first.investigationId },
        orderBy: { id: "asc" },
      })
    ).map((line) => line.message);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/joined this open run instead of starting a second/),
        expect.stringMatching(/ended less than 30 minutes ago, so it is linked here/),
      ]),
    );
    // Every alert of the three requests points at the one run.
    expect(await prisma.alert.count({ where: { investigationId: first.investigationId } })).toBe(3);

    await prisma.investigation.update({
      where: { id: first.investigationId },
      data: { endedAt: new Date(Date.now() - 2 * 3_600_000) },
    });
    const later = await (await startFor(address)).json();
    expect(later).toMatchObject({ isNewInvestigation: true });
    expect(later.investigationId).not.toBe(first.investigationId);
  });

  it("makes starts on one user at once one run", async () => {
    // Each holds its transaction open a moment after starting, as a detection's larger transaction does: without the
    // subject's lock, neither would see the other's uncommitted run and both would start one.
    const startInSlowTransaction = (address: string) =>
      prisma.$transaction(async (tx) => {
        const run = await startInvestigation(
          compromisedUserStart(address, { detectionSource: "test", input: {}, alertIds: [] }),
          tx,
        );
        await tx.$executeRaw`select pg_sleep(0.3)`;
        return run.id;
      });
    for (let round = 0; round < 3; round++) {
      const address = await mailbox();
      const ids = await Promise.all([
        startInSlowTransaction(address),
        startInSlowTransaction(address),
        startFor(address).then(async (response) => (await response.json()).investigationId as number),
      ]);
      expect(new Set(ids).size).toBe(1);
      expect(await prisma.investigation.count({ where: { users: { has: address } } })).toBe(1);
    }
  });

  it("does not join a run someone stopped", async () => {
    const address = await mailbox();
    const first = await (await startFor(address)).json();
    expect((await stop(first.investigationId)).status).toBe(200);
    const again = await (await startFor(address)).json();
    expect(again.isNewInvestigation).toBe(true);
  });
});

describe("Release the user, among the compromised-user remedies", () => {
  it("is recommended while the user is restricted, and approving it releases them in the approver's name", async () => {
    const address = await mailbox();
    const subject = { id: 0, users: [address], input: {}, createdAt: new Date() };
    expect((await runStep("CompromisedUser", checkSending, subject)).actions).toEqual([]);
    const restriction = await makeRestrictedUser({ address });
    const result = await runStep("CompromisedUser", checkSending, subject);
    expect(result.actions).toEqual([
      expect.objectContaining({
        type: "releaseUser",
        entity: address,
        target: { mailbox: address, restrictedUserId: String(restriction.id) },
      }),
    ]);
    expect(result.findings).toContain(
      "The user is restricted from sending email: release them once the account is secured",
    );

    const run = await makeInvestigation({ status: "PendingAction", users: [address] });
    const action = await makeAction({
      investigationId: run.id,
      type: "releaseUser",
      entity: address,
      target: result.actions![0].target as Prisma.InputJsonValue,
    });
    const operator = await makeUser("operator");
    await decideAction(action.id, "approve", undefined, {
      kind: "user",
      id: operator.id,
      name: operator.name,
      role: "operator",
      email: operator.email,
    });
    expect(await prisma.restrictedUser.findUniqueOrThrow({ where: { id: restriction.id } })).toMatchObject({
      releasedByName: operator.name,
      releasedById: operator.id,
      releasedAt: expect.any(Date),
    });
    expect((await prisma.action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("Completed");
  });
});

describe("the graph and entities of a run", () => {
  it("serves the graph and a page of entities, and 404 for no such run", async () => {
    const address = await mailbox();
    const run = await makeInvestigation({ status: "PendingAction", users: [address] });
    await prisma.evidence.createMany({
      data: [
        {
          investigationId: run.id,
          stepKey: "sending-anomalies",
          kind: "mailbox",
          entity: address,
          verdict: "Malicious",
        },
        ...Array.from({ length: 30 }, (_, index) => ({
          investigationId: run.id,
          stepKey: "inbox-rules",
          kind: "inboxRule",
          entity: `${address}: rule ${index}`,
          verdict: "Suspicious" as const,
        })),
      ],
    });
    const cluster = await prisma.emailCluster.create({
      data: {
        investigationId: run.id,
        kind: "sentByUser",
        name: `Sent by ${address}`,
        query: {},
        queryText: "sender",
        verdict: "Malicious",
        messageCount: 500,
      },
    });
    const graph = await (
      await graphRoute(
        apiRequest(`/api/v1/investigations/${run.id}/graph`, { token: readerToken }),
        routeContext({ id: String(run.id) }),
      )
    ).json();
    expect(graph.nodes.find((node: { id: string }) => node.id === `cluster:${cluster.id}`)).toMatchObject({
      detail: "Email cluster · 500 messages",
    });
    expect(graph.nodes.find((node: { id: string }) => node.id === `mailbox:${address}`)).toMatchObject({
      href: `/mailboxes/${encodeURIComponent(address)}`,
    });
    expect(graph.nodes.find((node: { id: string }) => node.id === `more:mailbox:${address}:findings`)).toMatchObject({
      label: "+23 more findings",
    });

    const page = await (
      await entitiesRoute(
        apiRequest(`/api/v1/investigations/${run.id}/entities?pageSize=10&page=1`, { token: readerToken }),
        routeContext({ id: String(run.id) }),
      )
    ).json();
    expect(page.total).toBe(32);
    expect(page.items).toHaveLength(10);
    // Malicious first: the mailbox and the cluster.
    expect(
      page.items
        .slice(0, 2)
        .map((item: { kind: string }) => item.kind)
        .sort(),
    ).toEqual(["emailCluster", "mailbox"]);
    expect(page.kinds).toEqual([
      { kind: "emailCluster", count: 1 },
      { kind: "inboxRule", count: 30 },
      { kind: "mailbox", count: 1 },
    ]);
    const rules = await (
      await entitiesRoute(
        apiRequest(`/api/v1/investigations/${run.id}/entities?kind=inboxRule&page=3&pageSize=10`, {
          token: readerToken,
        }),
        routeContext({ id: String(run.id) }),
      )
    ).json();
    expect(rules).toMatchObject({ total: 30, page: 3 });
    expect(rules.items).toHaveLength(10);

    expect(
      (
        await graphRoute(
          apiRequest("/api/v1/investigations/2000000000/graph", { token: readerToken }),
          routeContext({ id: "2000000000" }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await entitiesRoute(
          apiRequest("/api/v1/investigations/2000000000/entities", { token: readerToken }),
          routeContext({ id: "2000000000" }),
        )
      ).status,
    ).toBe(404);
  });
});
