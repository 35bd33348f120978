import { beforeAll, describe, expect, it } from "vitest";
import { GET as listActionsRoute } from "@/app/api/v1/actions/route";
import { listActionTypes } from "@/server/actions/actions.queries";
import { prisma } from "@/server/db";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";
import { hoursAgo, makeAction, makeInvestigation } from "../factories/console";
import { makeToken } from "../factories/users";
import { ids, itRejectsBadListQueries, listCaller } from "../support/list-route";

let token: string;

beforeAll(async () => {
  token = await makeToken("reader");
});

const list = listCaller(listActionsRoute, "/api/v1/actions", () => token);

/** One investigation's actions, so an `investigation=<id>` filter isolates them from other tests' rows. */
async function makeSet() {
  const investigation = await makeInvestigation({ status: "PendingAction" });
  const on = { investigationId: investigation.id };
  const pendingOld = await makeAction({ ...on, type: "softDelete", createdAt: hoursAgo(5) });
  const pendingNew = await makeAction({ ...on, type: "disableAccount", createdAt: hoursAgo(1) });
  const automated = await makeAction({
    ...on,
    type: "softDelete",
    status: "Completed",
    source: "AutomatedEmailAction",
    decidedBy: "Automation",
    decidedAt: hoursAgo(3),
    createdAt: hoursAgo(4),
  });
  const rejected = await makeAction({
    ...on,
    type: "revokeSessions",
    status: "Rejected",
    source: "Manual",
    decidedBy: "User",
    decidedById: "u-1",
    decidedByName: "Olga Operator",
    decidedAt: hoursAgo(2),
    comment: "False positive",
    createdAt: hoursAgo(48),
  });
  // As expirePendingActions leaves it: decided by the system when the 7 days ran out.
  const expired = await makeAction({
    ...on,
    type: "hardDelete",
    status: "Expired",
    decidedByName: "System (expired)",
    decidedAt: hoursAgo(48),
    createdAt: hoursAgo(24 * 9),
  });
  return { investigation, pendingOld, pendingNew, automated, rejected, expired };
}

