import { beforeAll, describe, expect, it } from "vitest";
import { GET as getClusterRoute } from "@/app/api/v1/clusters/[id]/route";
import { GET as listMessagesRoute } from "@/app/api/v1/clusters/[id]/messages/route";
import { prisma } from "@/server/db";
import { makeAction, makeInvestigation, uniqueTag } from "../factories/console";
import { hoursAgo, insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let token: string;

beforeAll(async () => {
  token = await makeToken("reader");
});

async function answer(response: Response) {
  return { status: response.status, body: await response.json() };
}

const getCluster = async (id: number | string, bearer = token) =>
  answer(
    await getClusterRoute(apiRequest(`/api/v1/clusters/${id}`, { token: bearer }), routeContext({ id: String(id) })),
  );

const listMessages = async (id: number | string, query = "", bearer = token) =>
  answer(
    await listMessagesRoute(
      apiRequest(`/api/v1/clusters/${id}/messages?${query}`, { token: bearer }),
      routeContext({ id: String(id) }),
    ),
  );

/** A Similar URLs cluster of five messages (one recipient each), 5 hours old to 1 hour old, and its soft delete. */
async function makeCluster() {
  const tag = uniqueTag();
  const investigation = await makeInvestigation({
    playbook: "UserReportedMessage",
    name: `Email reported by user ${tag}`,
  });
  const emails = await insertEmails(
    [5, 4, 3, 2, 1].map((hours, index) => ({
      timestamp: hoursAgo(hours),
      subject: index === 2 ? `Invoice overdue ${tag}` : `Your parcel ${tag}`,
      recipients: [`user${index}-${tag}@breakwater.test`],
      latestDeliveryLocation: index === 4 ? "Junk folder" : "Inbox/folder",
    })),
  );
  const events = await prisma.emailEvent.findMany({
    where: { networkMessageId: { in: emails.map((email) => email.networkMessageId) } },
    orderBy: { timestamp: "asc" },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      investigationId: investigation.id,
      kind: "similarUrls",
      name: `URL https://evil-${tag}.example/login`,
      query: { url: `https://evil-${tag}.example/login` },
      queryText: `EmailUrlInfo | where Url == "https://evil-${tag}.example/login"`,
      verdict: "Malicious",
      messageCount: events.length,
      countsByLocation: { "Inbox/folder": 4, "Junk folder": 1 },
    },
  });
  await prisma.emailClusterMember.createMany({
    data: events.map((event) => ({ clusterId: cluster.id, emailEventId: event.id })),
  });
  const action = await makeAction({
    investigationId: investigation.id,
    clusterId: cluster.id,
    entity: cluster.name,
    source: "AutomatedEmailAction",
    status: "Completed",
    decidedBy: "Automation",
    decidedAt: hoursAgo(0.5),
    executedAt: hoursAgo(0.5),
    successCount: 5,
  });
  return { tag, investigation, cluster, events, action };
}

describe("GET /api/v1/clusters/[id]", () => {
  it("answers the cluster, its investigation and actions, with counts by location as they are now", async () => {
    const { investigation, cluster, events, action } = await makeCluster();
    const first = await getCluster(cluster.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id: cluster.id,
      kind: "similarUrls",
      name: cluster.name,
      queryText: cluster.queryText,
      query: cluster.query,
      verdict: "Malicious",
      messageCount: 5,
      investigationId: investigation.id,
      investigation: { name: investigation.name },
      countsByLocation: { "Inbox/folder": 4, "Junk folder": 1 },
    });
    expect(first.body.actions).toEqual([
      expect.objectContaining({
        id: action.id,
        type: "softDelete",
        status: "Completed",
        source: "AutomatedEmailAction",
        decidedBy: "Automation",
        successCount: 5,
        failedCount: 0,
        revertOfId: null,
      }),
    ]);

    // A soft delete moved three of them after the cluster was made; the stored counts no longer hold.
    await prisma.emailEvent.updateMany({
      where: { id: { in: events.slice(0, 3).map((event) => event.id) } },
      data: { latestDeliveryLocation: "Recoverable items" },
    });
    const now = await getCluster(cluster.id);
    expect(now.body.countsByLocation).toEqual({ "Recoverable items": 3, "Inbox/folder": 1, "Junk folder": 1 });
  });

  it("answers 404 for a cluster that does not exist and 400 naming params.id for a bad id", async () => {
    const missing = await getCluster(2_000_000_000);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
    for (const id of ["abc", "0", "1.5"]) {
      const { status, body } = await getCluster(id);
      expect(status).toBe(400);
      expect(body.error.issues[0].path).toBe("params.id");
    }
  });

  it("is open to every role and refuses a bad token (401)", async () => {
    const { cluster } = await makeCluster();
    for (const role of ["reader", "operator", "admin"] as const)
      expect((await getCluster(cluster.id, await makeToken(role))).status).toBe(200);
    expect((await getCluster(cluster.id, "bw_not-a-token")).status).toBe(401);
  });
});

