import { beforeAll, describe, expect, it } from "vitest";
import { GET as getInvestigationRoute } from "@/app/api/v1/investigations/[id]/route";
import { GET as listInvestigationsRoute } from "@/app/api/v1/investigations/route";
import { prisma } from "@/server/db";
import { hoursAgo, makeAction, makeInvestigation, makePolicyAlert, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, routeContext } from "../factories/users";
import { ids, itRejectsBadListQueries, listCaller } from "../support/list-route";

let token: string;

beforeAll(async () => {
  token = await makeToken("reader");
});

const list = listCaller(listInvestigationsRoute, "/api/v1/investigations", () => token);

async function get(id: string, bearer = token) {
  const response = await getInvestigationRoute(
    apiRequest(`/api/v1/investigations/${id}`, { token: bearer }),
    routeContext({ id }),
  );
  return { status: response.status, body: await response.json() };
}

async function makeThree() {
  const tag = uniqueTag();
  const running = await makeInvestigation({
    status: "Running",
    users: [`alice-${tag}@example.test`],
    threatCount: 2,
    actionCount: 0,
    createdAt: hoursAgo(1),
    startedAt: hoursAgo(1),
  });
  const pending = await makeInvestigation({
    status: "PendingAction",
    playbook: "UserReportedMessage",
    users: [`bob-${tag}@example.test`, `carol-${tag}@example.test`],
    threatCount: 5,
    actionCount: 3,
    createdAt: hoursAgo(2),
    startedAt: hoursAgo(2),
  });
  const clean = await makeInvestigation({
    status: "NoThreatsFound",
    playbook: "Manual",
    users: [`dave-${tag}@example.test`],
    createdAt: hoursAgo(3),
    startedAt: new Date(hoursAgo(3).getTime()),
    endedAt: new Date(hoursAgo(3).getTime() + 90_000),
  });
  return { tag, running, pending, clean };
}

