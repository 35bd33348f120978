// Revert investigation on real PostgreSQL with the built-in connector: a remediated phish run is undone in one
// command, each copy back to its own folder (Inbox or Junk), its blocks lifted, each revert an action of its own on
// History; what cannot be undone is listed, and two clicks at once revert once.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as previewRoute } from "@/app/api/v1/investigations/[id]/revert/preview/route";
import { POST as revertRoute } from "@/app/api/v1/investigations/[id]/revert/route";
import type { TInvestigationRevert, TInvestigationRevertPreview } from "@/lib/investigation-revert";
import { listActions } from "@/server/actions/actions.queries";
import { ZActionListQuery } from "@/server/actions/actions.schemas";
import { decideAction } from "@/server/actions/decide-action";
import type { TPrincipal } from "@/server/auth/principal";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";
import { submitMessage } from "@/server/submissions/submit-message";
import { insertEmails, sha256Of } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const ORG = "contoso.test";
const ANALYST: TPrincipal = { kind: "user", id: null, name: "Olga Analyst", role: "operator" };
const mailboxes = Array.from({ length: 40 }, (_, index) => `user${index}@${ORG}`);
let operatorToken: string;
let readerToken: string;
let investigationId: number;
let networkMessageIds: string[];

const locations = async () =>
  Object.fromEntries(
    (
      await prisma.emailEvent.groupBy({
        by: ["latestDeliveryLocation"],
        where: { networkMessageId: { in: networkMessageIds } },
        _count: true,
      })
    ).map((row) => [row.latestDeliveryLocation, row._count]),
  );
const revert = () =>
  revertRoute(
    apiRequest(`/api/v1/investigations/${investigationId}/revert`, {
      method: "POST",
      token: operatorToken,
      body: { comment: "false positive" },
    }),
    routeContext({ id: String(investigationId) }),
  );

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: mailboxes.map((address, index) => ({
      address,
      displayName: `User ${index}`,
      department: "Sales",
      country: "US",
    })),
  });
  [operatorToken, readerToken] = await Promise.all([makeToken("operator"), makeToken("reader")]);
  // A phish campaign (a look-alike sender, a credential link, an HTML file in half): 40 copies, the last 10 filed in Junk by the filter, reported and investigated.
  const subject = "Your mailbox is almost full";
  const copies = await insertEmails(
    mailboxes.map((recipient, index) => ({
      timestamp: new Date(Date.now() - 30 * 60_000),
      sender: "helpdesk@c0ntoso-revert.test",
      senderDisplayName: "Contoso IT Helpdesk",
      subject,
      bodyFingerprint: bodyFingerprint(subject, "Dear user, your mailbox is full. Verify your account now."),
      urls: ["https://login.contoso-verify.test/reset/revert"],
      recipients: [recipient],
      attachments:
        index % 2 === 0
          ? [
              {
                fileName: "invoice.html",
                sha256: sha256Of("payload revert"),
                threatTypes: index === 0 ? ["Malware"] : [],
              },
            ]
          : [],
    })),
  );
  networkMessageIds = copies.map((copy) => copy.networkMessageId);
  await prisma.emailEvent.updateMany({
    where: { networkMessageId: { in: networkMessageIds.slice(30) } },
    data: { latestDeliveryLocation: "Junk folder" },
  });
  const submitted = await submitMessage(
    { kind: "networkMessageId", networkMessageId: copies[2].networkMessageId, reporter: mailboxes[2] },
    ANALYST,
  );
  investigationId = submitted.investigationId;
  await runInvestigation(investigationId, { isLastAttempt: false });
  for (const action of await prisma.action.findMany({
    where: { investigationId, status: "Pending" },
    orderBy: { id: "asc" },
  }))
    await decideAction(action.id, "approve", undefined, ANALYST);
  // What cannot be undone: a hard delete and an identity action, carried out by the same run.
  await prisma.action.createMany({
    data: [
      {
        investigationId,
        type: "hardDelete",
        source: "AutomatedInvestigation",
        status: "Completed",
        entity: "Old copies",
        dedupKey: "hard",
        successCount: 3,
        executedAt: new Date(),
      },
      {
        investigationId,
        type: "disableAccount",
        source: "AutomatedInvestigation",
        status: "Completed",
        entity: mailboxes[2],
        target: { mailbox: mailboxes[2] },
        dedupKey: "disable",
        successCount: 1,
        executedAt: new Date(),
      },
    ],
  });
});

