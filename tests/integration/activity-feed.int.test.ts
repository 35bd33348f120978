import fc from "fast-check";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/activity/feed/route";
import type { InvestigationStatus } from "@/generated/prisma/enums";
import { INVESTIGATION_STATUS_LABELS } from "@/lib/labels";
import { decideAction } from "@/server/actions/decide-action";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { ensurePolicy, makeAction, makeInvestigation, makePolicyAlert } from "../factories/console";
import { apiRequest, makeToken, makeUser, routeContext } from "../factories/users";
import { itRejectsBadListQueries, listCaller } from "../support/list-route";

process.env.NEXTAUTH_URL = "https://breakwater.example.test";

let readerToken = "";
const feed = listCaller(GET, "/api/v1/activity/feed", () => readerToken);

beforeAll(async () => {
  readerToken = await makeToken("reader");
  await ensurePolicy();
});

type TRecord = {
  Id: string;
  ContentType: string;
  RecordType: number;
  CreationTime: string;
  Operation: string;
  DeeplinkURL?: string;
  [field: string]: unknown;
};

/** Every record of one window, page by page, as a consumer reads it. */
async function readWindow(startTime: Date, endTime: Date, pageSize = 100) {
  const records: TRecord[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await feed(
      `startTime=${startTime.toISOString()}&endTime=${endTime.toISOString()}&page=${page}&pageSize=${pageSize}`,
    );
    expect(status).toBe(200);
    records.push(...body.items);
    if (page * pageSize >= body.total)
      return {
        records,
        nextStartTime: new Date(body.nextStartTime),
        settledUntil: new Date(body.settledUntil),
        isComplete: body.isComplete as boolean,
      };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Records carry milliseconds: wait past the last one's before taking a window's end, or it could share its millisecond.
const databaseNow = async () => (await prisma.$queryRaw<{ now: Date }[]>`select clock_timestamp() as now`)[0].now;

describe("activity feed records", () => {
  it("captures an alert, an investigation's status changes and an action decision, shaped like the Management Activity API", async () => {
    const start = await databaseNow();
    const alert = await makePolicyAlert();
    const investigation = await makeInvestigation({ status: "Running", startedAt: new Date() });
    const action = await makeAction({ investigationId: investigation.id });
    await prisma.investigation.update({ where: { id: investigation.id }, data: { status: "PendingAction" } });
    const analyst = await makeUser("operator");
    const actor: TPrincipal = { kind: "user", id: analyst.id, name: analyst.name, role: "operator" };
    await decideAction(action.id, "reject", "false positive", actor);

    const { records } = await readWindow(start, new Date(start.getTime() + 60_000));
    const byId = new Map(records.map((record) => [record.Id, record]));
    expect(byId.get(`alert:${alert.id}`)).toMatchObject({
      ContentType: "Alert",
      RecordType: 40,
      Operation: "AlertTriggered",
      AlertId: String(alert.id),
      Name: alert.title,
      Severity: alert.severity,
      Status: "Active",
      DeeplinkURL: `https://breakwater.example.test/alerts/${alert.id}`,
    });
    const isRunRecord = (record: TRecord) =>
      record.ContentType === "AirInvestigation" && record.InvestigationId === String(investigation.id);
    const statuses = records.filter(isRunRecord);
    // Running, Pending action, then Running and its end status again when the rejection settles the run.
    expect(statuses.slice(0, 3).map((record) => record.Status)).toEqual(["Running", "Pending action", "Running"]);
    expect(statuses[1]).toMatchObject({
      ContentType: "AirInvestigation",
      RecordType: 64,
      InvestigationName: investigation.name,
      InvestigationType: "Compromised User",
      PreviousStatus: "Running",
      DeeplinkURL: `https://breakwater.example.test/investigations/${investigation.id}`,
      Actions: [
        expect.objectContaining({ ActionId: String(action.id), ActionStatus: "Pending", ActionType: "softDelete" }),
      ],
    });
    expect(statuses[1].Id).toMatch(new RegExp(`^investigation:${investigation.id}:status:\\d+$`));
    for (const field of ["StartTimeUtc", "LastUpdateTimeUtc", "CreationTime"])
      expect(statuses[1][field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const decision = records.find(
      (record) => record.ContentType === "ActionDecision" && record.ActionId === String(action.id),
    );
    expect(decision).toMatchObject({
      RecordType: 89,
      Operation: "ActionRejected",
      ActionStatus: "Rejected",
      PreviousStatus: "Pending",
      DecidedBy: "User",
      DecidedByName: analyst.name,
      UserId: analyst.name,
      Comment: "false positive",
    });
    expect(decision?.DecidedAtUtc).toMatch(/Z$/);
    // The rejection ended the run: its status change is in the feed too, after the decision.
    expect(records.indexOf(decision!)).toBeLessThan(records.findLastIndex(isRunRecord));
  });

  it("writes nothing for a change that rolls back, and nothing for a status saved unchanged", async () => {
    const investigation = await makeInvestigation();
    const before = await prisma.activityRecord.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.alert.create({
          data: {
            policyId: "suspicious-email-sending-patterns",
            title: "rolled back",
            severity: "Low",
            category: "Threat management",
            detectionSource: "test",
          },
        });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await prisma.investigation.update({
      where: { id: investigation.id },
      data: { status: investigation.status, name: "renamed" },
    });
    expect(await prisma.activityRecord.count()).toBe(before);
  });

  it("labels every investigation status as the console does", async () => {
    const investigation = await makeInvestigation({ status: "Starting" });
    // Past the creation's own record, which can fall in the same millisecond as a clock read right after it.
    const start = new Date((await databaseNow()).getTime() + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const statuses = Object.keys(INVESTIGATION_STATUS_LABELS).filter(
      (status) => status !== "Starting",
    ) as InvestigationStatus[];
    for (const status of statuses)
      await prisma.investigation.update({ where: { id: investigation.id }, data: { status } });
    const { records } = await readWindow(start, new Date(start.getTime() + 60_000));
    const mine = records.filter((record) => record.InvestigationId === String(investigation.id));
    expect(mine.map((record) => record.Status)).toEqual(statuses.map((status) => INVESTIGATION_STATUS_LABELS[status]));
  });
});

describe("polling the feed window by window", () => {
  it("receives each record exactly once while alerts are created concurrently and one transaction commits late", async () => {
    const start = await databaseNow();
    const late = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await late.connect();
    await late.query("begin");
    const { rows } = await late.query<{ id: number }>(
      `insert into "Alert" ("policyId", title, severity, category, "detectionSource", "updatedAt") values ('suspicious-email-sending-patterns', 'late', 'Low', 'Threat management', 'test', now()) returning id`,
    );
    const lateId = `alert:${rows[0].id}`;

    // Four producers raise alerts while a consumer polls 300 ms windows, each from where the last answer stopped. The
    // feed holds at the late alert's time while its transaction is open; after the commit it catches up.
    let producing = true;
    const producers = Array.from({ length: 4 }, async () => {
      while (producing) {
        await makePolicyAlert();
        await sleep(Math.random() * 40);
      }
    });
    const received: string[] = [];
    const horizonsWhileOpen: Date[] = [];
    let cursor = start;
    let polls = 0;
    let isLateCommitted = false;
    let doneAt: Date | null = null;
    while (!doneAt || cursor < doneAt) {
      if (++polls > 500) throw new Error("the feed stopped advancing");
      const window = await readWindow(cursor, new Date(cursor.getTime() + 300), 7);
      received.push(...window.records.map((record) => record.Id));
      expect(window.nextStartTime.getTime()).toBeGreaterThanOrEqual(cursor.getTime());
      cursor = window.nextStartTime;
      if (!isLateCommitted) {
        horizonsWhileOpen.push(window.settledUntil);
        expect(received).not.toContain(lateId);
        if (polls === 8) {
          await late.query("commit");
          isLateCommitted = true;
        }
      } else if (polls === 30 && producing) {
        producing = false;
        await Promise.all(producers);
        await sleep(5);
        doneAt = await databaseNow();
      }
      await sleep(25);
    }
    await late.end();

    const expected = await prisma.activityRecord.findMany({
      where: { contentType: "Alert", createdAt: { gte: start, lt: doneAt } },
      select: { recordId: true, createdAt: true },
    });
    expect(expected.length).toBeGreaterThan(20);
    expect(received.filter((id) => id.startsWith("alert:")).sort()).toEqual(
      expected.map((record) => record.recordId).sort(),
    );
    expect(new Set(received).size).toBe(received.length);
    expect(received).toContain(lateId);
    // While the late transaction was open, the feed held its horizon at or before the late record's time.
    const lateCreatedAt = expected.find((record) => record.recordId === lateId)!.createdAt;
    for (const horizon of horizonsWhileOpen) expect(horizon.getTime()).toBeLessThanOrEqual(lateCreatedAt.getTime());
  });

  it("answers a window that ends at or before settledUntil the same way every time", async () => {
    const start = await databaseNow();
    for (let index = 0; index < 5; index++) await makePolicyAlert();
    await sleep(5);
    const end = await databaseNow();
    const first = await readWindow(start, end, 2);
    expect(first.isComplete).toBe(true);
    expect(first.nextStartTime).toEqual(end);
    await makePolicyAlert();
    const again = await readWindow(start, end, 2);
    expect(again.records.map((record) => record.Id)).toEqual(first.records.map((record) => record.Id));
    expect(first.records).toHaveLength(5);
  });
});

describe("feed parameters", () => {
  itRejectsBadListQueries(feed, [
    ["contentType=Alert,Phish", "query.contentType"],
    ["startTime=2026-11-01T00:00:00Z", "query.endTime"],
    ["endTime=2026-11-01T00:00:00Z", "query.startTime"],
    ["startTime=2026-11-01T00:00:00Z&endTime=2026-11-02T00:00:00.001Z", "query.endTime"],
    ["startTime=2026-11-02T00:00:00Z&endTime=2026-11-01T00:00:00Z", "query.endTime"],
    ["startTime=2026-02-30T00:00:00Z&endTime=2026-03-01T00:00:00Z", "query.startTime"],
    ["startTime=0000-01-01T00:00:00Z&endTime=0000-01-01T01:00:00Z", "query.startTime"],
    ["startTime=9999-12-31T23:00:00Z&endTime=9999-12-31T23:59:59-14:00", "query.endTime"],
    ["startTime=yesterday&endTime=today", "query.startTime"],
    ["pageSize=101", "query.pageSize"],
    ["page=0", "query.page"],
  ]);

  it("takes a window without an offset as UTC, and the last 24 hours without one", async () => {
    const local = await feed("startTime=2026-11-01T10:00&endTime=2026-11-01T11:00:00");
    expect(local.status).toBe(200);
    expect(local.body).toMatchObject({
      startTime: "2026-11-01T10:00:00.000Z",
      endTime: "2026-11-01T11:00:00.000Z",
      isComplete: true,
    });
    const { body } = await feed("");
    expect(new Date(body.endTime).getTime() - new Date(body.startTime).getTime()).toBe(24 * 3_600_000);
  });

  it("never answers 500: random and hostile values are a 400 naming the field", async () => {
    const hostile = fc.constantFrom(
      "' or 1=1 --",
      "Alert'; select * from pg_catalog.pg_user; --",
      "/* */",
      "Alert,,AirInvestigation",
      "alert",
      "1e309",
      "-1",
      "NaN",
      "Infinity",
      "0x10",
      "99999999999999999999",
      "2026-11-01T00:00:00Z",
      "2026-11-01T23:59:59.999+14:00",
      "9999-12-31T23:59:59Z",
      "1999-12-31T23:59:59Z",
      "2026-02-29T00:00:00Z",
      "2026-11-01T24:00:00Z",
      "\u0000",
      "%00",
      "😀",
      "",
    );
    const value = fc.oneof(
      hostile,
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.integer().map(String),
    );
    const params = fc.record(
      { contentType: value, startTime: value, endTime: value, page: value, pageSize: value },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(params, async (query) => {
        const response = await GET(
          apiRequest(`/api/v1/activity/feed?${new URLSearchParams(query)}`, { token: readerToken }),
          routeContext(),
        );
        const body = await response.json();
        if (response.status === 200) return;
        expect(response.status).toBe(400);
        expect(body.error.issues[0].path).toMatch(/^query\.(contentType|startTime|endTime|page|pageSize)$/);
      }),
      { numRuns: 200 },
    );
  });

  it("is open to the least role", async () => {
    expect((await feed("")).status).toBe(200);
  });
});
