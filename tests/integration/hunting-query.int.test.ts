import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as queryRoute } from "@/app/api/v1/hunting/query/route";
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import { prisma } from "@/server/db";
import { STORAGE } from "@/server/hunting/kql/base-tables";
import { ensureHuntingRole, HUNTING_ROLE } from "@/server/hunting/kql/ensure-hunting-role";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { hoursAgo, insertEmails, sha256Of, type TInsertedEmail } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

// Every supported operator and function, each in a query shaped like the ones analysts publish, checked against
// the same question answered in hand-written SQL over the same rows.

const now = new Date();
let token: string;
let phish: TInsertedEmail;
let malware: TInsertedEmail;

beforeAll(async () => {
  token = await makeToken("reader");
  [phish, malware] = await insertEmails([
    {
      timestamp: hoursAgo(2, now),
      sender: "alerts@login.evil-phish.example",
      senderDisplayName: "IT Helpdesk",
      senderIPv4: "203.0.113.66",
      recipients: ["alice@breakwater.test", "bob@breakwater.test", "carol@breakwater.test"],
      subject: "Reset your password now",
      threatTypes: ["Phish"],
      detectionMethods: { Phish: ["URL detonation"] },
      authenticationDetails: { SPF: "fail", DKIM: "none", DMARC: "fail", CompAuth: "fail" },
      latestDeliveryLocation: "Deleted items",
      additionalActions: ["Automated remediation: automated"],
      urls: ["https://login.evil-phish.example/reset", "https://cdn.example.net/logo.png"],
      postDelivery: [{ action: "Soft delete", actionType: "Automated Remediation", deliveryLocation: "Deleted items", minutesAfter: 20 }],
    },
    {
      timestamp: hoursAgo(30, now),
      sender: "hr@payroll-update.example",
      recipients: ["dave@breakwater.test", "erin@breakwater.test"],
      subject: "Salary review Q3",
      threatTypes: ["Malware", "Phish"],
      deliveryAction: "Blocked",
      deliveryLocation: "Quarantine",
      attachments: [{ fileName: "invoice.docm", threatTypes: ["Malware"], fileSize: 90_000 }, { fileName: "notes.txt", fileSize: 1_200 }],
      postDelivery: [{ action: "Moved to junk folder", actionType: "Manual Remediation", actionTrigger: "AdminAction", deliveryLocation: "Junk folder" }],
    },
    ...[50, 51, 52].map((hours) => ({ timestamp: hoursAgo(hours, now), sender: "deals@spam.example", subject: "Cheap watches", threatTypes: ["Spam"], deliveryAction: "Junked" as const, deliveryLocation: "Junk folder" })),
    { timestamp: hoursAgo(10, now), sender: "alice@breakwater.test", recipients: ["partner@fabrikam.example"], subject: "Contract draft", direction: "Outbound" },
    { timestamp: hoursAgo(11, now), sender: "bob@breakwater.test", recipients: ["carol@breakwater.test"], subject: "Budget: 50% spent", direction: "Intra-org", senderIPv4: null },
    { timestamp: hoursAgo(12, now), sender: "billing@contoso.example", subject: "invoice_2024 is due", urls: ["https://pay.contoso.example/invoice?id=7"] },
    { timestamp: hoursAgo(8 * 24, now), subject: "Old newsletter" },
    ...Array.from({ length: 20 }, (_, i) => ({
      timestamp: hoursAgo(1 + i * 3, now),
      sender: i % 2 ? "news@fabrikam.example" : "billing@contoso.example",
      recipients: [`user${i % 5}@breakwater.test`],
      subject: `Weekly report ${i}`,
      urls: i % 4 === 0 ? [`https://docs.contoso.example/report/${i}`] : [],
    })),
  ]);
  await prisma.urlClickEvent.createMany({
    data: [
      { timestamp: hoursAgo(1.5, now), url: "https://login.evil-phish.example/reset", actionType: "ClickAllowed", accountUpn: "alice@breakwater.test", networkMessageId: phish.networkMessageId, threatTypes: "Phish", ipAddress: "198.51.100.20", isClickedThrough: true, reportId: randomUUID() },
      { timestamp: hoursAgo(1.4, now), url: "https://login.evil-phish.example/reset", actionType: "ClickBlocked", accountUpn: "bob@breakwater.test", networkMessageId: phish.networkMessageId, threatTypes: "Phish", ipAddress: "198.51.100.21", isClickedThrough: false, reportId: randomUUID() },
      { timestamp: hoursAgo(5, now), url: "https://docs.contoso.example/report/0", actionType: "ClickAllowed", accountUpn: "user0@breakwater.test", workload: "Teams", ipAddress: "198.51.100.22", reportId: randomUUID() },
    ],
  });
  await prisma.identityLogonEvent.createMany({
    data: [
      { timestamp: hoursAgo(1, now), actionType: "LogonSuccess", application: "Office 365", logonType: "Interactive", protocol: "OAuth2", accountUpn: "alice@breakwater.test", accountDisplayName: "Alice", ipAddress: "198.51.100.20", countryCode: "US", city: "Seattle", isp: "Contoso ISP", reportId: randomUUID() },
      ...Array.from({ length: 5 }, (_, i) => ({
        timestamp: hoursAgo(3 + i / 10, now), actionType: "LogonFailed", application: "Exchange Online", logonType: "Interactive", protocol: "IMAP", failureReason: "InvalidPassword",
        accountUpn: "bob@breakwater.test", accountDisplayName: "Bob", ipAddress: "203.0.113.9", countryCode: "RU", reportId: randomUUID(),
      })),
      { timestamp: hoursAgo(4, now), actionType: "LogonSuccess", application: "Exchange Online", logonType: "Interactive", protocol: "IMAP", accountUpn: "bob@breakwater.test", accountDisplayName: "Bob", ipAddress: "203.0.113.9", countryCode: "RU", reportId: randomUUID() },
    ],
  });
}, 60_000);

