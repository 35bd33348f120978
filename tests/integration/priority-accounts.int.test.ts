// Priority accounts on the lists (Defender's priority account tags): alerts, investigations and actions that involve a
// tagged user are marked and filterable, and a two-person rule can name them. Real PostgreSQL; one database per file.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listActionsRoute } from "@/app/api/v1/actions/route";
import { POST as approveRoute } from "@/app/api/v1/actions/[id]/approve/route";
import { GET as listAlertsRoute } from "@/app/api/v1/alerts/route";
import { GET as listInvestigationsRoute } from "@/app/api/v1/investigations/route";
import { PUT as priorityRoute } from "@/app/api/v1/mailboxes/[address]/priority/route";
import { PUT as putRulesRoute } from "@/app/api/v1/settings/approval-rules/route";
import { prisma } from "@/server/db";
import { makeAction, makeInvestigation, makePolicyAlert } from "../factories/console";
import { insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const vip = "ceo@priority.test";
const plain = "clerk@priority.test";
let reader: string;
let admin: string;
let firstOperator: string;
let secondOperator: string;

async function answer(response: Response) {
  return { status: response.status, body: await response.json() };
}

type TListRoute = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;
const list = async (route: TListRoute, path: string) =>
  answer(await route(apiRequest(path, { token: reader }), routeContext()));

/** A pending soft delete on a cluster of one copy delivered to `recipient`. */
async function emailAction(recipient: string) {
  const [email] = await insertEmails([{ timestamp: new Date(), subject: `for ${recipient}`, recipients: [recipient] }]);
  const events = await prisma.emailEvent.findMany({
    where: { networkMessageId: email.networkMessageId },
    select: { id: true },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      kind: "similarUrls",
      name: `Cluster for ${recipient}`,
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: 1,
    },
  });
  await prisma.emailClusterMember.createMany({
    data: events.map(({ id }) => ({ clusterId: cluster.id, emailEventId: id })),
  });
  return makeAction({ clusterId: cluster.id, entity: cluster.name, status: "Pending" });
}

let vipAlert: number;
let plainAlert: number;
let vipInvestigation: number;
let plainInvestigation: number;
let vipEmailAction: number;
let vipIdentityAction: number;
let plainEmailAction: number;

beforeAll(async () => {
  [reader, admin, firstOperator, secondOperator] = await Promise.all([
    makeToken("reader"),
    makeToken("admin"),
    makeToken("operator"),
    makeToken("operator"),
  ]);
  await prisma.mailbox.createMany({
    data: [vip, plain].map((address) => ({ address, displayName: address, department: "Board", country: "NL" })),
  });
  const tagged = await priorityRoute(
    apiRequest(`/api/v1/mailboxes/${vip}/priority`, { method: "PUT", token: admin, body: { isPriority: true } }),
    routeContext({ address: vip }),
  );
  expect(tagged.status).toBe(200);
  vipAlert = (await makePolicyAlert({ userAddress: vip })).id;
  plainAlert = (await makePolicyAlert({ userAddress: plain })).id;
  vipInvestigation = (await makeInvestigation({ users: [plain, vip] })).id;
  plainInvestigation = (await makeInvestigation({ users: [plain] })).id;
  vipEmailAction = (await emailAction(vip)).id;
  plainEmailAction = (await emailAction(plain)).id;
  vipIdentityAction = (
    await makeAction({ type: "revokeSessions", entity: vip, target: { mailbox: vip }, status: "Pending" })
  ).id;
});