describe("GET /api/v1/investigations", () => {
  it("lists newest first, with users, counts and duration", async () => {
    const { tag, running, pending, clean } = await makeThree();
    const { status, body } = await list(`user=${tag}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    expect(ids(body)).toEqual([running.id, pending.id, clean.id]);
    expect(body.items[1]).toMatchObject({
      status: "PendingAction",
      playbook: "UserReportedMessage",
      threatCount: 5,
      actionCount: 3,
    });
    expect(body.items[1].users).toHaveLength(2);
    // An ended run's duration is fixed; a running one's grows with the clock.
    expect(body.items[2].durationMs).toBe(90_000);
    expect(body.items[0].durationMs).toBeGreaterThanOrEqual(3_600_000);
  });

  it("answers a null duration for a run no worker has started", async () => {
    const tag = uniqueTag();
    await makeInvestigation({ status: "Starting", users: [`queued-${tag}@example.test`] });
    expect((await list(`user=${tag}`)).body.items[0]).toMatchObject({ status: "Starting", durationMs: null });
  });

  it("filters by status, playbook and part of a user address", async () => {
    const { tag, running, pending, clean } = await makeThree();
    expect(ids((await list(`user=${tag}&status=PendingAction,NoThreatsFound`)).body)).toEqual([pending.id, clean.id]);
    expect(ids((await list(`user=${tag}&playbook=Manual`)).body)).toEqual([clean.id]);
    expect(ids((await list(`user=CAROL-${tag.toUpperCase()}`)).body)).toEqual([pending.id]);
    expect(ids((await list(`user=${tag}&status=Running&playbook=CompromisedUser`)).body)).toEqual([running.id]);
    // LIKE wildcards in the search are literal text, not "match anything".
    expect((await list(`user=${tag}%25`)).body.total).toBe(0);
  });

  it("sorts by counts and status, and pages", async () => {
    const { tag, running, pending, clean } = await makeThree();
    expect(ids((await list(`user=${tag}&sort=-threatCount`)).body)).toEqual([pending.id, running.id, clean.id]);
    expect(ids((await list(`user=${tag}&sort=-actionCount`)).body)[0]).toBe(pending.id);
    expect(ids((await list(`user=${tag}&sort=status`)).body)).toEqual([running.id, clean.id, pending.id]);
    expect(ids((await list(`user=${tag}&sort=createdAt`)).body)).toEqual([clean.id, pending.id, running.id]);
    const page = (await list(`user=${tag}&pageSize=2&page=2`)).body;
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(ids(page)).toEqual([clean.id]);
  });

  itRejectsBadListQueries(list, [
    ["status=Done", "query.status"],
    ["playbook=Phish", "query.playbook"],
    ["sort=name", "query.sort"],
    ["page=0", "query.page"],
  ]);
});

describe("GET /api/v1/investigations/{id}", () => {
  it("answers the run with steps in order, log newest last, evidence, clusters, actions and alerts", async () => {
    const investigation = await makeInvestigation({ status: "PendingAction", startedAt: hoursAgo(1) });
    await prisma.investigationStep.createMany({
      data: [
        {
          investigationId: investigation.id,
          phase: "hunting",
          key: "similar-files",
          name: "Similar files",
          position: 2,
        },
        {
          investigationId: investigation.id,
          phase: "root",
          key: "sender",
          name: "Sender",
          position: 1,
          status: "Completed",
        },
      ],
    });
    const start = Date.now() - 600_000;
    await prisma.investigationLog.createMany({
      data: Array.from({ length: 505 }, (_, index) => ({
        investigationId: investigation.id,
        at: new Date(start + index * 1000),
        message: `line ${index + 1}`,
      })),
    });
    await prisma.evidence.create({
      data: {
        investigationId: investigation.id,
        kind: "url",
        entity: "http://phish.example/login",
        verdict: "Malicious",
        stepKey: "similar-files",
      },
    });
    const cluster = await prisma.emailCluster.create({
      data: {
        investigationId: investigation.id,
        kind: "similarFiles",
        name: "Similar files",
        query: { sha256: "abc" },
        queryText: "SHA256 == abc",
        messageCount: 12,
      },
    });
    const action = await makeAction({ investigationId: investigation.id, clusterId: cluster.id });
    const alert = await makePolicyAlert({ investigationId: investigation.id });

    const { status, body } = await get(String(investigation.id));
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: investigation.id, status: "PendingAction", logTotal: 505 });
    expect(body.durationMs).toBeGreaterThan(0);
    expect(body.steps.map((step: { key: string }) => step.key)).toEqual(["sender", "similar-files"]);
    expect(body.log).toHaveLength(500);
    expect(body.log[0].message).toBe("line 6");
    expect(body.log[499].message).toBe("line 505");
    expect(typeof body.log[0].id).toBe("string");
    expect(body.evidence).toEqual([expect.objectContaining({ kind: "url", verdict: "Malicious" })]);
    expect(body.clusters).toEqual([
      expect.objectContaining({ id: cluster.id, messageCount: 12, queryText: "SHA256 == abc" }),
    ]);
    expect(body.actions).toEqual([
      expect.objectContaining({ id: action.id, status: "Pending", clusterId: cluster.id }),
    ]);
    expect(body.actions[0].dedupKey).toBeUndefined();
    expect(body.alerts).toEqual([
      expect.objectContaining({ id: alert.id, policy: { name: "Suspicious email sending patterns detected" } }),
    ]);
  });

  it("answers empty collections for a run that has not started", async () => {
    const investigation = await makeInvestigation({ status: "Starting" });
    const { body } = await get(String(investigation.id));
    expect(body).toMatchObject({
      steps: [],
      log: [],
      logTotal: 0,
      evidence: [],
      clusters: [],
      actions: [],
      alerts: [],
      durationMs: null,
    });
  });

  it("answers 404 for an unknown id, 400 for a non-integer one and 401 with a bad token", async () => {
    expect((await get("424242")).status).toBe(404);
    const bad = await get("x1");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("params.id");
    expect((await get("1", "bw_not-a-token")).status).toBe(401);
  });
});
