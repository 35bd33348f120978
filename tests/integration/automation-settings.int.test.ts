import { beforeAll, describe, expect, it } from "vitest";
import { GET as getSettingsRoute, PUT as putSettingsRoute } from "@/app/api/v1/settings/automation/route";
import { prisma } from "@/server/db";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let adminToken: string;
let operatorToken: string;
let readerToken: string;

beforeAll(async () => {
  [adminToken, operatorToken, readerToken] = await Promise.all([
    makeToken("admin"),
    makeToken("operator"),
    makeToken("reader"),
  ]);
});

async function answer(response: Response) {
  return { status: response.status, body: await response.json() };
}

const get = async (token = readerToken) =>
  answer(await getSettingsRoute(apiRequest("/api/v1/settings/automation", { token }), routeContext()));

const put = async (body: unknown, token = adminToken) =>
  answer(
    await putSettingsRoute(apiRequest("/api/v1/settings/automation", { method: "PUT", token, body }), routeContext()),
  );

const audits = () =>
  prisma.auditLog.findMany({ where: { action: "automationSettings.update" }, orderBy: { id: "asc" } });

// Canary runs are off until an admin sets a message count; the sample and threshold have defaults.
const CANARY_OFF = {
  canaryAboveMessages: null,
  canarySamplePercent: 1,
  canarySampleMinimum: 50,
  canaryMaxFailedPercent: 10,
};

// One file, one database: the tests run in order and each starts from what the one before saved.
describe("/api/v1/settings/automation", () => {
  it("answers Defender's defaults before anyone saved: nothing is remediated automatically", async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body).toEqual({
      similarFiles: false,
      similarUrls: false,
      action: "softDelete",
      retentionDays: 14,
      emailEventsRetentionDays: 180,
      pendingExpiryDays: 7,
      resolveAlertsOnRunEnd: true,
      ...CANARY_OFF,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it("saves an admin's change, says who made it, and audits before and after", async () => {
    const { status, body } = await put({
      similarFiles: false,
      similarUrls: true,
      action: "softDelete",
      retentionDays: 30,
      emailEventsRetentionDays: 400,
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      similarFiles: false,
      similarUrls: true,
      action: "softDelete",
      retentionDays: 30,
      emailEventsRetentionDays: 400,
      pendingExpiryDays: 7,
      resolveAlertsOnRunEnd: true,
      ...CANARY_OFF,
      updatedAt: expect.any(String),
      updatedBy: "token factory admin",
    });
    expect(new Date(body.updatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await get()).body).toEqual(body);
    const [entry] = await audits();
    expect(entry).toMatchObject({
      actorType: "token",
      actorName: "token factory admin",
      targetType: "automationSettings",
      targetId: "1",
      before: {
        similarFiles: false,
        similarUrls: false,
        action: "softDelete",
        retentionDays: 14,
        emailEventsRetentionDays: 180,
        pendingExpiryDays: 7,
      },
      after: {
        similarFiles: false,
        similarUrls: true,
        action: "softDelete",
        retentionDays: 30,
        emailEventsRetentionDays: 400,
        pendingExpiryDays: 7,
      },
    });
  });

  it("keeps the day counts a request leaves out", async () => {
    const { body } = await put({ similarFiles: true, similarUrls: true, action: "softDelete", pendingExpiryDays: 3 });
    expect(body).toMatchObject({ similarFiles: true, similarUrls: true, retentionDays: 30, pendingExpiryDays: 3 });
    const entries = await audits();
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      before: { similarFiles: false, pendingExpiryDays: 7 },
      after: { similarFiles: true, pendingExpiryDays: 3 },
    });
  });

  it("turns canary runs on above a message count, audited, and keeps them as they are when a request leaves them out", async () => {
    const canary = {
      canaryAboveMessages: 500,
      canarySamplePercent: 2,
      canarySampleMinimum: 40,
      canaryMaxFailedPercent: 5,
    };
    const { status, body } = await put({ similarFiles: true, similarUrls: true, action: "softDelete", ...canary });
    expect(status).toBe(200);
    expect(body).toMatchObject(canary);
    expect((await audits()).at(-1)).toMatchObject({ before: CANARY_OFF, after: canary });
    expect((await put({ similarFiles: true, similarUrls: true, action: "softDelete" })).body).toMatchObject(canary);
    expect(
      (await put({ similarFiles: true, similarUrls: true, action: "softDelete", canaryAboveMessages: null })).body,
    ).toMatchObject({ ...canary, canaryAboveMessages: null });
  });

  it("is refused to operators and readers (403) and to a bad token (401), changing nothing", async () => {
    const before = (await get()).body;
    for (const token of [operatorToken, readerToken]) {
      const { status, body } = await put({ similarFiles: false, similarUrls: false, action: "softDelete" }, token);
      expect(status).toBe(403);
      expect(body.error.code).toBe("FORBIDDEN");
    }
    expect(
      (await put({ similarFiles: false, similarUrls: false, action: "softDelete" }, "bw_not-a-token")).status,
    ).toBe(401);
    expect((await get("bw_not-a-token")).status).toBe(401);
    expect((await get()).body).toEqual(before);
    expect(await audits()).toHaveLength(5);
  });

  it.each([
    [{ similarFiles: true, similarUrls: "yes", action: "softDelete" }, "body.similarUrls"],
    [{ similarFiles: true, action: "softDelete" }, "body.similarUrls"],
    [{ similarFiles: true, similarUrls: true, action: "hardDelete" }, "body.action"],
    [{ similarFiles: true, similarUrls: true, action: "softDelete", retentionDays: 0 }, "body.retentionDays"],
    [{ similarFiles: true, similarUrls: true, action: "softDelete", retentionDays: 366 }, "body.retentionDays"],
    [
      { similarFiles: true, similarUrls: true, action: "softDelete", emailEventsRetentionDays: 29 },
      "body.emailEventsRetentionDays",
    ],
    [
      { similarFiles: true, similarUrls: true, action: "softDelete", emailEventsRetentionDays: 3651 },
      "body.emailEventsRetentionDays",
    ],
    [{ similarFiles: true, similarUrls: true, action: "softDelete", pendingExpiryDays: 2.5 }, "body.pendingExpiryDays"],
    [{ similarFiles: true, similarUrls: true, action: "softDelete", pendingExpiryDays: 91 }, "body.pendingExpiryDays"],
    [{ similarFiles: true, similarUrls: true, action: "softDelete", similarMessages: true }, "body"],
    [
      { similarFiles: true, similarUrls: true, action: "softDelete", canaryAboveMessages: 0 },
      "body.canaryAboveMessages",
    ],
    [
      { similarFiles: true, similarUrls: true, action: "softDelete", canarySamplePercent: 101 },
      "body.canarySamplePercent",
    ],
    [
      { similarFiles: true, similarUrls: true, action: "softDelete", canaryMaxFailedPercent: -1 },
      "body.canaryMaxFailedPercent",
    ],
    [undefined, "body"],
  ])("answers 400 naming the field for %j", async (input, path) => {
    const before = (await get()).body;
    const { status, body } = await put(input);
    expect(status).toBe(400);
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.issues[0].path).toBe(path);
    expect((await get()).body).toEqual(before);
  });
});
