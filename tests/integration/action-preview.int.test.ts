import { beforeAll, describe, expect, it } from "vitest";
import { POST as approveRoute } from "@/app/api/v1/actions/[id]/approve/route";
import { GET as previewRoute } from "@/app/api/v1/actions/[id]/preview/route";
import { PUT as priorityRoute } from "@/app/api/v1/mailboxes/[address]/priority/route";
import { prisma } from "@/server/db";
import { makeAction, uniqueTag } from "../factories/console";
import { hoursAgo, insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let reader: string;
let operator: string;
let admin: string;

beforeAll(async () => {
  [reader, operator, admin] = await Promise.all([makeToken("reader"), makeToken("operator"), makeToken("admin")]);
});

async function answer(response: Response) {
  return { status: response.status, body: await response.json() };
}

const preview = async (id: number | string, token = reader) =>
  answer(await previewRoute(apiRequest(`/api/v1/actions/${id}/preview`, { token }), routeContext({ id: String(id) })));

const setPriority = async (address: string, isPriority: unknown, token = admin) =>
  answer(
    await priorityRoute(
      apiRequest(`/api/v1/mailboxes/${address}/priority`, { method: "PUT", token, body: { isPriority } }),
      routeContext({ address }),
    ),
  );

const makeMailbox = (address: string, extra: { forwardingSmtpAddress?: string } = {}) =>
  prisma.mailbox.create({ data: { address, displayName: address, department: "Finance", country: "NL", ...extra } });

/**
 * A pending soft delete on seven copies: three in one ordinary mailbox's Inbox, one in a priority account's Junk, one
 * quarantined, one already soft-deleted, and one to an address outside the organisation.
 */
async function makeEmailAction() {
  const tag = uniqueTag();
  const busy = `busy-${tag}@breakwater.test`;
  const vip = `ceo-${tag}@breakwater.test`;
  await Promise.all(
    [busy, vip, `q-${tag}@breakwater.test`, `done-${tag}@breakwater.test`].map((address) => makeMailbox(address)),
  );
  expect((await setPriority(vip, true)).status).toBe(200);
  const spec = (hours: number, recipient: string, latestDeliveryLocation: string) => ({
    timestamp: hoursAgo(hours),
    sender: `billing@evil-${tag}.example`,
    subject: `Invoice ${tag}`,
    recipients: [recipient],
    latestDeliveryLocation,
    urls: [`https://evil-${tag}.example/pay`],
  });
  const emails = await insertEmails([
    spec(6, busy, "Inbox/folder"),
    spec(5, busy, "Inbox/folder"),
    spec(4, busy, "Inbox/folder"),
    spec(3, vip, "Junk folder"),
    spec(2, `q-${tag}@breakwater.test`, "Quarantine"),
    spec(1.5, `done-${tag}@breakwater.test`, "Recoverable items"),
    spec(1, `outside-${tag}@elsewhere.example`, "Inbox/folder"),
  ]);
  const events = await prisma.emailEvent.findMany({
    where: { networkMessageId: { in: emails.map((email) => email.networkMessageId) } },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      kind: "similarUrls",
      name: `URL https://evil-${tag}.example/pay`,
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: 9,
      countsByLocation: {},
    },
  });
  await prisma.emailClusterMember.createMany({
    data: events.map((event) => ({ clusterId: cluster.id, emailEventId: event.id })),
  });
  const action = await makeAction({ clusterId: cluster.id, entity: cluster.name, status: "Pending" });
  return { tag, busy, vip, action };
}

