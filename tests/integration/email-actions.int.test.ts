// The email action executor on real PostgreSQL: each of the five actions, partial failure, what is not in a
// mailbox, and the limits of Move to Inbox / Move to Junk (hard delete, retention, two analysts at once).
import { beforeAll, describe, expect, it } from "vitest";
import { decideAction } from "@/server/actions/decide-action";
import { retryEmailAction } from "@/server/actions/retry-email-action";
import { revertEmailAction } from "@/server/actions/revert-email-action";
import type { TPrincipal } from "@/server/auth/principal";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { insertEmails } from "../factories/email";

const ANALYST: TPrincipal = { kind: "user", id: null, name: "Ana Lyst", role: "operator" };
const OTHER: TPrincipal = { kind: "user", id: null, name: "Otto Ther", role: "operator" };
const inbox = ["a@org.test", "b@org.test", "c@org.test"];
let sequence = 0;

/** A cluster of three delivered copies in org mailboxes, one quarantined copy and one copy outside the org. */
async function clusterWithAction(type: string) {
  sequence += 1;
  const [delivered, quarantined, outside] = await insertEmails([
    { timestamp: new Date(), subject: `delivered ${sequence}`, recipients: inbox },
    {
      timestamp: new Date(),
      subject: `quarantined ${sequence}`,
      recipients: ["a@org.test"],
      deliveryAction: "Blocked",
      deliveryLocation: "Quarantine",
    },
    {
      timestamp: new Date(),
      subject: `outside ${sequence}`,
      recipients: ["someone@elsewhere.example"],
      deliveryLocation: "Junk folder",
    },
  ]);
  const ids = await prisma.emailEvent.findMany({
    where: { networkMessageId: { in: [delivered, quarantined, outside].map((email) => email.networkMessageId) } },
    select: { id: true },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      kind: "similarUrls",
      name: `cluster ${sequence}`,
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: ids.length,
    },
  });
  await prisma.emailClusterMember.createMany({
    data: ids.map(({ id }) => ({ clusterId: cluster.id, emailEventId: id })),
  });
  const action = await prisma.action.create({
    data: {
      type,
      source: "AutomatedInvestigation",
      entity: cluster.name,
      clusterId: cluster.id,
      dedupKey: `test:${sequence}`,
    },
  });
  return { action, cluster, delivered };
}

const locationsOf = async (clusterId: number) =>
  (
    await prisma.emailEvent.findMany({
      where: {
        id: { in: (await prisma.emailClusterMember.findMany({ where: { clusterId } })).map((m) => m.emailEventId) },
      },
      select: { recipientEmailAddress: true, latestDeliveryLocation: true },
      orderBy: { id: "asc" },
    })
  ).map((row) => `${row.recipientEmailAddress}: ${row.latestDeliveryLocation}`);

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: inbox.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
});

describe("each email action", () => {
  it.each([
    ["softDelete", "Recoverable items", "Soft delete"],
    ["hardDelete", "Deleted", "Hard delete"],
    ["moveToJunk", "Junk folder", "Moved to junk folder"],
    ["moveToDeletedItems", "Deleted items", "Moved to deleted items"],
  ])(
    "%s moves the copies in mailboxes with one statement, leaves quarantine alone, and fails the copy outside",
    async (type, location, label) => {
      const { action, cluster } = await clusterWithAction(type);
      const decided = await decideAction(action.id, "approve", undefined, ANALYST);
      expect(decided).toMatchObject({ status: "PartiallyCompleted", successCount: 3, failedCount: 1 });
      expect(await locationsOf(cluster.id)).toEqual([
        ...inbox.map((address) => `${address}: ${location}`),
        "a@org.test: Quarantine",
        "someone@elsewhere.example: Junk folder",
      ]);
      const stored = await prisma.action.findUniqueOrThrow({ where: { id: action.id } });
      expect(stored.result).toMatchObject({
        succeeded: 3,
        failed: 1,
        notInMailbox: 1,
        failures: { "Recipient outside the organisation: the copy is not in a mailbox Breakwater can reach": 1 },
      });
      expect(
        await prisma.emailPostDeliveryEvent.findMany({
          where: { actionId: action.id },
          select: { action: true, actionResult: true, deliveryLocation: true },
        }),
      ).toEqual(inbox.map(() => ({ action: label, actionResult: "Success", deliveryLocation: location })));
    },
  );

  it("moveToInbox brings junked copies to the Inbox and counts those already there", async () => {
    const { action, cluster } = await clusterWithAction("moveToInbox");
    await prisma.emailEvent.updateMany({
      where: { recipientEmailAddress: "a@org.test", subject: `delivered ${sequence}` },
      data: { latestDeliveryLocation: "Junk folder" },
    });
    const decided = await decideAction(action.id, "approve", undefined, ANALYST);
    expect(decided.status).toBe("PartiallyCompleted");
    expect((await prisma.action.findUniqueOrThrow({ where: { id: action.id } })).result).toMatchObject({
      succeeded: 1,
      alreadyInDestination: 2,
    });
    expect((await locationsOf(cluster.id)).slice(0, 3)).toEqual(inbox.map((address) => `${address}: Inbox/folder`));
  });
});

