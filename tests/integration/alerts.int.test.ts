import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAlertRoute } from "@/app/api/v1/alerts/[id]/route";
import { GET as listAlertsRoute } from "@/app/api/v1/alerts/route";
import { listAlertPolicies } from "@/server/alerts/alerts.queries";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { hoursAgo, makeInvestigation, makePolicyAlert, makeRestrictedUser, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, routeContext } from "../factories/users";
import { ids, itRejectsBadListQueries, listCaller } from "../support/list-route";

let token: string;

beforeAll(async () => {
  token = await makeToken("reader");
});

const list = listCaller(listAlertsRoute, "/api/v1/alerts", () => token);

/** Three alerts for users that share a tag, so a `user=<tag>` filter isolates them from other tests' rows. */
async function makeThree() {
  const tag = uniqueTag();
  const high = await makePolicyAlert({
    severity: "High",
    status: "New",
    userAddress: `a-${tag}@example.test`,
    createdAt: hoursAgo(1),
    lastActivity: hoursAgo(1),
  });
  const medium = await makePolicyAlert({
    policyId: "email-sending-limit-exceeded",
    severity: "Medium",
    status: "Resolved",
    userAddress: `b-${tag}@example.test`,
    createdAt: hoursAgo(30),
    lastActivity: hoursAgo(0.5),
  });
  const low = await makePolicyAlert({
    severity: "Low",
    status: "InProgress",
    userAddress: `c-${tag}@example.test`,
    createdAt: hoursAgo(24 * 10),
    lastActivity: hoursAgo(24 * 9),
  });
  return { tag, high, medium, low };
}

describe("GET /api/v1/alerts", () => {
  it("lists newest first with the policy name and the page contract", async () => {
    const { tag, high, medium, low } = await makeThree();
    const { status, body } = await list(`user=${tag}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    expect(ids(body)).toEqual([high.id, medium.id, low.id]);
    expect(body.items[1]).toMatchObject({
      policyId: "email-sending-limit-exceeded",
      policyName: "Email sending limit exceeded",
      eventCount: 1,
    });
  });

  it("filters by severity, status, policy, user and time", async () => {
    const { tag, high, medium, low } = await makeThree();
    expect(ids((await list(`user=${tag}&severity=High,medium`)).body)).toEqual([high.id, medium.id]);
    expect(ids((await list(`user=${tag}&status=Resolved,InProgress`)).body)).toEqual([medium.id, low.id]);
    expect(ids((await list(`user=${tag}&policy=email-sending-limit-exceeded`)).body)).toEqual([medium.id]);
    expect(ids((await list(`user=B-${tag.toUpperCase()}`)).body)).toEqual([medium.id]);
    expect(ids((await list(`user=${tag}&period=24h`)).body)).toEqual([high.id]);
    expect(ids((await list(`user=${tag}&period=7d`)).body)).toEqual([high.id, medium.id]);
    const from = hoursAgo(24 * 11).toISOString();
    const to = hoursAgo(2).toISOString();
    expect(ids((await list(`user=${tag}&from=${from}&to=${to}`)).body)).toEqual([medium.id, low.id]);
    // A period never widens an explicit range: the later start wins.
    expect(ids((await list(`user=${tag}&from=${from}&to=${to}&period=7d`)).body)).toEqual([medium.id]);
  });

  it("sorts by severity, status and last activity, and pages", async () => {
    const { tag, high, medium, low } = await makeThree();
    expect(ids((await list(`user=${tag}&sort=-severity`)).body)).toEqual([high.id, medium.id, low.id]);
    expect(ids((await list(`user=${tag}&sort=severity`)).body)).toEqual([low.id, medium.id, high.id]);
    expect(ids((await list(`user=${tag}&sort=status`)).body)).toEqual([high.id, low.id, medium.id]);
    expect(ids((await list(`user=${tag}&sort=-lastActivity`)).body)).toEqual([medium.id, high.id, low.id]);
    const second = (await list(`user=${tag}&pageSize=2&page=2`)).body;
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(ids(second)).toEqual([low.id]);
  });

  itRejectsBadListQueries(list, [
    ["severity=Critical", "query.severity"],
    ["status=Open", "query.status"],
    ["policy=bad%20id", "query.policy"],
    ["period=1y", "query.period"],
    ["from=yesterday", "query.from"],
    ["sort=title", "query.sort"],
    ["pageSize=500", "query.pageSize"],
  ]);
});

describe("GET /api/v1/alerts/{id}", () => {
  async function get(id: string, bearer = token) {
    const response = await getAlertRoute(apiRequest(`/api/v1/alerts/${id}`, { token: bearer }), routeContext({ id }));
    return { status: response.status, body: await response.json() };
  }

  it("answers one alert with its investigation and restricted-user link", async () => {
    const investigation = await makeInvestigation({ status: "PendingAction" });
    const restricted = await makeRestrictedUser();
    const alert = await makePolicyAlert({
      policyId: "user-restricted-from-sending",
      userAddress: restricted.address,
      investigationId: investigation.id,
      restrictedUserId: restricted.id,
      details: { recipientsLastDay: 12_000, limit: 10_000 },
    });
    const { status, body } = await get(String(alert.id));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: alert.id,
      policyName: "User restricted from sending email",
      severity: "High",
      details: { recipientsLastDay: 12_000, limit: 10_000 },
      investigation: { id: investigation.id, name: investigation.name, status: "PendingAction" },
      restrictedUserId: restricted.id,
      restrictedUser: { id: restricted.id, address: restricted.address, releasedAt: null },
    });
  });

  it("answers null links for an alert without investigation or restriction", async () => {
    const alert = await makePolicyAlert();
    expect((await get(String(alert.id))).body).toMatchObject({
      investigation: null,
      restrictedUser: null,
      restrictedUserId: null,
    });
  });

  it("answers 404 for an unknown id and 400 for a non-integer one", async () => {
    const missing = await get("999999");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
    for (const id of ["abc", "1.5", "0", "99999999999"]) {
      const bad = await get(id);
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].path).toBe("params.id");
    }
  });

  it("answers 401 with a bad token", async () => {
    expect((await get("1", "bw_not-a-token")).status).toBe(401);
  });
});

describe("listAlertPolicies", () => {
  it("offers the built-in policies by name", async () => {
    await bootstrap({});
    const names = (await listAlertPolicies()).map((policy) => policy.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining([
        "Email sending limit exceeded",
        "User restricted from sending email",
        "Investigation triggered manually",
      ]),
    );
  });
});