describe("priority accounts on the lists", () => {
  it("marks and filters alerts on a priority account", async () => {
    const all = await list(listAlertsRoute, "/api/v1/alerts");
    const marks = Object.fromEntries(
      all.body.items.map((item: { id: number; isPriorityAccount: boolean }) => [item.id, item.isPriorityAccount]),
    );
    expect(marks).toEqual({ [vipAlert]: true, [plainAlert]: false });
    expect(
      (await list(listAlertsRoute, "/api/v1/alerts?priorityAccount=true")).body.items.map(
        (item: { id: number }) => item.id,
      ),
    ).toEqual([vipAlert]);
    expect(
      (await list(listAlertsRoute, "/api/v1/alerts?priorityAccount=false")).body.items.map(
        (item: { id: number }) => item.id,
      ),
    ).toEqual([plainAlert]);
  });

  it("marks which of an investigation's users are priority accounts, and filters on them", async () => {
    const all = await list(listInvestigationsRoute, "/api/v1/investigations");
    const marks = Object.fromEntries(
      all.body.items.map((item: { id: number; priorityAccounts: string[] }) => [item.id, item.priorityAccounts]),
    );
    expect(marks).toEqual({ [vipInvestigation]: [vip], [plainInvestigation]: [] });
    expect(
      (await list(listInvestigationsRoute, "/api/v1/investigations?priorityAccount=true")).body.items.map(
        (item: { id: number }) => item.id,
      ),
    ).toEqual([vipInvestigation]);
    expect(
      (await list(listInvestigationsRoute, "/api/v1/investigations?priorityAccount=false")).body.items.map(
        (item: { id: number }) => item.id,
      ),
    ).toEqual([plainInvestigation]);
  });

  it("marks an identity action on a priority account and an email action with a copy in one, and filters on them", async () => {
    const all = await list(listActionsRoute, "/api/v1/actions?view=pending&sort=createdAt");
    const marks = Object.fromEntries(
      all.body.items.map((item: { id: number; involvesPriorityAccount: boolean }) => [
        item.id,
        item.involvesPriorityAccount,
      ]),
    );
    expect(marks).toEqual({ [vipEmailAction]: true, [plainEmailAction]: false, [vipIdentityAction]: true });
    const only = await list(listActionsRoute, "/api/v1/actions?view=pending&sort=createdAt&priorityAccount=true");
    expect(only.body.items.map((item: { id: number }) => item.id)).toEqual([vipEmailAction, vipIdentityAction]);
    expect(only.body.total).toBe(2);
  });

  it("answers 400 naming the filter when it is neither true nor false", async () => {
    const { status, body } = await list(listAlertsRoute, "/api/v1/alerts?priorityAccount=maybe");
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain("priorityAccount");
  });

  it("asks for a second approver on an action that involves a priority account when a rule says so, and only then", async () => {
    const saved = await putRulesRoute(
      apiRequest("/api/v1/settings/approval-rules", {
        method: "PUT",
        token: admin,
        body: { rules: [{ condition: "priorityAccount" }] },
      }),
      routeContext(),
    );
    expect(saved.status).toBe(200);
    const approve = async (id: number, token: string) =>
      answer(
        await approveRoute(
          apiRequest(`/api/v1/actions/${id}/approve`, { method: "POST", token, body: {} }),
          routeContext({ id: String(id) }),
        ),
      );

    const first = await approve(vipEmailAction, firstOperator);
    expect(first.status).toBe(200);
    expect(
      await prisma.action.findUniqueOrThrow({
        where: { id: vipEmailAction },
        select: { status: true, firstApprovedAt: true },
      }),
    ).toMatchObject({ status: "Pending", firstApprovedAt: expect.any(Date) });
    expect((await approve(vipEmailAction, secondOperator)).status).toBe(200);
    expect((await prisma.action.findUniqueOrThrow({ where: { id: vipEmailAction } })).status).not.toBe("Pending");

    expect((await approve(plainEmailAction, firstOperator)).status).toBe(200);
    expect(
      await prisma.action.findUniqueOrThrow({
        where: { id: plainEmailAction },
        select: { status: true, firstApprovedAt: true },
      }),
    ).toMatchObject({ firstApprovedAt: null });
    expect((await prisma.action.findUniqueOrThrow({ where: { id: plainEmailAction } })).status).not.toBe("Pending");
  });
});
