import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listPoliciesRoute } from "@/app/api/v1/alert-policies/route";
import { PATCH as updatePolicyRoute } from "@/app/api/v1/alert-policies/[id]/route";
import { BUILT_IN_POLICIES } from "@/server/alerts/built-in-policies";
import { prisma } from "@/server/db";
import { receiveEmailEvents } from "@/server/ingestion/receive-email-events";
import type { TEmailEventInput } from "@/server/ingestion/ingestion.schemas";
import { ensurePolicy, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const LIMIT = "email-sending-limit-exceeded";
let adminToken: string;
let operatorToken: string;
let readerToken: string;

beforeAll(async () => {
  for (const policy of BUILT_IN_POLICIES) await ensurePolicy(policy.id);
  [adminToken, operatorToken, readerToken] = await Promise.all([
    makeToken("admin"),
    makeToken("operator"),
    makeToken("reader"),
  ]);
});

async function patch(id: string, body: unknown, token = adminToken) {
  const response = await updatePolicyRoute(
    apiRequest(`/api/v1/alert-policies/${id}`, { method: "PATCH", token, body }),
    routeContext({ id }),
  );
  return { status: response.status, body: await response.json() };
}

const limitPolicy = () => prisma.alertPolicy.findUniqueOrThrow({ where: { id: LIMIT } });

describe("GET /api/v1/alert-policies", () => {
  it("lists every built-in policy to a reader, with severity, switch and the limits", async () => {
    const response = await listPoliciesRoute(
      apiRequest("/api/v1/alert-policies", { token: readerToken }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.total).toBe(BUILT_IN_POLICIES.length);
    const limit = body.items.find((item: { id: string }) => item.id === LIMIT);
    expect(limit).toMatchObject({
      name: "Email sending limit exceeded",
      severity: "Medium",
      isEnabled: true,
      settings: { recipientsPerDay: 10_000, messagesPerMinute: 30 },
    });
  });

  it("answers 401 with a bad token", async () => {
    expect(
      (await listPoliciesRoute(apiRequest("/api/v1/alert-policies", { token: "bw_not-a-token" }), routeContext()))
        .status,
    ).toBe(401);
  });
});

describe("PATCH /api/v1/alert-policies/[id]", () => {
  it("is refused to operators and readers (403), changing nothing", async () => {
    for (const token of [operatorToken, readerToken]) {
      const { status, body } = await patch(LIMIT, { isEnabled: false }, token);
      expect(status).toBe(403);
      expect(body.error.code).toBe("FORBIDDEN");
    }
    expect((await limitPolicy()).isEnabled).toBe(true);
  });

  it.each([
    [{ settings: { messagesPerMinute: 0 } }, "body.settings.messagesPerMinute"],
    [{ settings: { messagesPerMinute: -5 } }, "body.settings.messagesPerMinute"],
    [{ settings: { recipientsPerDay: 12.5 } }, "body.settings.recipientsPerDay"],
    [{ settings: { recipientsPerDay: "lots" } }, "body.settings.recipientsPerDay"],
    [{ settings: { messagesPerHour: 100 } }, "body.settings"],
    [{ severity: "Critical" }, "body.severity"],
    [{ isEnabled: "yes" }, "body.isEnabled"],
    [{}, "body"],
  ])("answers 400 naming the field for %j", async (input, path) => {
    const before = await limitPolicy();
    const { status, body } = await patch(LIMIT, input);
    expect(status).toBe(400);
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.issues[0].path).toBe(path);
    expect(await limitPolicy()).toEqual(before);
  });

  it("takes limits only on the sending-limit policy", async () => {
    const { status, body } = await patch("user-restricted-from-sending", { settings: { messagesPerMinute: 10 } });
    expect(status).toBe(400);
    expect(body.error.issues[0]).toEqual({
      path: "body.settings",
      message: 'the policy "User restricted from sending email" takes no settings',
    });
  });

  it("answers 404 for a policy that does not exist", async () => {
    expect((await patch("no-such-policy", { isEnabled: false })).status).toBe(404);
  });

  it("changes one limit, keeps the other, and audits before and after", async () => {
    const { status, body } = await patch(LIMIT, { settings: { messagesPerMinute: 50 } });
    expect(status).toBe(200);
    expect(body.settings).toEqual({ recipientsPerDay: 10_000, messagesPerMinute: 50 });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "alertPolicy.update", targetId: LIMIT },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ actorType: "token", actorName: "token factory admin", targetType: "alertPolicy" });
    expect(audit.before).toMatchObject({ settings: { recipientsPerDay: 10_000, messagesPerMinute: 30 } });
    expect(audit.after).toMatchObject({
      name: "Email sending limit exceeded",
      settings: { recipientsPerDay: 10_000, messagesPerMinute: 50 },
    });
  });

  it("changes severity and the switch of any policy", async () => {
    const { status, body } = await patch("suspicious-email-sending-patterns", { severity: "High", isEnabled: false });
    expect(status).toBe(200);
    expect(body).toMatchObject({ severity: "High", isEnabled: false });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "alertPolicy.update", targetId: "suspicious-email-sending-patterns" },
      orderBy: { id: "desc" },
    });
    expect(audit.before).toMatchObject({ severity: "Medium", isEnabled: true });
    expect(audit.after).toMatchObject({ severity: "High", isEnabled: false });
    expect((await patch("suspicious-email-sending-patterns", { severity: "Medium", isEnabled: true })).status).toBe(
      200,
    );
  });
});

describe("detections read the policy as it is now", () => {
  const domain = `policy-${uniqueTag()}.test`;

  function burst(sender: string, messages: number): TEmailEventInput[] {
    const start = Date.now() - 5 * 60_000;
    return Array.from({ length: messages }, (_, index) => {
      const networkMessageId = randomUUID();
      return {
        timestamp: new Date(start + index * 1_000).toISOString(),
        networkMessageId,
        internetMessageId: `<${networkMessageId}@${domain}>`,
        senderFromAddress: sender,
        senderMailFromAddress: sender,
        senderDisplayName: "Policy Test",
        recipientEmailAddress: `colleague${index}@${domain}`,
        subject: "Minutes",
        emailDirection: "Intra-org",
        deliveryAction: "Delivered",
        deliveryLocation: "Inbox/folder",
        authenticationDetails: { spf: "pass", dkim: "pass", dmarc: "pass", compAuth: "pass" },
        emailSize: 2_000,
      };
    });
  }

  beforeAll(async () => {
    await prisma.mailbox.create({
      data: { address: `owner@${domain}`, displayName: "Owner", department: "IT", country: "US" },
    });
  });

  it("does not restrict a sender under a raised limit, nor under a switched-off policy", async () => {
    expect((await patch(LIMIT, { settings: { messagesPerMinute: 50 } })).status).toBe(200);
    const underRaisedLimit = `raised-${uniqueTag()}@${domain}`;
    const first = await receiveEmailEvents(burst(underRaisedLimit, 40));
    expect(first.detections).toMatchObject({ alertIds: [], restrictedUsers: [] });

    expect((await patch(LIMIT, { settings: { messagesPerMinute: 30 }, isEnabled: false })).status).toBe(200);
    const underDisabledPolicy = `disabled-${uniqueTag()}@${domain}`;
    const second = await receiveEmailEvents(burst(underDisabledPolicy, 40));
    expect(second.detections).toMatchObject({ alertIds: [], restrictedUsers: [] });
    expect(
      await prisma.restrictedUser.count({ where: { address: { in: [underRaisedLimit, underDisabledPolicy] } } }),
    ).toBe(0);
    expect((await patch(LIMIT, { isEnabled: true })).status).toBe(200);
  });
});
