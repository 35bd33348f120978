import { beforeAll, describe, expect, it } from "vitest";
import { POST as commentRoute } from "@/app/api/v1/alerts/[id]/comments/route";
import { GET as historyRoute } from "@/app/api/v1/alerts/[id]/history/route";
import { GET as getAlertRoute, PATCH as patchAlertRoute } from "@/app/api/v1/alerts/[id]/route";
import { GET as assigneesRoute } from "@/app/api/v1/alerts/assignees/route";
import { GET as listAlertsRoute } from "@/app/api/v1/alerts/route";
import { POST as triageRoute } from "@/app/api/v1/alerts/triage/route";
import { PUT as putSettingsRoute } from "@/app/api/v1/settings/automation/route";
import { prisma } from "@/server/db";
import { refreshInvestigationStatus } from "@/server/investigations/refresh-investigation-status";
import { makeAction, makeInvestigation, makePolicyAlert, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, makeUser, routeContext } from "../factories/users";

type TRoute = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;

let operator: string;
let reader: string;
let admin: string;
let analyst: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  [operator, reader, admin, analyst] = await Promise.all([
    makeToken("operator"),
    makeToken("reader"),
    makeToken("admin"),
    makeUser("operator"),
  ]);
});

async function call(
  route: TRoute,
  method: string,
  path: string,
  params: Record<string, string>,
  options: { token?: string; body?: unknown } = {},
) {
  const response = await route(
    apiRequest(path, { method, token: options.token ?? operator, body: options.body }),
    routeContext(params),
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the shape it expects
  // biome-ignore lint/suspicious/noExplicitAny: the route's JSON answer, read field by field below
  return { status: response.status, body: (await response.json()) as any };
}

const patch = (id: number | string, body: unknown, token?: string) =>
  call(patchAlertRoute, "PATCH", `/api/v1/alerts/${id}`, { id: String(id) }, { body, token });
const history = (id: number) => call(historyRoute, "GET", `/api/v1/alerts/${id}/history`, { id: String(id) });
const feedOf = (alertId: number) =>
  prisma.activityRecord
    .findMany({ where: { recordId: { startsWith: `alert:${alertId}:update:` } }, orderBy: { id: "asc" } })
    .then((rows) => rows.map((row) => row.payload as Record<string, unknown>));
const auditOf = (alertId: number) =>
  prisma.auditLog.findMany({ where: { targetType: "alert", targetId: String(alertId) }, orderBy: { id: "asc" } });

describe("PATCH /api/v1/alerts/{id}", () => {
  it("assigns, classifies and resolves an alert, with history, audit and a feed record per change", async () => {
    const alert = await makePolicyAlert();
    const assigned = await patch(alert.id, { assigneeId: analyst.id, status: "InProgress", version: 0 });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      id: alert.id,
      status: "InProgress",
      assignee: { id: analyst.id, name: analyst.name, email: analyst.email },
      version: 1,
      resolvedAt: null,
    });

    const resolved = await patch(alert.id, {
      status: "Resolved",
      classification: "TruePositive",
      determination: "Phishing",
      comment: "Credential phish, user reset",
      version: 1,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: "Resolved",
      classification: "TruePositive",
      determination: "Phishing",
      version: 2,
    });
    expect(new Date(resolved.body.resolvedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const { body: page } = await history(alert.id);
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({
      actorName: "token factory operator",
      comment: "Credential phish, user reset",
      changes: {
        status: { from: "InProgress", to: "Resolved" },
        classification: { from: null, to: "TruePositive" },
        determination: { from: null, to: "Phishing" },
      },
    });
    expect(page.items[1].changes).toEqual({
      status: { from: "New", to: "InProgress" },
      assignedTo: { from: null, to: analyst.name },
    });

    const audit = await auditOf(alert.id);
    expect(audit.map((entry) => entry.action)).toEqual(["alert.update", "alert.update"]);
    expect(audit[1]).toMatchObject({
      actorType: "token",
      before: { status: "InProgress", assignedTo: analyst.name, classification: null, determination: null },
      after: {
        status: "Resolved",
        assignedTo: analyst.name,
        classification: "TruePositive",
        determination: "Phishing",
        comment: "Credential phish, user reset",
      },
    });

    const feed = await feedOf(alert.id);
    expect(feed).toHaveLength(2);
    expect(feed[1]).toMatchObject({
      RecordType: 40,
      Operation: "AlertUpdated",
      AlertId: String(alert.id),
      Status: "Resolved",
      AssignedTo: analyst.email,
      Classification: "TruePositive",
      Determination: "Phishing",
      Comments: "Credential phish, user reset",
      UserId: "token factory operator",
      DeeplinkURL: `/alerts/${alert.id}`,
    });
  });

  it("changes nothing and records nothing when the request matches the alert", async () => {
    const alert = await makePolicyAlert({ status: "InProgress" });
    const { status, body } = await patch(alert.id, { status: "InProgress" });
    expect(status).toBe(200);
    expect(body.version).toBe(0);
    expect((await history(alert.id)).body.total).toBe(0);
    expect(await auditOf(alert.id)).toHaveLength(0);
  });

  it("unassigns, clears a classification with its determination, and re-opens", async () => {
    const alert = await makePolicyAlert({
      status: "Resolved",
      assigneeId: analyst.id,
      classification: "FalsePositive",
      determination: "NotMalicious",
      resolvedAt: new Date(),
    });
    const { body } = await patch(alert.id, { assigneeId: null, classification: null, status: "New" });
    expect(body).toMatchObject({
      assignee: null,
      classification: null,
      determination: null,
      status: "New",
      resolvedAt: null,
    });
  });

  it("lets one of two concurrent changes from the same version through and answers 409 to the other", async () => {
    const alert = await makePolicyAlert();
    const answers = await Promise.all([
      patch(alert.id, { status: "Resolved", version: 0 }),
      patch(alert.id, { assigneeId: analyst.id, version: 0 }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    expect(refused.body.error).toMatchObject({ code: "CONFLICT" });
    expect(refused.body.error.message).toContain("token factory operator");
    expect((await history(alert.id)).body.total).toBe(1);
    expect(await feedOf(alert.id)).toHaveLength(1);
  });

  it.each([
    [{ status: "Open" }, "body.status"],
    [{ assigneeId: "nobody" }, "body.assigneeId"],
    [{ assigneeId: "00000000-0000-4000-8000-000000000000" }, "body.assigneeId"],
    [{ classification: "TruePositive", determination: "NotMalicious" }, "body.determination"],
    [{ determination: "Phishing" }, "body.determination"],
    [{ comment: "" }, "body.comment"],
    [{ comment: "x".repeat(2001) }, "body.comment"],
    [{ version: -1, status: "New" }, "body.version"],
    [{ status: "New", extra: 1 }, "body"],
    [{}, "body"],
    [{ version: 3 }, "body"],
  ])("answers 400 naming the field for %j", async (body, path) => {
    const alert = await makePolicyAlert();
    const answer = await patch(alert.id, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues[0].path).toBe(path);
    expect(await auditOf(alert.id)).toHaveLength(0);
  });

  it("answers 400 for a disabled assignee, 404 for an unknown alert, 403 to a reader and 401 to a bad token", async () => {
    const disabled = await prisma.user.create({
      data: {
        email: `gone-${uniqueTag()}@factory.test`,
        name: "Gone",
        role: "operator",
        passwordHash: "x",
        isDisabled: true,
      },
    });
    const alert = await makePolicyAlert();
    expect((await patch(alert.id, { assigneeId: disabled.id })).body.error.issues[0]).toEqual({
      path: "body.assigneeId",
      message: "is a disabled user",
    });
    expect((await patch(999_999, { status: "Resolved" })).status).toBe(404);
    expect((await patch(alert.id, { status: "Resolved" }, reader)).status).toBe(403);
    expect((await patch(alert.id, { status: "Resolved" }, "bw_not-a-token")).status).toBe(401);
    expect((await patch(alert.id, { status: "Resolved" }, admin)).status).toBe(200);
  });
});

describe("POST /api/v1/alerts/{id}/comments and GET /history", () => {
  const comment = (id: number, body: unknown, token?: string) =>
    call(commentRoute, "POST", `/api/v1/alerts/${id}/comments`, { id: String(id) }, { body, token });

  it("adds a comment to the history, the audit log and the feed, and leaves the version alone", async () => {
    const alert = await makePolicyAlert();
    const { status } = await comment(alert.id, { comment: "Asked the user whether they sent it" });
    expect(status).toBe(201);
    const { body } = await history(alert.id);
    expect(body.items).toEqual([
      expect.objectContaining({ comment: "Asked the user whether they sent it", changes: {} }),
    ]);
    expect((await auditOf(alert.id))[0]).toMatchObject({
      action: "alert.comment",
      after: { comment: "Asked the user whether they sent it" },
    });
    expect((await feedOf(alert.id))[0]).toMatchObject({
      Operation: "AlertUpdated",
      Comments: "Asked the user whether they sent it",
      Status: "Active",
    });
    expect(
      (await call(getAlertRoute, "GET", `/api/v1/alerts/${alert.id}`, { id: String(alert.id) })).body.version,
    ).toBe(0);
  });

  it("refuses an empty comment (400), a reader (403) and an unknown alert (404)", async () => {
    const alert = await makePolicyAlert();
    expect((await comment(alert.id, { comment: "  " })).body.error.issues[0].path).toBe("body.comment");
    expect((await comment(alert.id, { comment: "hi" }, reader)).status).toBe(403);
    expect((await comment(999_999, { comment: "hi" })).status).toBe(404);
    expect((await history(999_999)).status).toBe(404);
  });
});

describe("POST /api/v1/alerts/triage", () => {
  const triage = (body: unknown, token?: string) =>
    call(triageRoute, "POST", "/api/v1/alerts/triage", {}, { body, token });

  it("applies one change to many alerts, each audited and in the feed, and says what became of each id", async () => {
    const [first, second, already] = await Promise.all([
      makePolicyAlert(),
      makePolicyAlert({ status: "InProgress" }),
      makePolicyAlert({ status: "Resolved", classification: "FalsePositive", determination: "Other" }),
    ]);
    const { status, body } = await triage({
      ids: [first.id, second.id, already.id, 999_999],
      status: "Resolved",
      classification: "FalsePositive",
      determination: "Other",
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      updated: 2,
      results: [
        { id: first.id, outcome: "updated" },
        { id: second.id, outcome: "updated" },
        { id: already.id, outcome: "unchanged" },
        { id: 999_999, outcome: "notFound" },
      ],
    });
    for (const alert of [first, second]) {
      expect(await prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
        status: "Resolved",
        classification: "FalsePositive",
        determination: "Other",
        version: 1,
      });
      expect(await auditOf(alert.id)).toHaveLength(1);
      expect(await feedOf(alert.id)).toEqual([
        expect.objectContaining({ Status: "Resolved", Classification: "FalsePositive" }),
      ]);
    }
    expect(await auditOf(already.id)).toHaveLength(0);
  });

  it("answers 400 naming the field, and 403 to a reader", async () => {
    expect((await triage({ ids: [], status: "Resolved" })).body.error.issues[0].path).toBe("body.ids");
    expect(
      (await triage({ ids: Array.from({ length: 501 }, (_, n) => n + 1), status: "Resolved" })).body.error.issues[0]
        .path,
    ).toBe("body.ids");
    expect((await triage({ ids: [1] })).body.error.issues[0].path).toBe("body");
    expect((await triage({ ids: [1], status: "Resolved" }, reader)).status).toBe(403);
  });
});

describe("GET /api/v1/alerts filters and GET /assignees", () => {
  it("filters by assignee (a user, unassigned) and classification (or unclassified), and shows both in the list", async () => {
    const tag = uniqueTag();
    const mine = await makePolicyAlert({
      userAddress: `a-${tag}@x.test`,
      assigneeId: analyst.id,
      classification: "TruePositive",
      determination: "Malware",
    });
    const nobody = await makePolicyAlert({ userAddress: `b-${tag}@x.test` });
    const list = async (query: string) =>
      (await call(listAlertsRoute, "GET", `/api/v1/alerts?user=${tag}&${query}`, {}, { token: reader })).body;
    const ids = (body: { items: { id: number }[] }) => body.items.map((item) => item.id).sort((a, b) => a - b);
    expect(ids(await list(`assignee=${analyst.id}`))).toEqual([mine.id]);
    expect(ids(await list("assignee=unassigned"))).toEqual([nobody.id]);
    expect(ids(await list(`assignee=unassigned,${analyst.id}`))).toEqual([mine.id, nobody.id]);
    // A token is nobody's "me".
    expect(ids(await list("assignee=me"))).toEqual([]);
    expect(ids(await list("classification=TruePositive"))).toEqual([mine.id]);
    expect(ids(await list("classification=Unclassified,FalsePositive"))).toEqual([nobody.id]);
    expect((await list(`assignee=${analyst.id}`)).items[0]).toMatchObject({
      assignee: { name: analyst.name },
      classification: "TruePositive",
      determination: "Malware",
    });
    const bad = await call(listAlertsRoute, "GET", "/api/v1/alerts?assignee=someone", {}, { token: reader });
    expect(bad.body.error.issues[0].path).toBe("query.assignee");
  });

  it("lists the users an alert can be assigned to, without disabled ones", async () => {
    const { status, body } = await call(assigneesRoute, "GET", "/api/v1/alerts/assignees", {}, { token: reader });
    expect(status).toBe(200);
    expect(body.items).toContainEqual({ id: analyst.id, name: analyst.name, email: analyst.email });
    expect(body.items.some((user: { name: string }) => user.name === "Gone")).toBe(false);
  });
});

describe("resolving the alerts of a finished run", () => {
  async function runWithAlerts(actionStatus: "Completed" | "Rejected" | null) {
    const run = await makeInvestigation({ status: "Running" });
    if (actionStatus) await makeAction({ investigationId: run.id, status: actionStatus });
    const alerts = await Promise.all([
      makePolicyAlert({ investigationId: run.id, status: "InProgress" }),
      makePolicyAlert({ investigationId: run.id, status: "New" }),
    ]);
    return { run, alerts };
  }
  const statusOf = (id: number) => prisma.alert.findUniqueOrThrow({ where: { id } }).then((alert) => alert.status);
  const setResolving = (resolveAlertsOnRunEnd: boolean) =>
    putSettingsRoute(
      apiRequest("/api/v1/settings/automation", {
        method: "PUT",
        token: admin,
        body: { similarFiles: false, similarUrls: false, action: "softDelete", resolveAlertsOnRunEnd },
      }),
      routeContext(),
    );

  it("resolves them as Automation when the run ends Remediated or No threats found, audited and in the feed", async () => {
    for (const actionStatus of ["Completed", null] as const) {
      const { run, alerts } = await runWithAlerts(actionStatus);
      await refreshInvestigationStatus(run.id);
      expect((await prisma.investigation.findUniqueOrThrow({ where: { id: run.id } })).status).toBe(
        actionStatus ? "Remediated" : "NoThreatsFound",
      );
      for (const alert of alerts) {
        expect(await prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
          status: "Resolved",
          version: 1,
          resolvedAt: expect.any(Date),
        });
        expect(await auditOf(alert.id)).toEqual([
          expect.objectContaining({
            actorType: "system",
            actorName: "Automation",
            action: "alert.update",
            after: expect.objectContaining({ status: "Resolved" }),
          }),
        ]);
        expect((await history(alert.id)).body.items[0]).toMatchObject({
          actorName: "Automation",
          changes: { status: { from: alert.status, to: "Resolved" } },
        });
        expect(await feedOf(alert.id)).toEqual([
          expect.objectContaining({ Status: "Resolved", UserType: 4, UserId: "Automation" }),
        ]);
      }
    }
  });

  it("leaves them open when the run ends otherwise, or when an admin turned the setting off", async () => {
    const partly = await runWithAlerts("Rejected");
    await refreshInvestigationStatus(partly.run.id);
    expect(await Promise.all(partly.alerts.map((alert) => statusOf(alert.id)))).toEqual(["InProgress", "New"]);

    expect((await setResolving(false)).status).toBe(200);
    expect(
      (
        await prisma.auditLog.findFirstOrThrow({
          where: { action: "automationSettings.update" },
          orderBy: { id: "desc" },
        })
      ).after,
    ).toMatchObject({ resolveAlertsOnRunEnd: false });
    const off = await runWithAlerts("Completed");
    await refreshInvestigationStatus(off.run.id);
    expect(await Promise.all(off.alerts.map((alert) => statusOf(alert.id)))).toEqual(["InProgress", "New"]);
    expect((await setResolving(true)).status).toBe(200);
  });
});
