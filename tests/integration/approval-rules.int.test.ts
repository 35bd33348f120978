// Two-person rules on real PostgreSQL: Settings › Approval rules (admin, validated, audited) and what a matching action
// does on approval — the first leaves it Pending "Awaiting second approval", the same person again is a 409, someone
// else's approval carries it out once, also when two arrive at once.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as approveRoute } from "@/app/api/v1/actions/[id]/approve/route";
import { POST as rejectRoute } from "@/app/api/v1/actions/[id]/reject/route";
import { GET as getRulesRoute, PUT as putRulesRoute } from "@/app/api/v1/settings/approval-rules/route";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let adminToken: string;
let firstOperator: string;
let secondOperator: string;
let thirdOperator: string;
let readerToken: string;
const mailboxes = ["a@two.test", "b@two.test"];
let sequence = 0;

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: mailboxes.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
  [adminToken, firstOperator, secondOperator, thirdOperator, readerToken] = await Promise.all([
    makeToken("admin"),
    makeToken("operator"),
    makeToken("operator"),
    makeToken("operator"),
    makeToken("reader"),
  ]);
});

async function answer(response: Response) {
  return { status: response.status, body: await response.json() };
}

const getRules = async (token = readerToken) =>
  answer(await getRulesRoute(apiRequest("/api/v1/settings/approval-rules", { token }), routeContext()));
const putRules = async (body: unknown, token = adminToken) =>
  answer(
    await putRulesRoute(apiRequest("/api/v1/settings/approval-rules", { method: "PUT", token, body }), routeContext()),
  );
const decide = async (route: typeof approveRoute | typeof rejectRoute, id: number, token: string) =>
  answer(
    await route(
      apiRequest(`/api/v1/actions/${id}/${route === approveRoute ? "approve" : "reject"}`, {
        method: "POST",
        token,
        body: {},
      }),
      routeContext({ id: String(id) }),
    ),
  );
const approve = (id: number, token: string) => decide(approveRoute, id, token);

/** A pending email action on a cluster of two delivered copies. */
async function pendingEmailAction(type: string) {
  sequence += 1;
  const [email] = await insertEmails([
    { timestamp: new Date(), subject: `two-person ${sequence}`, recipients: mailboxes },
  ]);
  const ids = await prisma.emailEvent.findMany({
    where: { networkMessageId: email.networkMessageId },
    select: { id: true },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      kind: "similarUrls",
      name: `two-person ${sequence}`,
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: ids.length,
    },
  });
  await prisma.emailClusterMember.createMany({
    data: ids.map(({ id }) => ({ clusterId: cluster.id, emailEventId: id })),
  });
  return prisma.action.create({
    data: {
      type,
      source: "AutomatedInvestigation",
      entity: cluster.name,
      clusterId: cluster.id,
      dedupKey: `two-person:${sequence}`,
    },
  });
}

const executions = (actionId: number) => prisma.emailPostDeliveryEvent.count({ where: { actionId } });

// One file, one database: the tests run in order, and the rules saved first apply to the decisions after.
describe("/api/v1/settings/approval-rules", () => {
  it("has no rules until an admin adds one", async () => {
    expect(await getRules()).toEqual({ status: 200, body: { rules: [], updatedAt: null, updatedBy: null } });
  });

  it("refuses bad rules, naming the field", async () => {
    const unknown = await putRules({ rules: [{ condition: "anyPriorityAccount" }] });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain("rules.0.condition");
    const negative = await putRules({ rules: [{ condition: "emailOverMessages", messages: -1 }] });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain("rules.0.messages");
    expect((await putRules({ rules: [{ condition: "hardDelete", extra: true }] })).status).toBe(400);
    expect((await putRules({})).status).toBe(400);
  });

  it("lets only an admin change them, and answers 401 to a bad token", async () => {
    expect((await putRules({ rules: [{ condition: "hardDelete" }] }, firstOperator)).status).toBe(403);
    expect((await putRules({ rules: [{ condition: "hardDelete" }] }, readerToken)).status).toBe(403);
    expect((await putRules({ rules: [] }, "bw_not-a-token")).status).toBe(401);
    expect((await getRules("bw_not-a-token")).status).toBe(401);
  });

  it("saves an admin's rules and audits before and after", async () => {
    const rules = [
      { condition: "hardDelete" },
      { condition: "emailOverMessages", messages: 500 },
      { condition: "disableAccount" },
    ];
    const saved = await putRules({ rules });
    expect(saved).toMatchObject({ status: 200, body: { rules, updatedBy: "token factory admin" } });
    expect((await getRules()).body).toEqual(saved.body);
    const [entry] = await prisma.auditLog.findMany({ where: { action: "approvalRuleSettings.update" } });
    expect(entry).toMatchObject({ before: { rules: [] }, after: { rules } });
  });
});

