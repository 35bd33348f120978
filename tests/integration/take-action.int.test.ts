// Threat Explorer's Take action: an operator's own remediation of selected messages, filed as Manual.
import { beforeAll, expect, it } from "vitest";
import { POST as takeActionRoute } from "@/app/api/v1/explorer/actions/route";
import { listActions } from "@/server/actions/actions.queries";
import { ZActionListQuery } from "@/server/actions/actions.schemas";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const mailboxes = ["ana@contoso.test", "ben@contoso.test", "cy@contoso.test"];
let operatorToken: string;
const take = (body: unknown, token = operatorToken) =>
  takeActionRoute(apiRequest("/api/v1/explorer/actions", { method: "POST", token, body }), routeContext());

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: mailboxes.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
  operatorToken = await makeToken("operator");
});

it("moves the selected copies to Junk now and files it on History as Manual", async () => {
  const [spam] = await insertEmails([
    {
      timestamp: new Date(Date.now() - 600_000),
      sender: "promo@deals.example",
      subject: "Deals",
      recipients: mailboxes,
    },
  ]);
  const response = await take({
    selection: { networkMessageIds: [spam.networkMessageId] },
    action: "moveToJunk",
    comment: "bulk mail",
  });
  expect(response.status).toBe(201);
  const taken = await response.json();
  expect(taken).toMatchObject({ status: "Completed", successCount: 3, failedCount: 0 });
  expect(
    await prisma.emailEvent.findMany({
      where: { networkMessageId: spam.networkMessageId },
      select: { latestDeliveryLocation: true },
    }),
  ).toEqual(mailboxes.map(() => ({ latestDeliveryLocation: "Junk folder" })));
  expect(
    await prisma.emailPostDeliveryEvent.count({
      where: { actionId: taken.id, actionType: "Manual Remediation", actionTrigger: "AdminAction" },
    }),
  ).toBe(3);
  const history = await listActions(ZActionListQuery.parse({ view: "history", source: "Manual" }));
  expect(history.items.map((item) => item.id)).toContain(taken.id);
});

it("refuses an unknown action, an empty selection and a reader", async () => {
  const bad = await take({ selection: { networkMessageIds: [crypto.randomUUID()] }, action: "shred" });
  expect(bad.status).toBe(400);
  expect((await bad.json()).error.issues[0].path).toBe("body.action");
  expect((await take({ selection: { networkMessageIds: [crypto.randomUUID()] }, action: "softDelete" })).status).toBe(
    400,
  );
  expect(
    (
      await take(
        { selection: { networkMessageIds: [crypto.randomUUID()] }, action: "softDelete" },
        await makeToken("reader"),
      )
    ).status,
  ).toBe(403);
});