describe("GET /api/v1/clusters/[id]/messages", () => {
  it("pages the members newest first, with string ids", async () => {
    const { cluster, events } = await makeCluster();
    const { status, body } = await listMessages(cluster.id, "pageSize=2");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([
      events[4].id.toString(),
      events[3].id.toString(),
    ]);
    expect(body.items[0]).toEqual({
      id: events[4].id.toString(),
      timestamp: events[4].timestamp.toISOString(),
      networkMessageId: events[4].networkMessageId,
      recipientEmailAddress: events[4].recipientEmailAddress,
      senderFromAddress: events[4].senderFromAddress,
      subject: events[4].subject,
      latestDeliveryLocation: "Junk folder",
      deliveryAction: "Delivered",
      additionalActions: [],
      // Only a mail-system connector records a per-copy result; this cluster was never acted on.
      result: null,
      resultReason: null,
    });
    const last = (await listMessages(cluster.id, "pageSize=2&page=3")).body;
    expect(last.items.map((item: { id: string }) => item.id)).toEqual([events[0].id.toString()]);
    const oldestFirst = (await listMessages(cluster.id, "sort=timestamp&pageSize=2")).body;
    expect(oldestFirst.items.map((item: { id: string }) => item.id)).toEqual([
      events[0].id.toString(),
      events[1].id.toString(),
    ]);
  });

  it("filters by location (any case, several at once) and by recipient or subject text", async () => {
    const { tag, cluster, events } = await makeCluster();
    const junk = (await listMessages(cluster.id, "location=junk%20folder")).body;
    expect(junk).toMatchObject({ total: 1, items: [{ id: events[4].id.toString() }] });
    expect((await listMessages(cluster.id, "location=Junk%20folder,Inbox/folder")).body.total).toBe(5);
    expect((await listMessages(cluster.id, "location=Quarantine")).body).toMatchObject({ total: 0, items: [] });
    const bySubject = (await listMessages(cluster.id, `q=invoice%20OVERDUE`)).body;
    expect(bySubject).toMatchObject({ total: 1, items: [{ subject: `Invoice overdue ${tag}` }] });
    const byRecipient = (await listMessages(cluster.id, `q=user1-${tag}`)).body;
    expect(byRecipient).toMatchObject({ total: 1, items: [{ recipientEmailAddress: `user1-${tag}@breakwater.test` }] });
    // A LIKE wildcard is text, not "anything".
    expect((await listMessages(cluster.id, "q=%25")).body.total).toBe(0);
  });

  it("answers 404 for an unknown cluster, 400 naming the field, 401 for a bad token", async () => {
    expect((await listMessages(2_000_000_000)).status).toBe(404);
    const { cluster } = await makeCluster();
    for (const [id, query, path] of [
      ["x", "", "params.id"],
      [String(cluster.id), "location=Mars", "query.location"],
      [String(cluster.id), "sort=subject", "query.sort"],
      [String(cluster.id), "pageSize=500", "query.pageSize"],
    ]) {
      const { status, body } = await listMessages(id, query);
      expect(status).toBe(400);
      expect(body.error.issues[0].path).toBe(path);
    }
    expect((await listMessages(cluster.id, "", "bw_not-a-token")).status).toBe(401);
  });
});
