// Undo restores exact state, with the built-in connector: two overlapping clusters of one campaign (the URL and the
// file cluster share copies) soft-deleted automatically from the Inbox and from Junk, then Move to Inbox of one. Each
// copy returns to its own folder, the counts say what happened, and the overlapping action shows it was partly undone.
import { beforeAll, describe, expect, it } from "vitest";
import { listActions } from "@/server/actions/actions.queries";
import { ZActionListQuery } from "@/server/actions/actions.schemas";
import { decideAction } from "@/server/actions/decide-action";
import { revertEmailAction } from "@/server/actions/revert-email-action";
import { AUTOMATION, type TPrincipal } from "@/server/auth/principal";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { getCluster } from "@/server/clusters/clusters.queries";
import { prisma } from "@/server/db";
import { getInvestigation } from "@/server/investigations/investigations.queries";
import { actionCountsLabel, reversalLabel } from "@/lib/labels";
import { insertEmails } from "../factories/email";

const ANALYST: TPrincipal = { kind: "user", id: null, name: "Ana Lyst", role: "operator" };
const MAILBOXES = ["a@undo.test", "b@undo.test", "c@undo.test", "d@undo.test"];

type TCopyKey = `${string} ${string}`;

/** EmailEvent ids by "subject recipient", after moving each copy to where its user had it. */
async function delivered(specs: { subject: string; copies: Record<string, string> }[]): Promise<Map<TCopyKey, bigint>> {
  await insertEmails(
    specs.map(({ subject, copies }) => ({ timestamp: new Date(), subject, recipients: Object.keys(copies) })),
  );
  const ids = new Map<TCopyKey, bigint>();
  for (const { subject, copies } of specs) {
    for (const [recipient, location] of Object.entries(copies)) {
      const row = await prisma.emailEvent.findFirstOrThrow({ where: { subject, recipientEmailAddress: recipient } });
      await prisma.emailEvent.update({
        where: { id_timestamp: { id: row.id, timestamp: row.timestamp } },
        data: {
          deliveryLocation: location,
          latestDeliveryLocation: location,
          deliveryAction: location === "Junk folder" ? "Junked" : "Delivered",
        },
      });
      ids.set(`${subject} ${recipient}`, row.id);
    }
  }
  return ids;
}

async function clusterOf(name: string, investigationId: number, members: bigint[]) {
  const cluster = await prisma.emailCluster.create({
    data: {
      investigationId,
      kind: "similarUrls",
      name,
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: members.length,
    },
  });
  await prisma.emailClusterMember.createMany({
    data: members.map((emailEventId) => ({ clusterId: cluster.id, emailEventId })),
  });
  const action = await prisma.action.create({
    data: {
      investigationId,
      type: "softDelete",
      source: "AutomatedInvestigation",
      entity: name,
      clusterId: cluster.id,
      dedupKey: `undo:${name}`,
    },
  });
  return { cluster, action };
}

const locations = async (ids: Map<TCopyKey, bigint>) =>
  Object.fromEntries(
    await Promise.all(
      [...ids].map(async ([key, id]) => [
        key,
        (await prisma.emailEvent.findFirstOrThrow({ where: { id } })).latestDeliveryLocation,
      ]),
    ),
  );

const historyRow = async (id: number) =>
  (await listActions(ZActionListQuery.parse({ view: "history", pageSize: 100 }))).items.find((item) => item.id === id)!;

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: MAILBOXES.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
});