type TRow = Record<string, unknown>;

const hunt = (query: string) => runHuntingQuery(query);

/** Hand-written SQL's rows in the JSON shape hunting returns: ISO datetimes, plain numbers. */
async function bySql(text: string): Promise<TRow[]> {
  const rows = await prisma.$queryRawUnsafe<TRow[]>(text);
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : typeof value === "bigint" ? Number(value) : value])),
  );
}

const sortRows = (rows: TRow[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function expectSameRows(query: string, handSql: string, options: { isOrdered?: boolean } = {}) {
  const result = await hunt(query);
  const expected = await bySql(handSql);
  expect(expected.length, "the hand-written SQL finds rows: a test that compares nothing proves nothing").toBeGreaterThan(0);
  if (options.isOrdered) expect(result.rows).toEqual(expected);
  else expect(sortRows(result.rows)).toEqual(sortRows(expected));
  return result;
}

describe("POST /api/v1/hunting/query", () => {
  it("runs the query of seeds/004 as written, with Defender's columns", async () => {
    const response = await queryRoute(
      apiRequest("/api/v1/hunting/query", { method: "POST", token, body: { query: 'EmailPostDeliveryEvents | where ActionType == "Automated Remediation" and ActionTrigger == "Automation"' } }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.columns.map((column: { name: string }) => column.name)).toEqual(HUNTING_TABLES.find((table) => table.name === "EmailPostDeliveryEvents")!.columns.map((column) => column.name));
    expect(body.rows).toHaveLength(3);
    expect(body.rows[0]).toMatchObject({ NetworkMessageId: phish.networkMessageId, Action: "Soft delete", ActionType: "Automated Remediation", ActionTrigger: "Automation" });
    expect(body).toMatchObject({ rowCount: 3, truncated: false, chart: null });
  });

  it("answers a parse error with a 400 naming the operator, its line and column", async () => {
    const response = await queryRoute(apiRequest("/api/v1/hunting/query", { method: "POST", token, body: { query: "EmailEvents\n| mv-expand AdditionalActions" } }), routeContext());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "`mv-expand` is not supported yet (line 2, column 3)",
        issues: [{ path: "body.query", message: "`mv-expand` is not supported yet", line: 2, column: 3 }],
      },
    });
  });

  it.each([
    ["no query", {}],
    ["an empty query", { query: "  " }],
    ["a query over 20,000 characters", { query: `EmailEvents | take 1 ${"/".repeat(20_000)}` }],
  ])("refuses %s with a 400 on body.query", async (_label, body) => {
    const response = await queryRoute(apiRequest("/api/v1/hunting/query", { method: "POST", token, body }), routeContext());
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues[0].path).toBe("body.query");
  });
});
