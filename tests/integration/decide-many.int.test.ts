import { beforeAll, describe, expect, it } from "vitest";
import { POST as decideRoute } from "@/app/api/v1/actions/decide/route";
import { prisma } from "@/server/db";
import { makeAction, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let operatorToken: string;

beforeAll(async () => {
  operatorToken = await makeToken("operator");
});

async function decide(body: unknown) {
  const response = await decideRoute(
    apiRequest("/api/v1/actions/decide", { method: "POST", token: operatorToken, body }),
    routeContext(),
  );
  return { status: response.status, body: await response.json() };
}

describe("POST /api/v1/actions/decide, as the Action center reads it", () => {
  it("says, per action, what is decided now and what someone else had decided first, and by whom", async () => {
    const address = `gone-${uniqueTag()}@factory.test`;
    // The mailbox does not exist: the approval is taken and its execution fails visibly.
    const pending = await makeAction({ type: "revokeSessions", entity: address, target: { mailbox: address } });
    const rejected = await makeAction({
      type: "resetPassword",
      entity: address,
      status: "Rejected",
      decidedBy: "User",
      decidedByName: "Olga Operator",
      decidedAt: new Date(),
    });
    const approved = await makeAction({
      type: "disableAccount",
      entity: address,
      status: "Completed",
      decidedBy: "User",
      decidedByName: "Olga Operator",
      decidedAt: new Date(),
    });

    const { status, body } = await decide({
      ids: [pending.id, rejected.id, approved.id, 999_999],
      decision: "approve",
      comment: "bulk",
    });
    expect(status).toBe(200);
    expect(body.results).toEqual([
      expect.objectContaining({
        id: pending.id,
        status: "Failed",
        isNewDecision: true,
        decidedByName: "token factory operator",
        error: null,
      }),
      expect.objectContaining({
        id: rejected.id,
        status: "Rejected",
        isNewDecision: false,
        decidedByName: "Olga Operator",
        error: expect.objectContaining({ code: "CONFLICT" }),
      }),
      expect.objectContaining({
        id: approved.id,
        status: "Completed",
        isNewDecision: false,
        decidedByName: "Olga Operator",
        error: null,
      }),
      expect.objectContaining({ id: 999_999, status: null, error: expect.objectContaining({ code: "NOT_FOUND" }) }),
    ]);
    expect((await prisma.action.findUniqueOrThrow({ where: { id: pending.id } })).comment).toBe("bulk");
  });
});