describe("Move to Inbox after an automated soft delete of overlapping clusters", () => {
  let ids: Map<TCopyKey, bigint>;
  let url: Awaited<ReturnType<typeof clusterOf>>;
  let file: Awaited<ReturnType<typeof clusterOf>>;
  let twin: Awaited<ReturnType<typeof clusterOf>>;
  let investigationId: number;

  beforeAll(async () => {
    ids = await delivered([
      {
        subject: "invoice",
        copies: { "a@undo.test": "Inbox/folder", "b@undo.test": "Junk folder", "c@undo.test": "Inbox/folder" },
      },
      { subject: "reminder", copies: { "a@undo.test": "Inbox/folder", "d@undo.test": "Junk folder" } },
      { subject: "attachment only", copies: { "c@undo.test": "Inbox/folder" } },
    ]);
    const copy = (key: TCopyKey) => ids.get(key)!;
    investigationId = (
      await prisma.investigation.create({
        data: { name: "Phish campaign", playbook: "UserReportedMessage", detectionSource: "test", users: [] },
      })
    ).id;
    // The URL cluster holds both messages; the file cluster shares the invoice's three copies and has one of its own;
    // the twin cluster is the reminder again, all of it moved by the URL cluster's action before its own runs.
    url = await clusterOf("URL cluster", investigationId, [
      copy("invoice a@undo.test"),
      copy("invoice b@undo.test"),
      copy("invoice c@undo.test"),
      copy("reminder a@undo.test"),
      copy("reminder d@undo.test"),
    ]);
    file = await clusterOf("File cluster", investigationId, [
      copy("invoice a@undo.test"),
      copy("invoice b@undo.test"),
      copy("invoice c@undo.test"),
      copy("attachment only c@undo.test"),
    ]);
    twin = await clusterOf("Twin cluster", investigationId, [
      copy("reminder a@undo.test"),
      copy("reminder d@undo.test"),
    ]);
    for (const { action } of [url, file, twin]) await decideAction(action.id, "approve", undefined, AUTOMATION);
  });

  it("counts what each soft delete really did: an action whose copies were all moved already moved none", async () => {
    expect(await prisma.action.findUniqueOrThrow({ where: { id: url.action.id } })).toMatchObject({
      status: "Completed",
      successCount: 5,
      alreadyCount: 0,
      failedCount: 0,
    });
    expect(await prisma.action.findUniqueOrThrow({ where: { id: file.action.id } })).toMatchObject({
      status: "Completed",
      successCount: 4,
      alreadyCount: 3,
      failedCount: 0,
    });
    const allAlready = await historyRow(twin.action.id);
    expect(allAlready).toMatchObject({ status: "Completed", successCount: 2, alreadyCount: 2, failedCount: 0 });
    expect(actionCountsLabel(allAlready)).toBe("0 moved, 2 already there");
    // What History reads agrees with what the audit log says the action did.
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "action.approve", targetId: String(twin.action.id) },
    });
    expect((audit.after as { result: { succeeded: number; alreadyInDestination: number } }).result).toMatchObject({
      succeeded: 0,
      alreadyInDestination: 2,
    });
    expect(Object.values(await locations(ids)).every((location) => location === "Recoverable items")).toBe(true);
  });

  it("returns each copy to its own folder, counts exactly, and marks the overlapping actions reverted", async () => {
    const revert = await revertEmailAction(url.action.id, "inbox", "False positive", ANALYST);
    expect(revert).toMatchObject({
      status: "Completed",
      successCount: 5,
      failedCount: 0,
      result: { succeeded: 5, failed: 0, alreadyInDestination: 0 },
    });
    expect(await locations(ids)).toEqual({
      "invoice a@undo.test": "Inbox/folder",
      "invoice b@undo.test": "Junk folder",
      "invoice c@undo.test": "Inbox/folder",
      "reminder a@undo.test": "Inbox/folder",
      "reminder d@undo.test": "Junk folder",
      // Only the file cluster's own copy was never the URL cluster's: it stays soft-deleted.
      "attachment only c@undo.test": "Recoverable items",
    });
    expect(
      await prisma.emailPostDeliveryEvent.findMany({
        where: { actionId: revert.id },
        select: { recipientEmailAddress: true, deliveryLocation: true },
        orderBy: { id: "asc" },
      }),
    ).toHaveLength(5);

    const revertType = { type: "moveToInbox" };
    expect((await historyRow(url.action.id)).reversals).toEqual([
      { revertId: revert.id, copies: 5, ofCopies: 5, revert: revertType },
    ]);
    const fileRow = await historyRow(file.action.id);
    expect(fileRow.status).toBe("Completed");
    expect(fileRow.reversals).toEqual([{ revertId: revert.id, copies: 3, ofCopies: 4, revert: revertType }]);
    expect(reversalLabel(fileRow.reversals[0])).toBe(
      `Partially reverted by #${revert.id} (Move to Inbox): 3 of 4 messages`,
    );
    const twinRow = await historyRow(twin.action.id);
    expect(reversalLabel(twinRow.reversals[0])).toBe(`Reverted by #${revert.id} (Move to Inbox)`);

    // The cluster flyout and the investigation's Pending action history read the same.
    expect(
      (await getCluster(file.cluster.id)).actions.find((action) => action.id === file.action.id)?.reversals,
    ).toEqual(fileRow.reversals);
    const run = await getInvestigation(investigationId);
    expect(run?.actions.find((action) => action.id === file.action.id)?.reversals).toEqual(fileRow.reversals);
    expect(run?.log.map((line) => line.message)).toEqual(
      expect.arrayContaining([
        `Soft delete email (#${file.action.id}) partially reverted by #${revert.id} (Move to Inbox of an overlapping cluster): 3 of 4 messages moved back`,
      ]),
    );
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "action.revert", targetId: String(url.action.id) },
    });
    expect(
      (audit.after as { alsoReverted: { actionId: number }[] }).alsoReverted.map((reversal) => reversal.actionId),
    ).toEqual([file.action.id, twin.action.id]);
  });
});

describe("Move to Junk", () => {
  it("puts every copy the action moved in Junk, whichever folder it came from", async () => {
    const ids = await delivered([
      {
        subject: "newsletter",
        copies: { "a@undo.test": "Inbox/folder", "b@undo.test": "Deleted items", "c@undo.test": "Junk folder" },
      },
    ]);
    const investigation = await prisma.investigation.create({
      data: { name: "Newsletter", playbook: "UserReportedMessage", detectionSource: "test", users: [] },
    });
    const { action } = await clusterOf("Newsletter cluster", investigation.id, [...ids.values()]);
    await decideAction(action.id, "approve", undefined, AUTOMATION);
    const revert = await revertEmailAction(action.id, "junk", undefined, ANALYST);
    expect(revert.result).toMatchObject({ succeeded: 3, failed: 0, alreadyInDestination: 0 });
    expect(Object.values(await locations(ids))).toEqual(["Junk folder", "Junk folder", "Junk folder"]);
  });
});