describe("GET /api/v1/actions", () => {
  it("splits Pending from History and answers the page contract", async () => {
    const set = await makeSet();
    const pending = await list(`investigation=${set.investigation.id}`);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    expect(ids(pending.body)).toEqual([set.pendingNew.id, set.pendingOld.id]);
    expect(pending.body.items[0]).toMatchObject({
      investigationId: set.investigation.id,
      investigation: { name: set.investigation.name },
      status: "Pending",
    });
    const history = await list(`view=history&investigation=${set.investigation.id}`);
    expect(ids(history.body)).toEqual([set.automated.id, set.rejected.id, set.expired.id]);
  });

  it("filters by who decided, source, type, status and time", async () => {
    const set = await makeSet();
    const base = `view=history&investigation=${set.investigation.id}`;
    expect(ids((await list(`${base}&decidedBy=automation`)).body)).toEqual([set.automated.id]);
    expect(ids((await list(`${base}&decidedBy=user`)).body)).toEqual([set.rejected.id]);
    expect(ids((await list(`${base}&source=Manual,AutomatedEmailAction`)).body)).toEqual([
      set.automated.id,
      set.rejected.id,
    ]);
    expect(ids((await list(`${base}&type=revokeSessions,hardDelete`)).body)).toEqual([set.rejected.id, set.expired.id]);
    expect(ids((await list(`${base}&status=Expired`)).body)).toEqual([set.expired.id]);
    expect(ids((await list(`${base}&from=${hoursAgo(72).toISOString()}`)).body)).toEqual([
      set.automated.id,
      set.rejected.id,
    ]);
    expect(ids((await list(`${base}&to=${hoursAgo(24).toISOString()}`)).body)).toEqual([
      set.rejected.id,
      set.expired.id,
    ]);
    expect(ids((await list(`investigation=${set.investigation.id}&type=disableAccount`)).body)).toEqual([
      set.pendingNew.id,
    ]);
    // A decided status never shows on the Pending tab.
    expect((await list(`investigation=${set.investigation.id}&status=Completed`)).body.total).toBe(0);
  });

  it("sorts by decision time, by type and by status, and pages", async () => {
    const set = await makeSet();
    const base = `view=history&investigation=${set.investigation.id}`;
    expect(ids((await list(`${base}&sort=-decidedAt`)).body)).toEqual([
      set.rejected.id,
      set.automated.id,
      set.expired.id,
    ]);
    expect(ids((await list(`${base}&sort=decidedAt`)).body)).toEqual([
      set.expired.id,
      set.automated.id,
      set.rejected.id,
    ]);
    expect(ids((await list(`${base}&sort=type`)).body)).toEqual([set.expired.id, set.rejected.id, set.automated.id]);
    expect(ids((await list(`${base}&sort=status`)).body)).toEqual([set.automated.id, set.rejected.id, set.expired.id]);
    const page = (await list(`${base}&pageSize=2&page=2`)).body;
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(ids(page)).toEqual([set.expired.id]);
  });

  it("carries the cluster's kind and size, what a revert undid and what undid an action", async () => {
    const investigation = await makeInvestigation({ status: "Remediated" });
    const cluster = await prisma.emailCluster.create({
      data: {
        investigationId: investigation.id,
        kind: "similarFiles",
        name: "Attachment invoice.html",
        query: {},
        queryText: "SHA256 == ...",
        messageCount: 312,
      },
    });
    const on = { investigationId: investigation.id, clusterId: cluster.id, entity: cluster.name };
    const remediated = await makeAction({
      ...on,
      status: "Reverted",
      source: "AutomatedEmailAction",
      decidedBy: "Automation",
      decidedAt: hoursAgo(2),
      createdAt: hoursAgo(3),
    });
    const revert = await makeAction({
      ...on,
      type: "moveToInbox",
      status: "Completed",
      source: "Manual",
      revertOfId: remediated.id,
      decidedBy: "User",
      decidedByName: "Olga Operator",
      decidedAt: hoursAgo(1),
      createdAt: hoursAgo(1),
    });
    const { body } = await list(`view=history&investigation=${investigation.id}&sort=-decidedAt`);
    expect(body.items).toEqual([
      expect.objectContaining({
        id: revert.id,
        revertOfId: remediated.id,
        reverts: [],
        clusterId: cluster.id,
        cluster: { name: cluster.name, kind: "similarFiles", messageCount: 312 },
      }),
      expect.objectContaining({
        id: remediated.id,
        revertOfId: null,
        reverts: [{ id: revert.id, type: "moveToInbox", status: "Completed" }],
      }),
    ]);
  });

  it("says on each pending action why automation left it and when it expires, and sorts by expires soonest", async () => {
    const set = await makeSet();
    const cluster = await prisma.emailCluster.create({
      data: {
        investigationId: set.investigation.id,
        kind: "similarUrls",
        name: "URL hxxp://bad.example",
        query: {},
        queryText: "Url == ...",
        messageCount: 10_001,
      },
    });
    const large = await makeAction({
      investigationId: set.investigation.id,
      clusterId: cluster.id,
      entity: cluster.name,
      createdAt: hoursAgo(3),
    });
    const { pendingExpiryDays, similarUrls } = await getAutomationSettings();
    const { body } = await list(`investigation=${set.investigation.id}&sort=expiresAt`);
    expect(ids(body)).toEqual([set.pendingOld.id, large.id, set.pendingNew.id]);
    const byId = new Map(body.items.map((item: { id: number }) => [item.id, item]));
    expect(byId.get(set.pendingNew.id)).toMatchObject({
      pendingReason: { code: "identity", text: "Identity actions always wait for approval", href: null },
    });
    // An email action on no cluster: automation only ever acts on the clusters a run builds.
    expect(byId.get(set.pendingOld.id)).toMatchObject({ pendingReason: { code: "noCluster" } });
    expect(byId.get(large.id)).toMatchObject({
      pendingReason: similarUrls
        ? { code: "clusterTooLarge", href: null }
        : { code: "settingOff", text: "Automation for Similar URLs is off", href: "/settings/automation" },
      expiresAt: new Date(large.createdAt.getTime() + pendingExpiryDays * 24 * 3_600_000).toISOString(),
    });
    expect(ids((await list(`investigation=${set.investigation.id}&sort=-expiresAt`)).body)).toEqual([
      set.pendingNew.id,
      large.id,
      set.pendingOld.id,
    ]);
    const history = await list(`view=history&investigation=${set.investigation.id}`);
    expect(
      history.body.items.every(
        (item: { pendingReason: unknown; expiresAt: unknown }) =>
          item.pendingReason === null && item.expiresAt === null,
      ),
    ).toBe(true);
  });

  itRejectsBadListQueries(list, [
    ["view=done", "query.view"],
    ["decidedBy=robot", "query.decidedBy"],
    ["source=Email", "query.source"],
    ["status=Approved", "query.status"],
    ["type=soft%20delete", "query.type"],
    ["investigation=abc", "query.investigation"],
    ["to=never", "query.to"],
    ["sort=entity", "query.sort"],
  ]);
});

describe("listActionTypes", () => {
  it("offers the known remedies and any other stored type", async () => {
    const investigation = await makeInvestigation();
    await makeAction({ investigationId: investigation.id, type: "blockSenderDomain" });
    const types = await listActionTypes();
    expect(types).toEqual(expect.arrayContaining(["softDelete", "moveToInbox", "blockSenderDomain"]));
    expect(new Set(types).size).toBe(types.length);
  });
});
