// Move to quarantine, the action added through the catalogue alone: the built-in connector moves each copy in a
// mailbox to Quarantine (folder "Quarantine"), and Move to Inbox from History brings each back to its own folder.
import { beforeAll, describe, expect, it } from "vitest";
import { decideAction } from "@/server/actions/decide-action";
import { revertEmailAction } from "@/server/actions/revert-email-action";
import { ZTakeActionBody } from "@/server/actions/take-action";
import type { TPrincipal } from "@/server/auth/principal";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { insertEmails } from "../factories/email";

const ANALYST: TPrincipal = { kind: "user", id: null, name: "Ana Lyst", role: "operator" };
const inbox = ["q1@org.test", "q2@org.test"];

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: inbox.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
});

describe("Move to quarantine", () => {
  it("quarantines the copies in mailboxes, and Move to Inbox returns each to the folder it came from", async () => {
    const [delivered] = await insertEmails([{ timestamp: new Date(), subject: "quarantine me", recipients: inbox }]);
    await prisma.emailEvent.updateMany({
      where: { networkMessageId: delivered.networkMessageId, recipientEmailAddress: "q2@org.test" },
      data: { latestDeliveryLocation: "Junk folder" },
    });
    const events = await prisma.emailEvent.findMany({
      where: { networkMessageId: delivered.networkMessageId },
      select: { id: true },
    });
    const cluster = await prisma.emailCluster.create({
      data: {
        kind: "similarUrls",
        name: "to quarantine",
        query: {},
        queryText: "",
        verdict: "Malicious",
        messageCount: events.length,
      },
    });
    await prisma.emailClusterMember.createMany({
      data: events.map(({ id }) => ({ clusterId: cluster.id, emailEventId: id })),
    });
    const action = await prisma.action.create({
      data: {
        type: "moveToQuarantine",
        source: "AutomatedInvestigation",
        entity: cluster.name,
        clusterId: cluster.id,
        dedupKey: "quarantine",
      },
    });

    expect(await decideAction(action.id, "approve", undefined, ANALYST)).toMatchObject({
      status: "Completed",
      successCount: 2,
      failedCount: 0,
    });
    const where = { networkMessageId: delivered.networkMessageId };
    const locations = async () =>
      (
        await prisma.emailEvent.findMany({
          where,
          select: { recipientEmailAddress: true, latestDeliveryLocation: true },
          orderBy: { recipientEmailAddress: "asc" },
        })
      ).map((row) => `${row.recipientEmailAddress}: ${row.latestDeliveryLocation}`);
    expect(await locations()).toEqual(["q1@org.test: Quarantine", "q2@org.test: Quarantine"]);
    expect(
      await prisma.emailActionResult.findMany({
        where: { actionId: action.id },
        select: { fromFolder: true, toFolder: true },
        orderBy: { emailEventId: "asc" },
      }),
    ).toEqual([
      { fromFolder: "INBOX", toFolder: "Quarantine" },
      { fromFolder: "Junk", toFolder: "Quarantine" },
    ]);
    expect(
      await prisma.emailPostDeliveryEvent.count({
        where: { actionId: action.id, action: "Moved to quarantine", deliveryLocation: "Quarantine" },
      }),
    ).toBe(2);

    const revert = await revertEmailAction(action.id, "inbox", undefined, ANALYST);
    expect(revert.result).toMatchObject({ succeeded: 2, failed: 0 });
    expect(await locations()).toEqual(["q1@org.test: Inbox/folder", "q2@org.test: Junk folder"]);
  });

  it("is offered by Threat Explorer's Take action", () => {
    expect(ZTakeActionBody.shape.action.options).toContain("moveToQuarantine");
  });
});
