// The contract every mail-system connector keeps, run against each one (the built-in store, Postfix/Dovecot over IMAP
// and through doveadm): `describeMailConnector(name, harness)`. The harness is the connector and its mail system as
// users see it; the suite writes the tenant store and asks the connector to act, and checks both sides agree.
import { beforeAll, describe, expect, it } from "vitest";
import { executionOutcome } from "@/server/actions/decide-action";
import type { TEmailActionType } from "@/server/actions/email-locations";
import type { TMailConnector } from "@/server/connectors/connector.types";
import type { TEmailActionRun, TExecution } from "@/server/connectors/execution.types";
import { FAILURE_REASONS } from "@/server/connectors/failure-reasons";
import { prisma } from "@/server/db";
import { uniqueTag } from "../factories/console";
import { insertEmails } from "../factories/email";

export type TConnectorHarness = {
  /** The organisation's mailboxes, known to the mail system; called once the harness's own beforeAll has run. */
  mailboxes: () => string[];
  connector: () => Promise<TMailConnector>;
  /** Puts the message in every listed mailbox's INBOX, as delivery does. */
  deliver: (messageId: string, users: string[]) => Promise<void>;
  /** A user files the message in another folder themselves. */
  fileIn: (user: string, messageId: string, folder: "Junk") => Promise<void>;
  /** The folders of each mailbox that hold the message, as the mail system has them. */
  foldersHolding: (messageId: string, users: string[]) => Promise<Record<string, string[]>>;
};

/** A campaign: EmailEvents for every mailbox and one recipient outside the organisation, a cluster of them. */
export async function campaignCluster(messageId: string, recipients: string[]) {
  const [email] = await insertEmails([{ timestamp: new Date(), subject: "Invoice overdue", recipients }]);
  await prisma.emailEvent.updateMany({
    where: { networkMessageId: email.networkMessageId },
    data: { internetMessageId: messageId },
  });
  const events = await prisma.emailEvent.findMany({
    where: { networkMessageId: email.networkMessageId },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      kind: "similarUrls",
      name: `campaign ${messageId}`,
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: events.length,
    },
  });
  await prisma.emailClusterMember.createMany({
    data: events.map(({ id }) => ({ clusterId: cluster.id, emailEventId: id })),
  });
  return { cluster, networkMessageId: email.networkMessageId };
}

export const newAction = (type: TEmailActionType, clusterId: number, revertOfId?: number) =>
  prisma.action.create({
    data: {
      type,
      source: revertOfId ? "Manual" : "AutomatedInvestigation",
      entity: `cluster ${clusterId}`,
      clusterId,
      dedupKey: `test:${uniqueTag()}`,
      revertOfId,
    },
  });

/** Carries out (or retries) an action as the decision does: the action row locked, the connector, the outcome stored. */
export async function executeWith(
  connector: TMailConnector,
  action: { id: number; type: string; clusterId: number | null },
  revertOf?: TEmailActionRun["revertOf"],
): Promise<TExecution> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`select id from "Action" where id = ${action.id} for update`;
      const run = {
        id: action.id,
        clusterId: action.clusterId,
        type: action.type as TEmailActionType,
        actionType: revertOf ? "Manual Remediation" : "Automated Remediation",
        actionTrigger: "AdminAction",
        revertOf,
      } as const;
      const result = await connector.executeEmailAction(run, tx);
      await tx.action.update({ where: { id: action.id }, data: executionOutcome(result) });
      return result;
    },
    { timeout: 120_000 },
  );
}