describe("an action a two-person rule matches", () => {
  it("waits after the first approval, refuses the same approver, and runs once on a second person's approval", async () => {
    const action = await pendingEmailAction("hardDelete");
    const first = await approve(action.id, firstOperator);
    expect(first).toMatchObject({
      status: 200,
      body: { status: "Pending", isNewDecision: true, firstApprovedByName: "token factory operator" },
    });
    const waiting = await prisma.action.findUniqueOrThrow({ where: { id: action.id } });
    expect(waiting).toMatchObject({
      status: "Pending",
      firstApprovedByName: "token factory operator",
      executedAt: null,
    });
    expect(waiting.firstApprovedAt).toBeInstanceOf(Date);
    expect(await executions(action.id)).toBe(0);

    const again = await approve(action.id, firstOperator);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("someone other than token factory operator");
    expect(await executions(action.id)).toBe(0);

    const second = await approve(action.id, secondOperator);
    expect(second).toMatchObject({ status: 200, body: { status: "Completed", isNewDecision: true } });
    expect(await executions(action.id)).toBe(2);
    // Approving what already ran is the usual no-op, even for the first approver.
    expect((await approve(action.id, thirdOperator)).body).toMatchObject({ status: "Completed", isNewDecision: false });
    expect(await executions(action.id)).toBe(2);
    expect(
      await prisma.auditLog.count({
        where: {
          targetType: "action",
          targetId: String(action.id),
          action: { in: ["action.approve.first", "action.approve"] },
        },
      }),
    ).toBe(2);
    // The SIEM feed says both: the first approval as it happened, and the decision naming the first approver.
    const feed = await prisma.activityRecord.findMany({
      where: { recordId: { startsWith: `action:${action.id}:` } },
      orderBy: { id: "asc" },
      select: { payload: true },
    });
    expect(feed.map((record) => record.payload)).toMatchObject([
      {
        Operation: "ActionFirstApproved",
        UserType: 0,
        UserId: "token factory operator",
        ActionStatus: "Pending",
        FirstApprovedByName: "token factory operator",
      },
      {
        Operation: "ActionApproved",
        UserType: 0,
        FirstApprovedByName: "token factory operator",
        FirstApprovedAtUtc: expect.any(String),
      },
      ...feed.slice(2).map(() => ({})),
    ]);
  });

  it("executes once when two second approvals arrive at once", async () => {
    const action = await pendingEmailAction("hardDelete");
    await approve(action.id, firstOperator);
    const answers = await Promise.all([approve(action.id, secondOperator), approve(action.id, thirdOperator)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.filter((a) => a.body.isNewDecision)).toHaveLength(1);
    expect(await executions(action.id)).toBe(2);
  });

  it("ends on a rejection by either person", async () => {
    const action = await pendingEmailAction("hardDelete");
    await approve(action.id, firstOperator);
    expect(await decide(rejectRoute, action.id, firstOperator)).toMatchObject({
      status: 200,
      body: { status: "Rejected" },
    });
    expect((await approve(action.id, secondOperator)).status).toBe(409);
    expect(await executions(action.id)).toBe(0);
  });

  it("leaves actions no rule matches to one approval", async () => {
    const action = await pendingEmailAction("softDelete");
    expect(await approve(action.id, firstOperator)).toMatchObject({ status: 200, body: { status: "Completed" } });
  });
});