describe("Revert investigation", () => {
  it("previews what it will undo, each copy to its own folder, and what it cannot", async () => {
    expect(await locations()).toEqual({ "Recoverable items": 40 });
    expect(
      await prisma.threatIndicator.count({
        where: {
          actionId: {
            in: (await prisma.action.findMany({ where: { investigationId }, select: { id: true } })).map(
              (action) => action.id,
            ),
          },
        },
      }),
    ).toBeGreaterThan(0);
    const response = await previewRoute(
      apiRequest(`/api/v1/investigations/${investigationId}/revert/preview`, { token: readerToken }),
      routeContext({ id: String(investigationId) }),
    );
    expect(response.status).toBe(200);
    const preview = (await response.json()) as TInvestigationRevertPreview;
    const deletes = preview.revertable.filter((item) => item.type === "softDelete");
    expect(deletes.reduce((sum, item) => sum + item.messages, 0)).toBe(40);
    const byFolder = deletes
      .flatMap((item) => Object.entries(item.byFolder))
      .reduce<Record<string, number>>((sum, [folder, count]) => {
        sum[folder] = (sum[folder] ?? 0) + count;
        return sum;
      }, {});
    expect(byFolder).toEqual({ INBOX: 30, Junk: 10 });
    expect(preview.revertable.some((item) => item.type === "blockUrl")).toBe(true);
    expect(preview.refused.map((item) => [item.type, item.reason])).toEqual([
      ["disableAccount", "Identity actions cannot be undone from the console: restore them in the identity provider"],
      ["hardDelete", "Hard-deleted messages are gone for good and cannot be restored"],
    ]);
  });

  it("is for operators: a reader may preview but not revert", async () => {
    const denied = await revertRoute(
      apiRequest(`/api/v1/investigations/${investigationId}/revert`, { method: "POST", token: readerToken, body: {} }),
      routeContext({ id: String(investigationId) }),
    );
    expect(denied.status).toBe(403);
  });

  it("reverts once when clicked twice at once: every copy back to its own folder, blocks lifted, refusals listed", async () => {
    const answers = await Promise.all([revert(), revert()]);
    const outcomes = await Promise.all(
      answers.map(async (answer) => ({ status: answer.status, body: (await answer.json()) as TInvestigationRevert })),
    );
    const done = outcomes.filter((outcome) => outcome.status === 200 && outcome.body.reverted.length);
    expect(done).toHaveLength(1);
    // The other click was refused while the first ran, or found nothing left to revert.
    const other = outcomes.find((outcome) => outcome !== done[0])!;
    expect(other.status === 409 || (other.status === 200 && other.body.reverted.length === 0)).toBe(true);
    expect(await locations()).toEqual({ "Inbox/folder": 30, "Junk folder": 10 });
    expect(
      await prisma.threatIndicator.count({
        where: {
          actionId: {
            in: (await prisma.action.findMany({ where: { investigationId }, select: { id: true } })).map(
              (action) => action.id,
            ),
          },
        },
      }),
    ).toBe(0);
    expect(done[0].body.refused.map((item) => item.type).sort()).toEqual(["disableAccount", "hardDelete"]);

    // Each original reverted by exactly one action of its own.
    const originals = await prisma.action.findMany({
      where: {
        investigationId,
        revertOfId: null,
        type: { in: ["softDelete", "blockUrl", "blockSender"] },
        successCount: { gt: prisma.action.fields.alreadyCount },
      },
      include: { reverts: true },
    });
    expect(originals.length).toBeGreaterThan(1);
    for (const original of originals) {
      expect(original.status).toBe("Reverted");
      expect(original.reverts).toHaveLength(1);
    }
  });

  it("shows each revert on History and on the investigation's actions", async () => {
    const history = await listActions(
      ZActionListQuery.parse({ view: "history", source: "Manual", investigation: String(investigationId) }),
    );
    const types = history.items.map((row) => row.type);
    expect(types.filter((type) => type === "moveToInbox").length).toBeGreaterThan(0);
    expect(types).toContain("unblockUrl");
    expect(history.items.every((row) => row.decidedBy === "User" && row.revertOfId !== null)).toBe(true);
    const log = await prisma.investigationLog.findMany({
      where: { investigationId, message: { startsWith: "Investigation reverted by" } },
    });
    expect(log).toHaveLength(1);
  });

  it("is a no-op when clicked again: everything is already reverted", async () => {
    const again = await revert();
    expect(again.status).toBe(200);
    const body = (await again.json()) as TInvestigationRevert;
    expect(body.reverted).toEqual([]);
    expect(body.alreadyReverted.length).toBeGreaterThan(1);
    expect(await locations()).toEqual({ "Inbox/folder": 30, "Junk folder": 10 });
  });

  it("answers 404 for an unknown investigation", async () => {
    const missing = await previewRoute(
      apiRequest("/api/v1/investigations/999999/revert/preview", { token: readerToken }),
      routeContext({ id: "999999" }),
    );
    expect(missing.status).toBe(404);
  });
});
