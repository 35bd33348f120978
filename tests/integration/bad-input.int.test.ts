import { beforeAll, describe, expect, it } from "vitest";
import { POST as approve } from "@/app/api/v1/actions/[id]/approve/route";
import { POST as reject } from "@/app/api/v1/actions/[id]/reject/route";
import { POST as retry } from "@/app/api/v1/actions/[id]/retry/route";
import { POST as decideMany } from "@/app/api/v1/actions/decide/route";
import { GET as listActions } from "@/app/api/v1/actions/route";
import { GET as listAlerts } from "@/app/api/v1/alerts/route";
import { GET as listAudit } from "@/app/api/v1/audit/route";
import { GET as clusterMessages } from "@/app/api/v1/clusters/[id]/messages/route";
import { POST as takeAction } from "@/app/api/v1/explorer/actions/route";
import { GET as searchEmail } from "@/app/api/v1/explorer/email/route";
import { POST as huntingQuery } from "@/app/api/v1/hunting/query/route";
import { POST as triggerInvestigation } from "@/app/api/v1/investigations/route";
import { GET as listInvestigations } from "@/app/api/v1/investigations/route";
import { POST as release } from "@/app/api/v1/restricted-users/[id]/release/route";
import { GET as listSubmissions } from "@/app/api/v1/submissions/route";
import { POST as createToken } from "@/app/api/v1/tokens/route";
import { POST as createWebhook } from "@/app/api/v1/webhooks/route";
import { makeAction, makeRestrictedUser } from "../factories/console";
import { hoursAgo, insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

// Issue 14, "97 answers of 500 on bad input": each kind the issue names, on the routes it named. All are 400s naming
// the field now (tests/integration/fuzz-routes.int.test.ts throws the same and more at every route).

type TRoute = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;

let token: string;
let actionId: number;
let restrictionId: number;
let clusterId: number;

async function call(
  route: TRoute,
  path: string,
  init: { method?: string; body?: unknown } = {},
  params: Record<string, string> = {},
) {
  const response = await route(apiRequest(path, { ...init, token }), routeContext(params));
  return { status: response.status, body: await response.json() };
}

// As text: JSON.stringify itself recurses, and would overflow on the way out.
const DEEP = "[".repeat(10_000) + "]".repeat(10_000);

beforeAll(async () => {
  token = await makeToken("admin");
  actionId = (await makeAction({ type: "revokeSessions", target: { mailbox: "ann@breakwater.test" } })).id;
  restrictionId = (await makeRestrictedUser()).id;
  const [email] = await insertEmails([{ timestamp: hoursAgo(1), recipients: ["ann@breakwater.test"] }]);
  const taken = await call(takeAction, "/api/v1/explorer/actions", {
    method: "POST",
    body: { selection: { networkMessageIds: [email.networkMessageId] }, action: "moveToJunk" },
  });
  expect(taken.status).toBe(201);
  clusterId = taken.body.clusterId;
});

describe("NUL and lone surrogates in free text", () => {
  it.each([
    [
      "approve comment",
      () =>
        call(
          approve,
          `/api/v1/actions/${actionId}/approve`,
          { method: "POST", body: { comment: "ok\u0000" } },
          { id: String(actionId) },
        ),
      "body.comment",
    ],
    [
      "reject comment",
      () =>
        call(
          reject,
          `/api/v1/actions/${actionId}/reject`,
          { method: "POST", body: { comment: "\ud800" } },
          { id: String(actionId) },
        ),
      "body.comment",
    ],
    [
      "release reason",
      () =>
        call(
          release,
          `/api/v1/restricted-users/${restrictionId}/release`,
          { method: "POST", body: { reason: "a\u0000b" } },
          { id: String(restrictionId) },
        ),
      "body.reason",
    ],
    [
      "token name",
      () => call(createToken, "/api/v1/tokens", { method: "POST", body: { name: "x\u0000", role: "reader" } }),
      "body.name",
    ],
    [
      "webhook name",
      () =>
        call(createWebhook, "/api/v1/webhooks", {
          method: "POST",
          body: { name: "\udc00", url: "http://siem.invalid/" },
        }),
      "body.name",
    ],
    ["alerts ?user=%00", () => call(listAlerts, "/api/v1/alerts?user=%00"), "query.user"],
    ["explorer ?subject=%00", () => call(searchEmail, "/api/v1/explorer/email?subject=a%00"), "query.subject"],
    ["audit ?actor=%00", () => call(listAudit, "/api/v1/audit?actor=%00"), "query.actor"],
  ])("%s is a 400 naming the field", async (_, send, path) => {
    const { status, body } = await send();
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe(path);
  });
});

describe("dates outside PostgreSQL's range", () => {
  it.each([
    ["/api/v1/alerts?from=0000-01-01", listAlerts],
    ["/api/v1/investigations?to=0000-01-01", listInvestigations],
    ["/api/v1/actions?from=-001000-01-01T00:00:00Z", listActions],
    ["/api/v1/submissions?from=0000-01-01", listSubmissions],
    ["/api/v1/audit?from=0000-01-01", listAudit],
    ["/api/v1/explorer/email?from=0000-01-01&to=0000-01-05", searchEmail],
  ] as [string, TRoute][])("%s is a 400", async (path, route) => {
    const { status, body } = await call(route, path);
    expect(status).toBe(400);
    expect(body.error.message).toContain("years 1 to 9999");
  });

  // Found by the route fuzz: a range counted back from the first day of year 1 started before it.
  it("a `to` at the first instant of year 1 is a 400 naming the window, not a 500", async () => {
    const { status, body } = await call(searchEmail, "/api/v1/explorer/email?to=0001-01-01T00%3A00%3A00Z");
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe("query.from");
  });
});

describe("ids past INT4", () => {
  it.each([
    ["approve", approve],
    ["reject", reject],
    ["retry", retry],
  ] as [string, TRoute][])("2147483648 on %s is a 400", async (verb, route) => {
    const { status, body } = await call(
      route,
      `/api/v1/actions/2147483648/${verb}`,
      { method: "POST" },
      { id: "2147483648" },
    );
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe("params.id");
  });

  it("2147483648 on release is a 400", async () => {
    const { status } = await call(
      release,
      "/api/v1/restricted-users/2147483648/release",
      { method: "POST" },
      { id: "2147483648" },
    );
    expect(status).toBe(400);
  });

  it("2147483648 among many decisions is a 400", async () => {
    const { status, body } = await call(decideMany, "/api/v1/actions/decide", {
      method: "POST",
      body: { ids: [actionId, 2147483648], decision: "reject" },
    });
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe("body.ids.1");
  });
});

describe("deep nesting", () => {
  it("a 10,000-level value inside a field is a 400, not a stack overflow", async () => {
    const nested = await call(
      approve,
      `/api/v1/actions/${actionId}/approve`,
      { method: "POST", body: `{"comment":${DEEP}}` },
      { id: String(actionId) },
    );
    expect(nested.status).toBe(400);
    expect(nested.body.error.message).toContain("nested deeper than");
    const trigger = await call(triggerInvestigation, "/api/v1/investigations", {
      method: "POST",
      body: `{"networkMessageIds":${DEEP}}`,
    });
    expect(trigger.status).toBe(400);
  });
});

describe("empty filters", () => {
  it("clusters/{id}/messages?location= lists the cluster's messages as if no location were given", async () => {
    const all = await call(clusterMessages, `/api/v1/clusters/${clusterId}/messages`, {}, { id: String(clusterId) });
    const empty = await call(
      clusterMessages,
      `/api/v1/clusters/${clusterId}/messages?location=`,
      {},
      { id: String(clusterId) },
    );
    expect(empty.status).toBe(200);
    expect(empty.body.total).toBe(all.body.total);
    expect(all.body.total).toBeGreaterThan(0);
  });
});

describe("bodies over a route's limit", () => {
  it("300 MiB streamed to hunting is a 413 at once, read no further than the limit", async () => {
    const chunk = new Uint8Array(1 << 20).fill(32);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 300 << 20) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://localhost/api/v1/hunting/query", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const started = Date.now();
    const response = await huntingQuery(request, routeContext());
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(4 << 20);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