export function describeMailConnector(name: string, harness: TConnectorHarness): void {
  describe(`mail connector contract: ${name}`, () => {
    const messageId = `<contract-${uniqueTag()}@contoso-invoices.test>`;
    const outsider = `partner-${uniqueTag()}@fabrikam.example`;
    let users: string[];
    let campaign: Awaited<ReturnType<typeof campaignCluster>>;
    let softDelete: { id: number; type: string; clusterId: number | null };
    const everyone = (folders: string[]) => Object.fromEntries(users.map((user) => [user, folders]));
    const act = async (
      action: { id: number; type: string; clusterId: number | null },
      revertOf?: TEmailActionRun["revertOf"],
    ) => executeWith(await harness.connector(), action, revertOf);
    const results = async (actionId: number) =>
      prisma.emailActionResult.findMany({ where: { actionId }, orderBy: { emailEventId: "asc" } });
    const locations = async () =>
      Object.fromEntries(
        (
          await prisma.emailEvent.findMany({
            where: { networkMessageId: campaign.networkMessageId },
            select: { recipientEmailAddress: true, latestDeliveryLocation: true },
          })
        ).map((row) => [row.recipientEmailAddress, row.latestDeliveryLocation]),
      );

    beforeAll(async () => {
      users = harness.mailboxes().slice(0, 4);
      await prisma.mailbox.createMany({
        data: users.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
        skipDuplicates: true,
      });
      campaign = await campaignCluster(messageId, [...users, outsider]);
      await harness.deliver(messageId, users);
      await harness.fileIn(users[1], messageId, "Junk");
    });

    it("soft-deletes every copy in the organisation's mailboxes, from whichever folder holds it, and says why the outsider's copy failed", async () => {
      softDelete = await newAction("softDelete", campaign.cluster.id);
      const execution = await act(softDelete);
      expect(execution).toMatchObject({
        succeeded: 4,
        failed: 1,
        alreadyInDestination: 0,
        failures: { [FAILURE_REASONS.outside]: 1 },
      });
      expect(await harness.foldersHolding(messageId, users)).toEqual(everyone(["Recoverable Items"]));
      expect((await results(softDelete.id)).map((row) => [row.result, row.fromFolder, row.toFolder])).toEqual([
        ["Success", "INBOX", "Recoverable Items"],
        ["Success", "Junk", "Recoverable Items"],
        ["Success", "INBOX", "Recoverable Items"],
        ["Success", "INBOX", "Recoverable Items"],
        ["Failed", null, null],
      ]);
      expect(await locations()).toEqual({
        ...Object.fromEntries(users.map((user) => [user, "Recoverable items"])),
        [outsider]: "Inbox/folder",
      });
      expect(
        await prisma.emailPostDeliveryEvent.count({
          where: { actionId: softDelete.id, action: "Soft delete", deliveryLocation: "Recoverable items" },
        }),
      ).toBe(4);
      expect((await prisma.action.findUniqueOrThrow({ where: { id: softDelete.id } })).status).toBe(
        "PartiallyCompleted",
      );
    });

    it("a run limited to some copies (a canary's sample) moves only those; the next run does the rest", async () => {
      const action = await newAction("moveToDeletedItems", campaign.cluster.id);
      const [first] = await prisma.emailEvent.findMany({
        where: { networkMessageId: campaign.networkMessageId, recipientEmailAddress: users[0] },
        select: { id: true },
      });
      const connector = await harness.connector();
      const sampled = await prisma.$transaction((tx) =>
        connector.executeEmailAction(
          {
            id: action.id,
            clusterId: action.clusterId,
            type: "moveToDeletedItems",
            actionType: "Manual Remediation",
            actionTrigger: "AdminAction",
            onlyCopies: [first.id],
          },
          tx,
        ),
      );
      expect(sampled).toMatchObject({ succeeded: 1, failed: 0 });
      expect(await harness.foldersHolding(messageId, users)).toEqual({
        ...everyone(["Recoverable Items"]),
        [users[0]]: ["Deleted Items"],
      });
      await act(action);
      expect(await harness.foldersHolding(messageId, users)).toEqual(everyone(["Deleted Items"]));
      // Back where the soft delete put them, for the tests below.
      await act(await newAction("softDelete", campaign.cluster.id));
      expect(await harness.foldersHolding(messageId, users)).toEqual(everyone(["Recoverable Items"]));
    });

    it("a retry tries only what failed and moves nothing twice", async () => {
      const execution = await act(softDelete);
      expect(execution).toMatchObject({ succeeded: 4, failed: 1, failures: { [FAILURE_REASONS.outside]: 1 } });
      expect((await results(softDelete.id)).map((row) => row.attempts)).toEqual([1, 1, 1, 1, 2]);
      expect(await prisma.emailPostDeliveryEvent.count({ where: { actionId: softDelete.id } })).toBe(4);
    });

    it("Move to Inbox returns each copy to its own folder: the Inbox, and Junk for the copy its user had filed there", async () => {
      const revert = await newAction("moveToInbox", campaign.cluster.id, softDelete.id);
      const execution = await act(revert, { actionId: softDelete.id });
      expect(execution).toMatchObject({ succeeded: 4, failed: 0, alreadyInDestination: 0 });
      expect(await harness.foldersHolding(messageId, users)).toEqual({ ...everyone(["INBOX"]), [users[1]]: ["Junk"] });
      expect(await locations()).toEqual({
        ...Object.fromEntries(users.map((user) => [user, "Inbox/folder"])),
        [users[1]]: "Junk folder",
        [outsider]: "Inbox/folder",
      });
      const event = await prisma.emailEvent.findFirstOrThrow({
        where: { networkMessageId: campaign.networkMessageId, recipientEmailAddress: users[1] },
      });
      expect(event.additionalActions.slice(-2)).toEqual(["Soft delete: approved", "Moved to inbox: reverted"]);
    });

    it("counts a copy already where the action puts it as already there, not as moved", async () => {
      const execution = await act(await newAction("moveToJunk", campaign.cluster.id));
      expect(execution).toMatchObject({ succeeded: 3, alreadyInDestination: 1, failed: 1 });
      expect(await harness.foldersHolding(messageId, users)).toEqual(everyone(["Junk"]));
    });

    it("hard delete leaves no copy in any folder and records no folder it went to", async () => {
      const hardDelete = await newAction("hardDelete", campaign.cluster.id);
      const execution = await act(hardDelete);
      expect(execution).toMatchObject({ succeeded: 4, failed: 1 });
      expect(await harness.foldersHolding(messageId, users)).toEqual(everyone([]));
      expect(
        (await results(hardDelete.id)).filter((row) => row.result === "Success").every((row) => row.toFolder === null),
      ).toBe(true);
      expect(await locations()).toMatchObject(Object.fromEntries(users.map((user) => [user, "Deleted"])));
    });
  });
}