describe("two actions on overlapping clusters at once", () => {
  it("move each copy once: the second finds it already moved", async () => {
    const first = await clusterWithAction("softDelete");
    const members = await prisma.emailClusterMember.findMany({ where: { clusterId: first.cluster.id } });
    const twin = await prisma.emailCluster.create({
      data: {
        kind: "similarFiles",
        name: `twin ${sequence}`,
        query: {},
        queryText: "",
        verdict: "Malicious",
        messageCount: members.length,
      },
    });
    await prisma.emailClusterMember.createMany({
      data: members.map((member) => ({ clusterId: twin.id, emailEventId: member.emailEventId })),
    });
    const second = await prisma.action.create({
      data: {
        type: "softDelete",
        source: "AutomatedInvestigation",
        entity: twin.name,
        clusterId: twin.id,
        dedupKey: `twin:${sequence}`,
      },
    });
    await Promise.all([
      decideAction(first.action.id, "approve", undefined, ANALYST),
      decideAction(second.id, "approve", undefined, OTHER),
    ]);
    expect(
      await prisma.emailPostDeliveryEvent.count({ where: { actionId: { in: [first.action.id, second.id] } } }),
    ).toBe(3);
    const moved = await prisma.action.findMany({
      where: { id: { in: [first.action.id, second.id] } },
      select: { result: true },
    });
    expect(moved.map((action) => (action.result as { succeeded: number }).succeeded).sort()).toEqual([0, 3]);
  });
});

describe("Move to Inbox / Move to Junk from History", () => {
  it("refuses a hard delete: its messages are gone", async () => {
    const { action } = await clusterWithAction("hardDelete");
    await decideAction(action.id, "approve", undefined, ANALYST);
    await expect(revertEmailAction(action.id, "inbox", undefined, ANALYST)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Hard-deleted messages are gone for good and cannot be restored",
    });
  });

  it("refuses a soft delete past the retention, and a pending action", async () => {
    const { action } = await clusterWithAction("softDelete");
    await expect(revertEmailAction(action.id, "inbox", undefined, ANALYST)).rejects.toMatchObject({ code: "CONFLICT" });
    await decideAction(action.id, "approve", undefined, ANALYST);
    const later = new Date(Date.now() + 15 * 24 * 3600_000);
    await expect(revertEmailAction(action.id, "inbox", undefined, ANALYST, later)).rejects.toMatchObject({
      message: expect.stringContaining("kept for 14 days"),
    });
  });

  it("moves back only what the action moved and is still where it put it, and reverts once when two analysts click at once", async () => {
    const { action, cluster } = await clusterWithAction("softDelete");
    await decideAction(action.id, "approve", undefined, ANALYST);
    // The user fished one copy out of Recoverable items themselves: it stays where they put it.
    await prisma.emailEvent.updateMany({
      where: { recipientEmailAddress: "c@org.test", subject: `delivered ${sequence}` },
      data: { latestDeliveryLocation: "Deleted items" },
    });
    const outcomes = await Promise.allSettled([
      revertEmailAction(action.id, "junk", undefined, ANALYST),
      revertEmailAction(action.id, "junk", undefined, OTHER),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const revert = outcomes.find((outcome) => outcome.status === "fulfilled")!.value;
    expect(revert).toMatchObject({ revertOfId: action.id, successCount: 2 });
    // The quarantined copy and the one outside were never moved by the soft delete: the revert does not count them.
    expect(revert.result).toEqual({
      succeeded: 2,
      failed: 1,
      alreadyInDestination: 0,
      notInMailbox: 0,
      failures: { "No longer where the reverted action put it (moved since): left where it is": 1 },
    });
    expect((await locationsOf(cluster.id)).slice(0, 3)).toEqual([
      "a@org.test: Junk folder",
      "b@org.test: Junk folder",
      "c@org.test: Deleted items",
    ]);
    expect(await prisma.action.count({ where: { revertOfId: action.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "action.revert", targetId: String(action.id) } })).toBe(1);
  });
});

describe("retrying an action that partly failed", () => {
  it("tries again only what failed, and refuses what is not retryable", async () => {
    const { action, cluster } = await clusterWithAction("softDelete");
    expect(await decideAction(action.id, "approve", undefined, ANALYST)).toMatchObject({
      status: "PartiallyCompleted",
      failedCount: 1,
    });
    // The recipient the action could not reach becomes a mailbox of the organisation (migrated in, say).
    await prisma.mailbox.create({
      data: { address: "someone@elsewhere.example", displayName: "Someone", department: "Sales", country: "US" },
    });
    const retried = await retryEmailAction(action.id, OTHER);
    // Counted over both attempts, as the Dovecot connector counts: the action itself moved all four, none was there before.
    expect(retried).toMatchObject({
      status: "Completed",
      successCount: 4,
      failedCount: 0,
      result: { succeeded: 4, alreadyInDestination: 0 },
    });
    expect((await locationsOf(cluster.id)).at(-1)).toBe("someone@elsewhere.example: Recoverable items");
    expect(await prisma.emailPostDeliveryEvent.count({ where: { actionId: action.id } })).toBe(4);
    await expect(retryEmailAction(action.id, OTHER)).rejects.toMatchObject({ code: "CONFLICT" });
    await prisma.mailbox.delete({ where: { address: "someone@elsewhere.example" } });
  });
});