describe("GET /api/v1/actions/[id]/preview", () => {
  it("counts an email action's copies now by location, priority accounts first", async () => {
    const { tag, busy, vip, action } = await makeEmailAction();
    const { status, body } = await preview(action.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: "email",
      frozenCount: 9,
      // Inbox 4 + Junk 1: the quarantined copy is in no mailbox and the soft-deleted one is already there.
      liveCount: 5,
      byLocation: { Inbox: 4, Junk: 1, Deleted: 0, Quarantine: 1, "Already moved": 1, Other: 0 },
      mailboxCount: 5,
      priorityMailboxCount: 1,
      // Four of the five recipients are the organisation's mailboxes.
      senders: [{ address: `billing@evil-${tag}.example`, count: 7 }],
      linkHosts: [{ host: `evil-${tag}.example`, count: 7 }],
    });
    expect(body.mailboxes.slice(0, 2)).toEqual([
      { address: vip, count: 1, isPriority: true },
      { address: busy, count: 3, isPriority: false },
    ]);
    expect(body.samples).toHaveLength(5);
    expect(body.samples[0].recipient).toBe(`outside-${tag}@elsewhere.example`);
    expect(new Date(body.oldest).getTime()).toBeLessThan(new Date(body.newest).getTime());
    expect(body.organisationShare).toBeGreaterThan(0);
    expect(body.organisationShare).toBeLessThanOrEqual(1);
  });

  it("says what a user loses and their other open actions", async () => {
    const address = `victim-${uniqueTag()}@breakwater.test`;
    const mailbox = await makeMailbox(address, { forwardingSmtpAddress: "drop@attacker.example" });
    await prisma.userSession.createMany({
      data: [1, 2].map(() => ({ mailboxId: mailbox.id, ipAddress: "203.0.113.9", country: "RU", client: "Browser" })),
    });
    const forwarding = await makeAction({
      type: "removeForwarding",
      entity: address,
      target: { mailbox: address },
      status: "Pending",
    });
    const sessions = await makeAction({
      type: "revokeSessions",
      entity: address,
      target: { mailbox: address },
      status: "Pending",
    });
    const { status, body } = await preview(forwarding.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: "identity",
      mailbox: address,
      exists: true,
      isPriority: false,
      loses: ["Forwarding to drop@attacker.example"],
    });
    expect(body.otherOpenActions).toEqual([{ id: sessions.id, type: "revokeSessions", entity: address }]);
    expect((await preview(sessions.id)).body.loses).toEqual(["2 active sessions"]);
  });

  // Roles: route-roles.int.test.ts reads the route from the OpenAPI registry.
  it("is 404 for an unknown action and 400 for a bad id", async () => {
    expect((await preview(999_999_999)).status).toBe(404);
    expect((await preview("x")).status).toBe(400);
  });
});

describe("recording the preview with the decision", () => {
  it("keeps what the approver saw on the action", async () => {
    const { vip, action } = await makeEmailAction();
    const approved = await approveRoute(
      apiRequest(`/api/v1/actions/${action.id}/approve`, { method: "POST", token: operator }),
      routeContext({ id: String(action.id) }),
    );
    expect(approved.status).toBe(200);
    const { decisionPreview } = await prisma.action.findUniqueOrThrow({
      where: { id: action.id },
      select: { decisionPreview: true },
    });
    // Counted before the action ran: five copies still to move, the priority account first.
    expect(decisionPreview).toMatchObject({ kind: "email", liveCount: 5, byLocation: { Inbox: 4, Junk: 1 } });
    expect((decisionPreview as { mailboxes: unknown[] }).mailboxes[0]).toEqual({
      address: vip,
      count: 1,
      isPriority: true,
    });
    // Now the action has run, a fresh preview finds nothing left to move.
    // Now it has run, a fresh preview finds the four copies in the organisation's mailboxes moved; only the copy
    // outside the organisation, which no action reaches, is still counted in an Inbox.
    expect((await preview(action.id)).body.byLocation).toMatchObject({ Inbox: 1, Junk: 0, "Already moved": 5 });
  });
});

describe("PUT /api/v1/mailboxes/[address]/priority", () => {
  it("tags and untags a priority account, audited; admins only; 404 and 400 where they fit", async () => {
    const address = `tagged-${uniqueTag()}@breakwater.test`;
    await makeMailbox(address);
    expect(await setPriority(address, true)).toEqual({ status: 200, body: { address, isPriority: true } });
    expect((await setPriority(address, false)).body.isPriority).toBe(false);
    const audits = await prisma.auditLog.findMany({
      where: { action: "mailbox.priority", targetId: address },
      orderBy: { id: "asc" },
    });
    expect(audits.map((audit) => audit.after)).toEqual([{ isPriority: true }, { isPriority: false }]);
    expect((await setPriority(address, true, operator)).status).toBe(403);
    expect((await setPriority(`nobody-${uniqueTag()}@breakwater.test`, true)).status).toBe(404);
    const bad = await setPriority(address, "yes");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("isPriority");
  });
});
