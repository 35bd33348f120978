import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as queryRoute } from "@/app/api/v1/hunting/query/route";
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import { prisma } from "@/server/db";
import { STORAGE } from "@/server/hunting/kql/base-tables";
import { ensureHuntingRole, HUNTING_ROLE } from "@/server/hunting/kql/ensure-hunting-role";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { hoursAgo, insertEmails, type TInsertedEmail } from "../factories/email";
import { copyToClickHouse, testHuntingStore } from "../support/hunting-store";
import { apiRequest, makeToken, routeContext } from "../factories/users";

// Every supported operator and function, each in a query shaped like the ones analysts publish, checked against
// the same question answered in hand-written SQL over the same rows. hunting-query-clickhouse.int.test.ts runs them
// all again with ClickHouse (chDB) answering from its copy of the rows.

const now = new Date();
let token: string;
let phish: TInsertedEmail;

beforeAll(async () => {
  token = await makeToken("reader");
  [phish] = await insertEmails([
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
      postDelivery: [
        {
          action: "Soft delete",
          actionType: "Automated Remediation",
          deliveryLocation: "Deleted items",
          minutesAfter: 20,
        },
      ],
    },
    {
      timestamp: hoursAgo(30, now),
      sender: "hr@payroll-update.example",
      recipients: ["dave@breakwater.test", "erin@breakwater.test"],
      subject: "Salary review Q3",
      threatTypes: ["Malware", "Phish"],
      deliveryAction: "Blocked",
      deliveryLocation: "Quarantine",
      attachments: [
        { fileName: "invoice.docm", threatTypes: ["Malware"], fileSize: 90_000 },
        { fileName: "notes.txt", fileSize: 1_200 },
      ],
      postDelivery: [
        {
          action: "Moved to junk folder",
          actionType: "Manual Remediation",
          actionTrigger: "AdminAction",
          deliveryLocation: "Junk folder",
        },
      ],
    },
    ...[50, 51, 52].map((hours) => ({
      timestamp: hoursAgo(hours, now),
      sender: "deals@spam.example",
      subject: "Cheap watches",
      threatTypes: ["Spam"],
      deliveryAction: "Junked" as const,
      deliveryLocation: "Junk folder",
    })),
    {
      timestamp: hoursAgo(10, now),
      sender: "alice@breakwater.test",
      recipients: ["partner@fabrikam.example"],
      subject: "Contract draft",
      direction: "Outbound",
    },
    {
      timestamp: hoursAgo(11, now),
      sender: "bob@breakwater.test",
      recipients: ["carol@breakwater.test"],
      subject: "Budget: 50% spent",
      direction: "Intra-org",
      senderIPv4: null,
    },
    {
      timestamp: hoursAgo(12, now),
      sender: "billing@contoso.example",
      subject: "invoice_2024 is due",
      urls: ["https://pay.contoso.example/invoice?id=7"],
    },
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
      {
        timestamp: hoursAgo(1.5, now),
        url: "https://login.evil-phish.example/reset",
        actionType: "ClickAllowed",
        accountUpn: "alice@breakwater.test",
        networkMessageId: phish.networkMessageId,
        threatTypes: "Phish",
        ipAddress: "198.51.100.20",
        isClickedThrough: true,
        reportId: randomUUID(),
      },
      {
        timestamp: hoursAgo(1.4, now),
        url: "https://login.evil-phish.example/reset",
        actionType: "ClickBlocked",
        accountUpn: "bob@breakwater.test",
        networkMessageId: phish.networkMessageId,
        threatTypes: "Phish",
        ipAddress: "198.51.100.21",
        isClickedThrough: false,
        reportId: randomUUID(),
      },
      {
        timestamp: hoursAgo(5, now),
        url: "https://docs.contoso.example/report/0",
        actionType: "ClickAllowed",
        accountUpn: "user0@breakwater.test",
        workload: "Teams",
        ipAddress: "198.51.100.22",
        reportId: randomUUID(),
      },
    ],
  });
  await prisma.identityLogonEvent.createMany({
    data: [
      {
        timestamp: hoursAgo(1, now),
        actionType: "LogonSuccess",
        application: "Office 365",
        logonType: "Interactive",
        protocol: "OAuth2",
        accountUpn: "alice@breakwater.test",
        accountDisplayName: "Alice",
        ipAddress: "198.51.100.20",
        countryCode: "US",
        city: "Seattle",
        isp: "Contoso ISP",
        reportId: randomUUID(),
      },
      ...Array.from({ length: 5 }, (_, i) => ({
        timestamp: hoursAgo(3 + i / 10, now),
        actionType: "LogonFailed",
        application: "Exchange Online",
        logonType: "Interactive",
        protocol: "IMAP",
        failureReason: "InvalidPassword",
        accountUpn: "bob@breakwater.test",
        accountDisplayName: "Bob",
        ipAddress: "203.0.113.9",
        countryCode: "RU",
        reportId: randomUUID(),
      })),
      {
        timestamp: hoursAgo(4, now),
        actionType: "LogonSuccess",
        application: "Exchange Online",
        logonType: "Interactive",
        protocol: "IMAP",
        accountUpn: "bob@breakwater.test",
        accountDisplayName: "Bob",
        ipAddress: "203.0.113.9",
        countryCode: "RU",
        reportId: randomUUID(),
      },
    ],
  });
  await copyToClickHouse();
}, 60_000);

type TRow = Record<string, unknown>;

const store = testHuntingStore();
const hunt = (query: string) => runHuntingQuery(query, { store });

/** Hand-written SQL's rows in the JSON shape hunting returns: ISO datetimes, plain numbers. */
async function bySql(text: string): Promise<TRow[]> {
  const rows = await prisma.$queryRawUnsafe<TRow[]>(text);
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        value instanceof Date ? value.toISOString() : typeof value === "bigint" ? Number(value) : value,
      ]),
    ),
  );
}

const sortRows = (rows: TRow[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function expectSameRows(query: string, handSql: string, options: { isOrdered?: boolean } = {}) {
  const result = await hunt(query);
  expect(result.store).toBe(store);
  const expected = await bySql(handSql);
  expect(
    expected.length,
    "the hand-written SQL finds rows: a test that compares nothing proves nothing",
  ).toBeGreaterThan(0);
  if (options.isOrdered) expect(result.rows).toEqual(expected);
  else expect(sortRows(result.rows)).toEqual(sortRows(expected));
  return result;
}

describe("POST /api/v1/hunting/query", () => {
  it("runs the query of seeds/004 as written, with Defender's columns", async () => {
    const response = await queryRoute(
      apiRequest("/api/v1/hunting/query", {
        method: "POST",
        token,
        body: {
          query:
            'EmailPostDeliveryEvents | where ActionType == "Automated Remediation" and ActionTrigger == "Automation"',
        },
      }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.columns.map((column: { name: string }) => column.name)).toEqual(
      HUNTING_TABLES.find((table) => table.name === "EmailPostDeliveryEvents")!.columns.map((column) => column.name),
    );
    expect(body.rows).toHaveLength(3);
    expect(body.rows[0]).toMatchObject({
      NetworkMessageId: phish.networkMessageId,
      Action: "Soft delete",
      ActionType: "Automated Remediation",
      ActionTrigger: "Automation",
    });
    expect(body).toMatchObject({ rowCount: 3, truncated: false, chart: null });
  });

  it("answers a parse error with a 400 naming the operator, its line and column", async () => {
    const response = await queryRoute(
      apiRequest("/api/v1/hunting/query", {
        method: "POST",
        token,
        body: { query: "EmailEvents\n| facet by Subject" },
      }),
      routeContext(),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "`facet` is not supported yet (line 2, column 3)",
        issues: [{ path: "body.query", message: "`facet` is not supported yet", line: 2, column: 3 }],
      },
    });
  });

  it.each([
    ["no query", {}],
    ["an empty query", { query: "  " }],
    ["a query over 20,000 characters", { query: `EmailEvents | take 1 ${"/".repeat(20_000)}` }],
  ])("refuses %s with a 400 on body.query", async (_label, body) => {
    const response = await queryRoute(
      apiRequest("/api/v1/hunting/query", { method: "POST", token, body }),
      routeContext(),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues[0].path).toBe("body.query");
  });
});

const NOW_UTC = `(now() at time zone 'utc')`;
const EMAIL = `"EmailEvent"`;

describe("tabular operators, against hand-written SQL", () => {
  it("where and project with renames and expressions", async () => {
    await expectSameRows(
      `EmailEvents
| where Timestamp > ago(7d) and ThreatTypes has "Phish"
| project Timestamp, Recipient = RecipientEmailAddress, Sender = SenderFromAddress, SubjectLength = strlen(Subject)`,
      `select "timestamp" as "Timestamp", "recipientEmailAddress" as "Recipient", "senderFromAddress" as "Sender", char_length(subject) as "SubjectLength"
       from ${EMAIL} where "timestamp" > ${NOW_UTC} - interval '7 days' and "threatTypes" ~* '(^|[^a-z0-9])phish([^a-z0-9]|$)'`,
    );
  });

  it("project-away (with a wildcard) and project-rename", async () => {
    const result = await expectSameRows(
      `EmailUrlInfo | where UrlDomain == "login.evil-phish.example" | project-away ReportId, UrlLoc* | project-rename Link = Url`,
      `select "timestamp" as "Timestamp", "networkMessageId"::text as "NetworkMessageId", url as "Link", "urlDomain" as "UrlDomain" from "EmailUrlInfo" where "urlDomain" = 'login.evil-phish.example'`,
    );
    expect(result.columns.map((column) => column.name)).toEqual(["Timestamp", "NetworkMessageId", "Link", "UrlDomain"]);
  });

  it("extend, using an earlier column of the same extend, replacing and appending", async () => {
    const result = await expectSameRows(
      `EmailEvents
| where SenderFromDomain == "spam.example"
| extend Hour = bin(Timestamp, 1h), IsJunk = DeliveryAction == "Junked", Label = strcat(SenderFromDomain, " at ", Hour)
| extend Subject = toupper(Subject)
| project-away Sender*, Recipient*, Threat*, Detection*, Email*, Delivery*, Latest*, Network*, Internet*, Url*, Attachment*, Auth*, Confidence*, Bulk*, Org*, User*, Connectors, Additional*, Body*, ReportId, Timestamp`,
      `select date_trunc('hour', "timestamp") as "Hour", "deliveryAction" = 'Junked' as "IsJunk",
              "senderFromDomain" || ' at ' || to_char(date_trunc('hour', "timestamp"), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "Label", upper(subject) as "Subject"
       from ${EMAIL} where "senderFromDomain" = 'spam.example'`,
    );
    expect(result.columns.map((column) => column.name)).toEqual(["Hour", "IsJunk", "Label", "Subject"]);
  });

  it("summarize: every aggregation, Name =, by with a rename, Kusto's default names", async () => {
    const result = await expectSameRows(
      `EmailEvents
| where Timestamp > ago(3d)
| summarize count(), Phish = countif(ThreatTypes has "Phish"), dcount(RecipientEmailAddress), sum(UrlCount), min(Timestamp), max(EmailSize), avg(AttachmentCount), Recipients = make_set(RecipientEmailAddress)
    by Sender = SenderFromAddress`,
      `select "senderFromAddress" as "Sender", count(*) as "count_", count(*) filter (where "threatTypes" ~* '(^|[^a-z0-9])phish([^a-z0-9]|$)') as "Phish",
              count(distinct "recipientEmailAddress") as "dcount_RecipientEmailAddress", sum("urlCount")::bigint as "sum_UrlCount", min("timestamp") as "min_Timestamp",
              max("emailSize") as "max_EmailSize", avg("attachmentCount")::float8 as "avg_AttachmentCount", to_jsonb(array_agg(distinct "recipientEmailAddress")) as "Recipients"
       from ${EMAIL} where "timestamp" > ${NOW_UTC} - interval '3 days' group by 1`,
    );
    expect(result.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "Sender:string",
      "count_:long",
      "Phish:long",
      "dcount_RecipientEmailAddress:long",
      "sum_UrlCount:long",
      "min_Timestamp:datetime",
      "max_EmailSize:long",
      "avg_AttachmentCount:real",
      "Recipients:dynamic",
    ]);
  });

  it("summarize of count() and dcount() only (two levels of GROUP BY): same rows as count(distinct), nulls not counted, 0 over no rows", async () => {
    await expectSameRows(
      `EmailEvents | summarize Messages = count(), Recipients = dcount(RecipientEmailAddress), dcount(RecipientEmailAddress) by EmailDirection, bin(Timestamp, 1d)`,
      `select "emailDirection" as "EmailDirection", date_trunc('day', "timestamp") as "Timestamp", count(*) as "Messages",
              count(distinct "recipientEmailAddress") as "Recipients", count(distinct "recipientEmailAddress") as "dcount_RecipientEmailAddress"
       from ${EMAIL} group by 1, 2`,
    );
    await expectSameRows(
      "EmailEvents | summarize count(), dcount(BulkComplaintLevel) by SenderFromDomain",
      `select "senderFromDomain" as "SenderFromDomain", count(*) as "count_", count(distinct "bulkComplaintLevel") as "dcount_BulkComplaintLevel" from ${EMAIL} group by 1`,
    );
    await expectSameRows(
      `EmailEvents | where SenderFromDomain == "nobody.example" | summarize count(), dcount(SenderFromAddress)`,
      `select 0::bigint as "count_", 0::bigint as "dcount_SenderFromAddress"`,
    );
  });

  it("summarize by bin(Timestamp, 1h), named Timestamp, sorted ascending", async () => {
    const result = await expectSameRows(
      "EmailEvents | where Timestamp > ago(1d) | summarize Messages = count() by bin(Timestamp, 1h) | sort by Timestamp asc",
      `select date_trunc('hour', "timestamp") as "Timestamp", count(*) as "Messages" from ${EMAIL} where "timestamp" > ${NOW_UTC} - interval '1 day' group by 1 order by 1`,
      { isOrdered: true },
    );
    expect(result.columns.map((column) => column.name)).toEqual(["Timestamp", "Messages"]);
  });

  it("summarize by with no aggregation lists the distinct groups", async () => {
    await expectSameRows(
      "EmailEvents | summarize by SenderFromDomain, EmailDirection",
      `select distinct "senderFromDomain" as "SenderFromDomain", "emailDirection" as "EmailDirection" from ${EMAIL}`,
    );
  });

  it("summarize arg_max(Timestamp, columns) and arg_max(Timestamp, *) keep each group's latest row", async () => {
    await expectSameRows(
      "IdentityLogonEvents | summarize arg_max(Timestamp, ActionType, IPAddress) by AccountUpn",
      `select distinct on ("accountUpn") "accountUpn" as "AccountUpn", "timestamp" as "Timestamp", "actionType" as "ActionType", "ipAddress" as "IPAddress"
       from "IdentityLogonEvent" order by "accountUpn", "timestamp" desc`,
    );
    const all = await hunt("IdentityLogonEvents | summarize arg_max(Timestamp, *) by AccountUpn");
    const table = HUNTING_TABLES.find((candidate) => candidate.name === "IdentityLogonEvents")!;
    expect(all.columns.map((column) => column.name)).toEqual([
      "AccountUpn",
      "Timestamp",
      ...table.columns.map((column) => column.name).filter((name) => name !== "AccountUpn" && name !== "Timestamp"),
    ]);
    expect(all.rows.find((row) => row.AccountUpn === "bob@breakwater.test")).toMatchObject({
      ActionType: "LogonFailed",
      AccountName: "bob",
      AccountDomain: "breakwater.test",
      Location: "RU",
    });
  });

  it("sort by and order by descend by default; asc and several keys", async () => {
    await expectSameRows(
      'EmailEvents | where SenderFromDomain == "spam.example" | sort by Timestamp | project Timestamp, Subject',
      `select "timestamp" as "Timestamp", subject as "Subject" from ${EMAIL} where "senderFromDomain" = 'spam.example' order by 1 desc`,
      { isOrdered: true },
    );
    await expectSameRows(
      "EmailEvents | where Timestamp > ago(2d) | order by SenderFromAddress asc, Timestamp, RecipientEmailAddress asc | project SenderFromAddress, Timestamp, RecipientEmailAddress",
      `select "senderFromAddress" as "SenderFromAddress", "timestamp" as "Timestamp", "recipientEmailAddress" as "RecipientEmailAddress"
       from ${EMAIL} where "timestamp" > ${NOW_UTC} - interval '2 days' order by 1 asc, 2 desc, 3 asc`,
      { isOrdered: true },
    );
  });

  it("top N by", async () => {
    await expectSameRows(
      "EmailEvents | top 3 by Timestamp asc | project Timestamp, Subject",
      `select "timestamp" as "Timestamp", subject as "Subject" from ${EMAIL} order by 1 asc limit 3`,
      { isOrdered: true },
    );
    await expectSameRows(
      "EmailAttachmentInfo | top 2 by FileSize | project FileName, FileSize",
      `select "fileName" as "FileName", "fileSize" as "FileSize" from "EmailAttachmentInfo" order by 2 desc limit 2`,
    );
  });

  it("take and limit", async () => {
    const taken = await hunt('EmailEvents | where SenderFromDomain == "spam.example" | take 2');
    expect(taken.rowCount).toBe(2);
    expect(taken.rows.every((row) => row.SenderFromDomain === "spam.example")).toBe(true);
    expect((await hunt("EmailEvents | limit 1")).rowCount).toBe(1);
  });

  it("distinct columns and distinct *", async () => {
    await expectSameRows(
      "EmailEvents | distinct SenderFromDomain",
      `select distinct "senderFromDomain" as "SenderFromDomain" from ${EMAIL}`,
    );
    await expectSameRows(
      "EmailUrlInfo | project UrlDomain, UrlLocation | distinct *",
      `select distinct "urlDomain" as "UrlDomain", "urlLocation" as "UrlLocation" from "EmailUrlInfo"`,
    );
  });

  it("count", async () => {
    await expectSameRows(
      'EmailEvents | where ThreatTypes != "" | count',
      `select count(*) as "Count" from ${EMAIL} where "threatTypes" <> ''`,
    );
  });

  it("join: the default innerunique keeps one left row per key, inner keeps them all", async () => {
    await expectSameRows(
      'EmailEvents | where SenderFromDomain == "login.evil-phish.example" | join (EmailUrlInfo) on NetworkMessageId | project NetworkMessageId, Url',
      `select "networkMessageId"::text as "NetworkMessageId", url as "Url" from "EmailUrlInfo"
       where "networkMessageId" in (select "networkMessageId" from ${EMAIL} where "senderFromDomain" = 'login.evil-phish.example')`,
    );
    await expectSameRows(
      'EmailEvents | where SenderFromDomain == "login.evil-phish.example" | join kind=inner hint.strategy=broadcast EmailUrlInfo on NetworkMessageId | project RecipientEmailAddress, Url, NetworkMessageId1',
      `select e."recipientEmailAddress" as "RecipientEmailAddress", u.url as "Url", u."networkMessageId"::text as "NetworkMessageId1"
       from ${EMAIL} e join "EmailUrlInfo" u on u."networkMessageId" = e."networkMessageId" where e."senderFromDomain" = 'login.evil-phish.example'`,
    );
  });

  it("join kind=leftouter on two keys, one of them $left.X == $right.Y", async () => {
    await expectSameRows(
      `EmailEvents
| where Timestamp > ago(1d) and EmailDirection == "Inbound"
| join kind=leftouter (UrlClickEvents | project NetworkMessageId, AccountUpn, ActionType) on NetworkMessageId, $left.RecipientEmailAddress == $right.AccountUpn
| project RecipientEmailAddress, Subject, ActionType`,
      `select e."recipientEmailAddress" as "RecipientEmailAddress", e.subject as "Subject", coalesce(c."actionType", '') as "ActionType"
       from ${EMAIL} e left join "UrlClickEvent" c on c."networkMessageId" = e."networkMessageId" and c."accountUpn" = e."recipientEmailAddress"
       where e."timestamp" > ${NOW_UTC} - interval '1 day' and e."emailDirection" = 'Inbound'`,
    );
  });

  it.each([
    [
      "rightouter",
      `select coalesce(e."recipientEmailAddress", '') as "RecipientEmailAddress", c."accountUpn" as "AccountUpn" from (select * from ${EMAIL} where "senderFromDomain" = 'login.evil-phish.example') e right join "UrlClickEvent" c on c."networkMessageId" = e."networkMessageId" and c."accountUpn" = e."recipientEmailAddress"`,
    ],
    [
      "fullouter",
      `select coalesce(e."recipientEmailAddress", '') as "RecipientEmailAddress", coalesce(c."accountUpn", '') as "AccountUpn" from (select * from ${EMAIL} where "senderFromDomain" = 'login.evil-phish.example') e full join "UrlClickEvent" c on c."networkMessageId" = e."networkMessageId" and c."accountUpn" = e."recipientEmailAddress"`,
    ],
  ])("join kind=%s keeps the right side's unmatched rows", async (kind, handSql) => {
    await expectSameRows(
      `EmailEvents | where SenderFromDomain == "login.evil-phish.example" | join kind=${kind} UrlClickEvents on NetworkMessageId, $left.RecipientEmailAddress == $right.AccountUpn | project RecipientEmailAddress, AccountUpn`,
      handSql,
    );
  });

  it.each([
    ["leftsemi", "exists", "RecipientEmailAddress"],
    ["leftanti", "not exists", "RecipientEmailAddress"],
  ])("join kind=%s keeps the left rows that have (or lack) a match", async (kind, exists, column) => {
    await expectSameRows(
      `EmailEvents | where Timestamp > ago(1d) | join kind=${kind} UrlClickEvents on $left.RecipientEmailAddress == $right.AccountUpn | project ${column}`,
      `select "recipientEmailAddress" as "${column}" from ${EMAIL} e where "timestamp" > ${NOW_UTC} - interval '1 day' and ${exists} (select 1 from "UrlClickEvent" c where c."accountUpn" = e."recipientEmailAddress")`,
    );
  });

  it.each([
    ["rightsemi", "exists"],
    ["rightanti", "not exists"],
  ])("join kind=%s keeps the right rows that have (or lack) a match", async (kind, exists) => {
    await expectSameRows(
      `EmailEvents | where SenderFromDomain == "login.evil-phish.example" | join kind=${kind} UrlClickEvents on $left.RecipientEmailAddress == $right.AccountUpn | project AccountUpn, Url`,
      `select "accountUpn" as "AccountUpn", url as "Url" from "UrlClickEvent" c
       where ${exists} (select 1 from ${EMAIL} e where e."senderFromDomain" = 'login.evil-phish.example' and c."accountUpn" = e."recipientEmailAddress")`,
    );
  });

  it("let: a scalar, a list and a table, with in (<let>) — comments anywhere", async () => {
    await expectSameRows(
      `// Campaign mail in the last days, and whether its link was clicked through
let lookback = 3d; // how far back
let campaignDomains = dynamic(["login.evil-phish.example", 'payroll-update.example']);
let clicked = UrlClickEvents
    | where IsClickedThrough == true // went past the warning
    | project NetworkMessageId;
EmailEvents
// the campaigns only
| where Timestamp > ago(lookback) and SenderFromDomain in (campaignDomains)
| extend WasClicked = NetworkMessageId in (clicked)
| project RecipientEmailAddress, SenderFromDomain, WasClicked`,
      `select "recipientEmailAddress" as "RecipientEmailAddress", "senderFromDomain" as "SenderFromDomain",
              "networkMessageId" in (select "networkMessageId" from "UrlClickEvent" where "isClickedThrough" and "networkMessageId" is not null) as "WasClicked"
       from ${EMAIL} where "timestamp" > ${NOW_UTC} - interval '3 days' and "senderFromDomain" in ('login.evil-phish.example', 'payroll-update.example')`,
    );
  });

  it("in and semi joins between two tables' message ids (compared as the stored uuids)", async () => {
    await expectSameRows(
      `EmailEvents | where NetworkMessageId in (EmailUrlInfo | where UrlDomain == "login.evil-phish.example" | project NetworkMessageId)
| extend HasAttachment = NetworkMessageId in (EmailAttachmentInfo | project NetworkMessageId)
| project RecipientEmailAddress, HasAttachment`,
      `select "recipientEmailAddress" as "RecipientEmailAddress",
              "networkMessageId" in (select "networkMessageId" from "EmailAttachmentInfo") as "HasAttachment"
       from ${EMAIL} where "networkMessageId" in (select "networkMessageId" from "EmailUrlInfo" where "urlDomain" = 'login.evil-phish.example')`,
    );
    await expectSameRows(
      "EmailEvents | where Timestamp > ago(1d) | join kind=leftanti EmailUrlInfo on NetworkMessageId | project RecipientEmailAddress, UrlCount",
      `select "recipientEmailAddress" as "RecipientEmailAddress", "urlCount" as "UrlCount" from ${EMAIL} e
       where "timestamp" > ${NOW_UTC} - interval '1 day' and not exists (select 1 from "EmailUrlInfo" u where u."networkMessageId" = e."networkMessageId")`,
    );
  });

  it("render picks the chart and leaves the rows alone", async () => {
    const result = await expectSameRows(
      'EmailEvents | summarize count() by bin(Timestamp, 1d) | render columnchart with (title = "Mail per day")',
      `select date_bin('1 day', "timestamp", timestamp '1970-01-01') as "Timestamp", count(*) as "count_" from ${EMAIL} group by 1`,
    );
    expect(result.chart).toBe("columnchart");
  });
});

const word = (term: string) => `'(^|[^0-9a-z])${term}([^0-9a-z]|$)'`;

describe("scalar operators, against hand-written SQL", () => {
  it.each([
    ['SenderFromDomain == "spam.example"', `"senderFromDomain" = 'spam.example'`],
    ['SenderFromDomain != "spam.example"', `"senderFromDomain" <> 'spam.example'`],
    ['SenderFromDomain =~ "SPAM.Example"', `lower("senderFromDomain") = 'spam.example'`],
    ['SenderFromDomain !~ "SPAM.Example"', `lower("senderFromDomain") <> 'spam.example'`],
    ["UrlCount < 1", `"urlCount" < 1`],
    ["UrlCount <= 1", `"urlCount" <= 1`],
    ["UrlCount > 1", `"urlCount" > 1`],
    ["UrlCount >= 1", `"urlCount" >= 1`],
    ["Timestamp >= ago(6h)", `"timestamp" >= ${NOW_UTC} - interval '6 hours'`],
    [
      "Timestamp < ago(30min) and Timestamp > ago(90min)",
      `"timestamp" between ${NOW_UTC} - interval '90 minutes' and ${NOW_UTC} - interval '30 minutes'`,
    ],
    ['Subject has "REPORT"', `subject ~* ${word("report")}`],
    ['Subject has "invoice"', `subject ~* ${word("invoice")}`],
    ['Subject !has "report"', `subject !~* ${word("report")}`],
    ['Subject has_cs "Reset"', `subject ~ '(^|[^0-9A-Za-z])Reset([^0-9A-Za-z]|$)'`],
    ['Subject hasprefix "pass"', `subject ~* '(^|[^0-9a-z])pass'`],
    ['Subject hassuffix "word"', `subject ~* 'word([^0-9a-z]|$)'`],
    ['Subject has_any ("password", "WATCHES")', `subject ~* ${word("password")} or subject ~* ${word("watches")}`],
    ['Subject has_all ("reset", "password")', `subject ~* ${word("reset")} and subject ~* ${word("password")}`],
    ['Subject contains "PORT"', `subject ilike '%port%'`],
    ['Subject !contains "port"', `subject not ilike '%port%'`],
    ['Subject contains_cs "report"', `subject like '%report%'`],
    ['Subject contains "50%"', `subject like '%50\\%%'`],
    ['Subject startswith "weekly"', `subject ilike 'weekly%'`],
    ['Subject !startswith "weekly"', `subject not ilike 'weekly%'`],
    ['Subject startswith_cs "Weekly"', `subject like 'Weekly%'`],
    ['SenderFromAddress endswith "@SPAM.example"', `"senderFromAddress" ilike '%@spam.example'`],
    ['SenderFromAddress !endswith "@spam.example"', `"senderFromAddress" not ilike '%@spam.example'`],
    ['SenderFromAddress endswith_cs "@spam.example"', `"senderFromAddress" like '%@spam.example'`],
    [
      "SenderMailFromAddress endswith SenderFromDomain and Subject !contains SenderDisplayName",
      `lower("senderMailFromAddress") like '%' || lower("senderFromDomain") and strpos(lower(subject), lower("senderDisplayName")) = 0`,
    ],
    [
      'SenderFromAddress startswith RecipientEmailAddress or SenderFromAddress contains "bob"',
      `starts_with(lower("senderFromAddress"), lower("recipientEmailAddress")) or "senderFromAddress" ilike '%bob%'`,
    ],
    [
      'SenderFromDomain in ("spam.example", "contoso.example")',
      `"senderFromDomain" in ('spam.example', 'contoso.example')`,
    ],
    [
      'SenderFromDomain !in ("spam.example", "contoso.example")',
      `"senderFromDomain" not in ('spam.example', 'contoso.example')`,
    ],
    [
      `SenderFromDomain in~ ('SPAM.EXAMPLE', @"Contoso.Example")`,
      `lower("senderFromDomain") in ('spam.example', 'contoso.example')`,
    ],
    ['SenderFromDomain !in~ ("SPAM.EXAMPLE")', `lower("senderFromDomain") <> 'spam.example'`],
    ['Subject matches regex @"^Weekly report 1\\d$"', `subject ~ '^Weekly report 1\\d$'`],
    ["UrlCount between (1 .. 2)", `"urlCount" between 1 and 2`],
    ["UrlCount !between (1 .. 2)", `"urlCount" not between 1 and 2`],
    ["Timestamp between (ago(1d) .. now())", `"timestamp" between ${NOW_UTC} - interval '1 day' and ${NOW_UTC}`],
    [
      "Timestamp between (ago(2d) .. 1d)",
      `"timestamp" between ${NOW_UTC} - interval '2 days' and ${NOW_UTC} - interval '1 day'`,
    ],
    [
      'SenderFromDomain == "spam.example" and UrlCount == 0 or Subject has "password"',
      `("senderFromDomain" = 'spam.example' and "urlCount" = 0) or subject ~* ${word("password")}`,
    ],
    [
      'not(Subject has "report") and EmailDirection == "Inbound"',
      `subject !~* ${word("report")} and "emailDirection" = 'Inbound'`,
    ],
    [
      'AuthenticationDetails.SPF == "fail" and AdditionalActions has "automated"',
      `"authenticationDetails"->>'SPF' = 'fail' and array_to_string("additionalActions", ' ') ~* ${word("automated")}`,
    ],
  ])("where %s", async (condition, sqlCondition) => {
    await expectSameRows(
      `EmailEvents | where ${condition} | project ReportId`,
      `select "reportId" as "ReportId" from ${EMAIL} where ${sqlCondition}`,
    );
  });

  it("== is case-sensitive where =~ is not", async () => {
    const exact = await hunt('EmailEvents | where SenderFromDomain == "SPAM.example" | count');
    const caseless = await hunt('EmailEvents | where SenderFromDomain =~ "SPAM.example" | count');
    expect([exact.rows[0].Count, caseless.rows[0].Count]).toEqual([0, 3]);
  });

  it('reads Defender\'s own example: a bool compared with "0"', async () => {
    await expectSameRows(
      'UrlClickEvents | where ActionType == "ClickAllowed" or IsClickedThrough !="0" | where ThreatTypes has "Phish" | summarize by ReportId, IsClickedThrough, AccountUpn, NetworkMessageId, ThreatTypes, Timestamp',
      `select "reportId" as "ReportId", "isClickedThrough" as "IsClickedThrough", "accountUpn" as "AccountUpn", coalesce("networkMessageId"::text, '') as "NetworkMessageId", "threatTypes" as "ThreatTypes", "timestamp" as "Timestamp"
       from "UrlClickEvent" where ("actionType" = 'ClickAllowed' or "isClickedThrough") and "threatTypes" ~* ${word("phish")}`,
    );
  });
});

describe("scalar functions, against hand-written SQL", () => {
  it("datetime(), ago(), now(), startofday(), bin() and a list of literals in every quoting", async () => {
    const since = hoursAgo(24, now).toISOString();
    await expectSameRows(
      `EmailEvents
| where Timestamp > datetime(${since}) and Timestamp <= now()
| summarize Messages = count() by Day = startofday(Timestamp), Slot = bin(Timestamp, 6h)`,
      `select date_trunc('day', "timestamp") as "Day", date_bin('6 hours', "timestamp", timestamp '1970-01-01') as "Slot", count(*) as "Messages"
       from ${EMAIL} where "timestamp" > '${since.replace("T", " ").replace("Z", "")}'::timestamp and "timestamp" <= ${NOW_UTC} group by 1, 2`,
    );
  });

  it("tolower(), toupper(), strlen(), strcat(), tostring(), toint(), iff(), case()", async () => {
    await expectSameRows(
      `EmailEvents
| where Timestamp > ago(3d)
| project Low = tolower(Subject), Up = toupper(SenderFromDomain), Length = strlen(Subject), Who = strcat(SenderDisplayName, " <", SenderFromAddress, ">"),
    Size = tostring(EmailSize), Half = toint(EmailSize / 3), Parsed = toint("42"), Unparsable = toint("4x2"),
    Verdict = iff(ThreatTypes == "", "Clean", "Threat"), Links = case(UrlCount == 0, "none", UrlCount == 1, "one", "many")`,
      `select lower(subject) as "Low", upper("senderFromDomain") as "Up", char_length(subject) as "Length", "senderDisplayName" || ' <' || "senderFromAddress" || '>' as "Who",
              "emailSize"::text as "Size", ("emailSize" / 3)::int as "Half", 42 as "Parsed", null::int as "Unparsable",
              case when "threatTypes" = '' then 'Clean' else 'Threat' end as "Verdict", case when "urlCount" = 0 then 'none' when "urlCount" = 1 then 'one' else 'many' end as "Links"
       from ${EMAIL} where "timestamp" > ${NOW_UTC} - interval '3 days'`,
    );
  });

  it("isempty(), isnotempty(), isnull(), isnotnull(): strings are never null, as in Kusto", async () => {
    await expectSameRows(
      `EmailEvents | summarize NoIp = countif(isempty(SenderIPv4)), WithIp = countif(isnotempty(SenderIPv4)), NullIp = countif(isnull(SenderIPv4)), Sized = countif(isnotnull(EmailSize))`,
      `select count(*) filter (where "senderIPv4" is null) as "NoIp", count(*) filter (where "senderIPv4" is not null) as "WithIp", 0::bigint as "NullIp", count(*) as "Sized" from ${EMAIL}`,
    );
    await expectSameRows(
      "EmailPostDeliveryEvents | summarize NoAction = countif(isnull(ActionId)), Action = countif(isnotnull(ActionId))",
      `select count(*) filter (where "actionId" is null) as "NoAction", count(*) filter (where "actionId" is not null) as "Action" from "EmailPostDeliveryEvent"`,
    );
  });

  it("parse_json(), member access, split(), extract(), substring(), indexof(), replace_string(), coalesce()", async () => {
    await expectSameRows(
      `EmailEvents
| where Timestamp > ago(3d)
| extend Method = tostring(parse_json(DetectionMethods).Phish[0]), Mailbox = tostring(split(SenderFromAddress, "@")[0])
| project Method, Mailbox, Number = extract(@"report (\\d+)", 1, Subject), Whole = extract(@"(?i)WEEKLY", 0, Subject),
    First = substring(Subject, 0, 5), At = indexof(SenderFromAddress, "@"), Masked = replace_string(SenderFromAddress, "@", " at "), Ip = coalesce(SenderIPv4, "none")`,
      `select coalesce(nullif("detectionMethods", '')::jsonb -> 'Phish' ->> 0, '') as "Method", split_part("senderFromAddress", '@', 1) as "Mailbox",
              coalesce(substring(subject from 'report (\\d+)'), '') as "Number", coalesce(substring(subject from '(?i)(WEEKLY)'), '') as "Whole",
              left(subject, 5) as "First", strpos("senderFromAddress", '@') - 1 as "At", replace("senderFromAddress", '@', ' at ') as "Masked", coalesce("senderIPv4", 'none') as "Ip"
       from ${EMAIL} where "timestamp" > ${NOW_UTC} - interval '3 days'`,
    );
  });

  it("a timespan shows as Kusto prints it", async () => {
    const result = await hunt(`EmailPostDeliveryEvents
| join kind=inner (EmailEvents | project NetworkMessageId, RecipientEmailAddress, Delivered = Timestamp) on NetworkMessageId, RecipientEmailAddress
| extend Delay = Timestamp - Delivered
| summarize by Delay, ActionType`);
    expect(result.columns.find((column) => column.name === "Delay")?.type).toBe("timespan");
    expect(sortRows(result.rows)).toEqual(
      sortRows([
        { Delay: "00:20:00", ActionType: "Automated Remediation" },
        { Delay: "00:30:00", ActionType: "Manual Remediation" },
      ]),
    );
  });

  it("the conditional aggregations, make_list and make_set with a size limit", async () => {
    await expectSameRows(
      `EmailAttachmentInfo | summarize dcountif(FileName, FileSize > 10000), sumif(FileSize, ThreatTypes has "Malware"), minif(FileSize, FileType == "txt"), maxif(FileSize, FileType == "txt"), avgif(FileSize, FileType == "docm") by SenderFromAddress`,
      `select "senderFromAddress" as "SenderFromAddress", count(distinct "fileName") filter (where "fileSize" > 10000) as "dcountif_FileName",
              sum("fileSize") filter (where "threatTypes" ~* ${word("malware")})::bigint as "sumif_FileSize", min("fileSize") filter (where "fileType" = 'txt') as "minif_FileSize",
              max("fileSize") filter (where "fileType" = 'txt') as "maxif_FileSize", (avg("fileSize") filter (where "fileType" = 'docm'))::float8 as "avgif_FileSize"
       from "EmailAttachmentInfo" group by 1`,
    );
    // make_list keeps duplicates in no set order; make_set(x, 1) keeps one value.
    const result = await hunt(
      "EmailAttachmentInfo | summarize Files = make_list(FileName), Distinct = make_set(FileName, 1)",
    );
    expect([...(result.rows[0].Files as string[])].sort()).toEqual([
      "invoice.docm",
      "invoice.docm",
      "notes.txt",
      "notes.txt",
    ]);
    expect(result.rows[0].Distinct).toHaveLength(1);
  });

  it("conversions and calendar functions: todatetime(), tolong(), toreal(), floor(), startofweek/month/year(), array_length(), iif()", async () => {
    await expectSameRows(
      `EmailEvents
| where SenderFromDomain == "spam.example"
| project Stamp = todatetime(tostring(Timestamp)), Big = tolong("9007199254740993"), Ratio = toreal(UrlCount) / 4, Bucket = floor(EmailSize, 1000),
    Week = startofweek(Timestamp), Month = startofmonth(Timestamp), Year = startofyear(Timestamp), Actions = array_length(AdditionalActions), Junk = iif(DeliveryAction == "Junked", 1, 0)`,
      `select "timestamp" as "Stamp", 9007199254740993 as "Big", "urlCount"::float8 / 4 as "Ratio", ("emailSize" / 1000) * 1000 as "Bucket",
              date_trunc('week', "timestamp" + interval '1 day') - interval '1 day' as "Week", date_trunc('month', "timestamp") as "Month", date_trunc('year', "timestamp") as "Year",
              coalesce(array_length("additionalActions", 1), 0) as "Actions", case when "deliveryAction" = 'Junked' then 1 else 0 end as "Junk"
       from ${EMAIL} where "senderFromDomain" = 'spam.example'`,
    );
  });
});

describe("constructs of published queries that once were refused", () => {
  it("TimeGenerated is Timestamp", async () => {
    await expectSameRows(
      'EmailEvents | where TimeGenerated > ago(1d) and SenderFromDomain == "fabrikam.example" | project TimeGenerated, Subject',
      `select "timestamp" as "TimeGenerated", subject as "Subject" from ${EMAIL} where "timestamp" > now() at time zone 'UTC' - interval '1 day' and "senderFromDomain" = 'fabrikam.example'`,
    );
  });

  it('a number compared with text: the text as a number, "" as an unset value', async () => {
    await expectSameRows(
      'EmailEvents | summarize Judged = countif(BulkComplaintLevel != ""), Unjudged = countif(BulkComplaintLevel == ""), WithUrls = countif(UrlCount >= "1")',
      `select count(*) filter (where "bulkComplaintLevel" is not null) as "Judged", count(*) filter (where "bulkComplaintLevel" is null) as "Unjudged",
              count(*) filter (where "urlCount" >= 1) as "WithUrls" from ${EMAIL}`,
    );
  });

  it("arg_max() beside count(): each group's latest row and its size", async () => {
    await expectSameRows(
      "EmailEvents | summarize Messages = count(), arg_max(Timestamp, Subject) by SenderFromDomain",
      `select c."SenderFromDomain", c."Messages", l."Timestamp", l."Subject"
       from (select "senderFromDomain" as "SenderFromDomain", count(*) as "Messages" from ${EMAIL} group by 1) c
       join (select distinct on ("senderFromDomain") "senderFromDomain", "timestamp" as "Timestamp", subject as "Subject" from ${EMAIL} order by "senderFromDomain", "timestamp" desc) l
         on l."senderFromDomain" = c."SenderFromDomain"`,
    );
  });

  it("has with a column on its right matches whole terms only", async () => {
    await expectSameRows(
      'EmailUrlInfo | extend Host = "cdn", Part = "cdn.ex", Dot = ".example" | where Url has Host and not(Url has Part) and Url has Dot | project Url',
      `select url as "Url" from "EmailUrlInfo" where url like 'https://cdn.%'`,
    );
  });

  it("format_datetime() with Kusto's format parts", async () => {
    await expectSameRows(
      'EmailEvents | where SenderFromDomain == "spam.example" | project Minute = format_datetime(Timestamp, "yyyy-MM-dd HH:mm"), Short = format_datetime(Timestamp, "M/d/yy")',
      `select to_char("timestamp", 'YYYY-MM-DD HH24:MI') as "Minute", to_char("timestamp", 'FMMM/FMDD/YY') as "Short" from ${EMAIL} where "senderFromDomain" = 'spam.example'`,
    );
  });

  it("mv-expand: one row per array element with its index, one per property of a bag", async () => {
    await expectSameRows(
      "EmailEvents | where isnotnull(AdditionalActions) | mv-expand with_itemindex=Position Action = AdditionalActions to typeof(string) | project NetworkMessageId, RecipientEmailAddress, Action, Position",
      `select e."networkMessageId"::text as "NetworkMessageId", e."recipientEmailAddress" as "RecipientEmailAddress", a.action as "Action", a.n - 1 as "Position"
       from ${EMAIL} e cross join lateral unnest(e."additionalActions") with ordinality as a(action, n)`,
    );
    await expectSameRows(
      'EmailEvents | where SenderFromAddress == "alerts@login.evil-phish.example" | mv-expand AuthenticationDetails | project RecipientEmailAddress, Check = AuthenticationDetails',
      `select "recipientEmailAddress" as "RecipientEmailAddress", jsonb_build_object(p.key, p.value) as "Check"
       from ${EMAIL}, jsonb_each("authenticationDetails") p where "senderFromAddress" = 'alerts@login.evil-phish.example'`,
    );
  });

  it("parse: typed and text columns cut out of a text; a text that does not fit leaves them empty", async () => {
    await expectSameRows(
      'EmailEvents | where Subject startswith "Weekly report" or SenderFromDomain == "spam.example" | parse Subject with "Weekly report " Number:long | parse SenderFromAddress with User "@" Domain | project Subject, Number, User, Domain, Word = Subject',
      `select subject as "Subject", case when subject like 'Weekly report %' then substring(subject from 15)::bigint end as "Number",
              split_part("senderFromAddress", '@', 1) as "User", split_part("senderFromAddress", '@', 2) as "Domain", subject as "Word"
       from ${EMAIL} where subject like 'Weekly report%' or "senderFromDomain" = 'spam.example'`,
    );
    await expectSameRows(
      'EmailEvents | where SenderFromDomain == "spam.example" | parse Subject with * "not there " Word | project Word',
      `select '' as "Word" from ${EMAIL} where "senderFromDomain" = 'spam.example'`,
    );
  });

  it("union: rows of both tables, columns by name, the missing ones empty", async () => {
    await expectSameRows(
      'union withsource=Table (EmailUrlInfo | where Url has "evil-phish" | project Timestamp, Url), (UrlClickEvents | project Timestamp, Url, IsClickedThrough)',
      `select 'union_arg0' as "Table", "timestamp" as "Timestamp", url as "Url", null::boolean as "IsClickedThrough" from "EmailUrlInfo" where url like '%evil-phish%'
       union all select 'union_arg1', "timestamp", url, "isClickedThrough" from "UrlClickEvent"`,
    );
    await expectSameRows(
      "EmailUrlInfo | union kind=inner UrlClickEvents | summarize count() by Url",
      `select url as "Url", count(*) as "count_" from (select url from "EmailUrlInfo" union all select url from "UrlClickEvent") u group by 1`,
    );
  });

  it("make-series: a count per day for each group, 0 on days without rows, and the days", async () => {
    await expectSameRows(
      `EmailEvents | where SenderFromDomain in ("spam.example", "payroll-update.example")
| make-series Messages = count() default = 0, Urls = sum(UrlCount) on Timestamp from startofday(ago(4d)) to startofday(now()) + 1d step 1d by SenderFromDomain`,
      `with days as (select generate_series(date_trunc('day', now() at time zone 'UTC' - interval '4 days'), date_trunc('day', now() at time zone 'UTC'), interval '1 day') as d),
            senders as (select distinct "senderFromDomain" as s from ${EMAIL} where "senderFromDomain" in ('spam.example', 'payroll-update.example'))
       select s as "SenderFromDomain",
              jsonb_agg((select count(*) from ${EMAIL} e where e."senderFromDomain" = s and e."timestamp" >= d and e."timestamp" < d + interval '1 day') order by d) as "Messages",
              jsonb_agg((select coalesce(sum("urlCount"), 0) from ${EMAIL} e where e."senderFromDomain" = s and e."timestamp" >= d and e."timestamp" < d + interval '1 day') order by d) as "Urls",
              jsonb_agg(to_char(d, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') order by d) as "Timestamp"
       from senders cross join days group by s`,
    );
  });

  it("series_decompose_anomalies() without trend or season: Tukey's fence on the values, named by (A, B, C) =", async () => {
    // Sorted: -8 1 1 1 2 2 10, so the quartiles are 1 and 2: 10 lies 8 ranges above, -8 nine below.
    await expectSameRows(
      'EmailEvents | take 1 | extend (Flags, Scores, Baseline) = series_decompose_anomalies(dynamic([1, 2, 1, 10, 1, 2, -8]), 1.5, 0, "none", 0, "tukey") | project Flags, Scores, Baseline',
      `select '[0, 0, 0, 1, 0, 0, -1]'::jsonb as "Flags", '[0, 0, 0, 8, 0, 0, -9]'::jsonb as "Scores", '[0, 0, 0, 0, 0, 0, 0]'::jsonb as "Baseline"`,
    );
    const unnamed = await hunt(
      'EmailEvents | take 1 | project Series = dynamic([3, 3, 3, 3, 4]) | extend series_decompose_anomalies(Series, 0.5, 0, "avg", 0, "tukey")',
    );
    expect(unnamed.columns.map((column) => column.name)).toEqual([
      "Series",
      "series_decompose_anomalies_Series_ad_flag",
      "series_decompose_anomalies_Series_ad_score",
      "series_decompose_anomalies_Series_baseline",
    ]);
    // The residuals from the mean 3.2 are equal but the last, so the quartiles meet: a range of 0 counts as 1, and
    // the 4 lies 1 above the third quartile, past the threshold 0.5.
    const row = unnamed.rows[0] as Record<string, number[]>;
    expect(row.series_decompose_anomalies_Series_ad_flag).toEqual([0, 0, 0, 0, 1]);
    expect(row.series_decompose_anomalies_Series_ad_score.map((score) => Number(score.toFixed(9)))).toEqual([
      0, 0, 0, 0, 1,
    ]);
    expect(row.series_decompose_anomalies_Series_baseline.map((value) => Number(value.toFixed(9)))).toEqual([
      3.2, 3.2, 3.2, 3.2, 3.2,
    ]);
  });

  it("series_decompose_anomalies() with Kusto's defaults: the daily peak of an hourly series is its season, only the spike is flagged", async () => {
    // Three days of hourly counts: 10–14 (a fixed ripple), a peak of +40 at 12:00 and +20 at 13:00 every day, and one
    // spike of +30 at 16:00 on the second day (index 40). The old median baseline flagged every peak. Autodetected
    // seasonality (24) with the trend "avg": each hour's baseline is the mean, plus that hour's median of the
    // detrended values, less the mean of those 24 medians.
    const series = Array.from({ length: 72 }, (_, i) => {
      const hour = i % 24;
      return 10 + ((i * 7) % 5) + (hour === 12 ? 40 : 0) + (hour === 13 ? 20 : 0) + (i === 40 ? 30 : 0);
    });
    const mean = series.reduce((sum, x) => sum + x, 0) / series.length;
    const medians = Array.from(
      { length: 24 },
      (_, hour) => [0, 24, 48].map((day) => series[day + hour] - mean).sort((a, b) => a - b)[1],
    );
    const centre = medians.reduce((sum, x) => sum + x, 0) / 24;
    const baseline = series.map((_, i) => mean + medians[i % 24] - centre);
    const residuals = series.map((x, i) => x - baseline[i]);
    const sorted = [...residuals].sort((a, b) => a - b);
    const percentile = (fraction: number) => {
      const at = fraction * (sorted.length - 1);
      const below = Math.floor(at);
      return sorted[below] + (at - below) * (sorted[below + 1] - sorted[below]);
    };
    const [low, high] = [percentile(0.1), percentile(0.9)];
    const scores = residuals.map((r) =>
      r > high ? (r - high) / (high - low) : r < low ? (r - low) / (high - low) : 0,
    );
    const result = await hunt(
      `EmailEvents | take 1 | project Series = dynamic(${JSON.stringify(series)}) | extend (Flags, Scores, Baseline) = series_decompose_anomalies(Series) | project Flags, Scores, Baseline`,
    );
    expect(result.store).toBe(store);
    const row = result.rows[0] as Record<string, number[]>;
    expect(row.Flags).toEqual(series.map((_, i) => (i === 40 ? 1 : 0)));
    // The same numbers from either store, to 1e-9.
    row.Baseline.forEach((value, i) => expect(value).toBeCloseTo(baseline[i], 9));
    row.Scores.forEach((value, i) => expect(value).toBeCloseTo(scores[i], 9));
    expect(scores[40]).toBeGreaterThan(1.5);

    // A week of the same hours with the spike on day 5: the period found is the day, not a multiple of it (72
    // correlated as well, and with only two or three points a phase, the spike's hour on day 2 came out low).
    const week = Array.from(
      { length: 168 },
      (_, i) => 10 + ((i * 7) % 5) + (i % 24 === 12 ? 40 : 0) + (i === 100 ? 30 : 0),
    );
    const weekly = await hunt(
      `EmailEvents | take 1 | extend (Flags, Scores, Baseline) = series_decompose_anomalies(dynamic(${JSON.stringify(week)})) | project Flags`,
    );
    expect((weekly.rows[0] as Record<string, number[]>).Flags).toEqual(week.map((_, i) => (i === 100 ? 1 : 0)));
  });

  it('series_decompose_anomalies() with trend "linefit" and a given period: a rising series with a dip', async () => {
    // 100 + 3i, a season of 4 (0, +5, 0, −5), a ripple of −3…+3, and a dip of −40 at index 37: fitting a line
    // leaves only the dip.
    const series = Array.from(
      { length: 40 },
      (_, i) => 100 + 3 * i + [0, 5, 0, -5][i % 4] + ((i * 3) % 7) - 3 + (i === 37 ? -40 : 0),
    );
    const flags = async (trend: string) => {
      const result = await hunt(
        `EmailEvents | take 1 | project Series = dynamic(${JSON.stringify(series)}) | extend (Flags, Scores, Baseline) = series_decompose_anomalies(Series, 1.5, 4, "${trend}", 0, "tukey") | project Flags, Baseline`,
      );
      expect(result.store).toBe(store);
      return result.rows[0] as Record<string, number[]>;
    };
    const line = await flags("linefit");
    expect(line.Flags).toEqual(series.map((_, i) => (i === 37 ? -1 : 0)));
    // The baseline follows the rise and the season, within the ripple (and the dip's pull on the line).
    line.Baseline.forEach((value, i) => expect(Math.abs(value - (100 + 3 * i + [0, 5, 0, -5][i % 4]))).toBeLessThan(5));
    // With the mean as the trend the rise stays in the residuals, which widens the fence past the dip.
    const mean = await flags("avg");
    expect(mean.Flags).toEqual(series.map(() => 0));
  });

  it("series_decompose_anomalies() with test_points: the last points are scored, not learnt from", async () => {
    // 24 points of 10–13 (mean 11.5) and three of 30 to test: the baseline is the mean of the 24 alone.
    const series = [...Array.from({ length: 24 }, (_, i) => [10, 12, 11, 13][i % 4]), 30, 30, 30];
    const result = await hunt(
      `EmailEvents | take 1 | extend (Flags, Scores, Baseline) = series_decompose_anomalies(dynamic(${JSON.stringify(series)}), 1.5, 0, "avg", 3, "tukey") | project Flags, Baseline`,
    );
    expect(result.store).toBe(store);
    const row = result.rows[0] as Record<string, number[]>;
    expect(row.Baseline).toEqual(series.map(() => 11.5));
    expect(row.Flags).toEqual(series.map((_, i) => (i >= 24 ? 1 : 0)));
  });

  it("make-series, series_decompose_anomalies() and mv-expand of several columns: one row per day with its flag", async () => {
    await expectSameRows(
      `EmailEvents
| make-series Messages = count() default = 0 on Timestamp from startofday(ago(4d)) to startofday(now()) + 1d step 1d
| extend (Flag, Score, Baseline) = series_decompose_anomalies(Messages, 1.5, 0, "none", 0, "tukey")
| mv-expand with_itemindex=Index Day = Timestamp to typeof(datetime), Messages to typeof(long), Flag to typeof(long), Score to typeof(real), Baseline to typeof(real)
| project Index, Day, Messages, Flag, Score, Baseline`,
      `with days as (select generate_series(date_trunc('day', now() at time zone 'UTC' - interval '4 days'), date_trunc('day', now() at time zone 'UTC'), interval '1 day') as d),
            counts as (select d, (select count(*) from ${EMAIL} e where e."timestamp" >= d and e."timestamp" < d + interval '1 day')::float8 as n from days),
            q as (select percentile_cont(0.25) within group (order by n) as q1, 0::float8 as m,
                         percentile_cont(0.75) within group (order by n) as q3 from counts),
            s as (select d, n, m, case when n > q3 then (n - q3) / (case when q3 > q1 then q3 - q1 else 1 end)
                                       when n < q1 then (n - q1) / (case when q3 > q1 then q3 - q1 else 1 end) else 0 end as score
                  from counts cross join q)
       select (row_number() over (order by d) - 1)::int as "Index", d as "Day", n::bigint as "Messages",
              case when score > 1.5 then 1 when score < -1.5 then -1 else 0 end as "Flag", score as "Score", m as "Baseline"
       from s`,
    );
  });

  it("evaluate bag_unpack: a column per property the rows' bags hold, the bag's column removed", async () => {
    const result = await expectSameRows(
      'EmailEvents | where SenderFromDomain in ("spam.example", "login.evil-phish.example") | project RecipientEmailAddress, Auth = AuthenticationDetails | evaluate bag_unpack(Auth, "Auth_")',
      `select "recipientEmailAddress" as "RecipientEmailAddress", "authenticationDetails"->'CompAuth' as "Auth_CompAuth", "authenticationDetails"->'DKIM' as "Auth_DKIM",
              "authenticationDetails"->'DMARC' as "Auth_DMARC", "authenticationDetails"->'SPF' as "Auth_SPF"
       from ${EMAIL} where "senderFromDomain" in ('spam.example', 'login.evil-phish.example')`,
    );
    expect(result.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "RecipientEmailAddress:string",
      "Auth_CompAuth:dynamic",
      "Auth_DKIM:dynamic",
      "Auth_DMARC:dynamic",
      "Auth_SPF:dynamic",
    ]);
    // An output schema names and types the columns without asking the rows; a property no bag has is null.
    await expectSameRows(
      'EmailEvents | where SenderFromDomain == "spam.example" | project Id = NetworkMessageId, AuthenticationDetails | evaluate bag_unpack(AuthenticationDetails) : (SPF:string, Missing:string)',
      `select "networkMessageId"::text as "Id", "authenticationDetails"->>'SPF' as "SPF", '' as "Missing" from ${EMAIL} where "senderFromDomain" = 'spam.example'`,
    );
  });

  it("base64_encode_tostring() encodes the UTF-8 bytes on one line", async () => {
    const result = await hunt(
      'EmailEvents | where SenderFromDomain == "spam.example" | project Subject, Encoded = base64_encode_tostring(strcat(Subject, " ", Subject, " ", Subject, " é ", Subject, Subject, Subject, Subject))',
    );
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) {
      const subject = String(row.Subject);
      expect(row.Encoded).toBe(
        Buffer.from(`${subject} ${subject} ${subject} é ${subject.repeat(4)}`).toString("base64"),
      );
    }
  });
});

describe("security: only the hunting tables, only through parameters", () => {
  it.each([
    ["User | take 1", "There is no table or let named 'User'"],
    ["pg_catalog.pg_class", "Expected the end of the query"],
    ["pg_user", "There is no table or let named 'pg_user'"],
    ["emailevents | take 1", "table names are case-sensitive, did you mean EmailEvents?"],
    ['EmailEvents | where Subject == "x"; DROP TABLE "User"', "Expected the end of the query"],
    ["EmailEvents | project current_setting('is_superuser')", "`current_setting()` is not supported yet"],
    ["EmailEvents | where pg_read_file('/etc/passwd') != ''", "`pg_read_file()` is not supported yet"],
  ])("refuses %s", async (query, reason) => {
    await expect(hunt(query)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(reason) });
  });

  it("keeps quotes, semicolons and comments inside strings as plain values", async () => {
    for (const hostile of [
      `x'; DROP TABLE "User"; --`,
      `') OR 1=1 --`,
      "$1; SELECT * FROM pg_authid",
      `*/ SELECT 1 /*`,
      "\\'; select pg_sleep(5); --",
    ]) {
      const query = `EmailEvents | where Subject == @"${hostile.replaceAll('"', '""')}" or Subject has "${hostile.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}" | count`;
      expect((await hunt(query)).rows).toEqual([{ Count: 0 }]);
    }
    expect(
      (await prisma.$queryRaw<{ table: string | null }[]>`select to_regclass('"User"')::text as "table"`)[0].table,
    ).toBe('"User"');
  });

  it("runs as a role that cannot read or write anything but the hunting tables", async () => {
    await ensureHuntingRole();
    const asHunter = <T>(statement: string) =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL ROLE ${HUNTING_ROLE}`);
        return tx.$queryRawUnsafe<T>(statement);
      });
    await expect(asHunter('SELECT count(*) FROM "User"')).rejects.toThrow(/permission denied/);
    await expect(asHunter('SELECT count(*) FROM "ApiToken"')).rejects.toThrow(/permission denied/);
    await expect(asHunter('SELECT * FROM "_prisma_migrations"')).rejects.toThrow(/permission denied/);
    await expect(
      asHunter(
        `INSERT INTO "EmailUrlInfo" ("timestamp", "networkMessageId", url, "urlDomain", "reportId") VALUES (now(), gen_random_uuid(), 'x', 'x', 'x') RETURNING 1`,
      ),
    ).rejects.toThrow(/permission denied/);
    for (const table of HUNTING_TABLES)
      expect(await asHunter<unknown[]>(`SELECT 1 FROM "${table.model}" LIMIT 1`)).toBeDefined();
    const grants = await prisma.$queryRaw<{ table_name: string; privilege_type: string }[]>`
      select table_name, privilege_type from information_schema.role_table_grants where grantee = ${HUNTING_ROLE} and table_catalog = current_database()`;
    expect(grants.map((grant) => `${grant.table_name}:${grant.privilege_type}`).sort()).toEqual(
      HUNTING_TABLES.map((table) => `${table.model}:SELECT`).sort(),
    );
  });

  it("stops a query at the statement timeout with a 400 that says so", async () => {
    const expensive = `EmailEvents | join kind=inner EmailEvents on EmailDirection | join kind=inner EmailEvents on EmailDirection | join kind=inner EmailEvents on EmailDirection
| where strlen(strcat(Subject, Subject1, Subject2, Subject3)) > 1000 | count`;
    await expect(runHuntingQuery(expensive, { timeoutMs: 20 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("ran longer than 0.02 seconds"),
    });
  });

  it("answers an error the data causes with a 400, not a 500", async () => {
    await expect(hunt('EmailEvents | where Subject matches regex "(unclosed"')).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("regular expression"),
    });
    // PostgreSQL's text cannot hold a NUL byte; ClickHouse's strings hold any byte, and find no such subject.
    if (store === "postgres")
      await expect(hunt('EmailEvents | where Subject == "nul \\u0000 byte"')).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    // ClickHouse keeps text that is not JSON as a string, as Kusto does.
    if (store === "postgres")
      await expect(hunt("EmailEvents | extend J = parse_json(Subject) | take 1")).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("json"),
      });
  });

  it("gives a bare null its context's type (cases the random queries found)", async () => {
    for (const query of [
      "EmailEvents | where (Subject == Subject) in (null) | count",
      "EmailEvents | extend V = parse_json(null) | summarize make_set(V)",
      "EmailEvents | where UrlCount between (null .. 5) or null between (1 .. 2) | count",
    ]) {
      expect((await hunt(query)).rowCount, query).toBe(1);
    }
  });

  it("cuts the result at the row limit and says so", async () => {
    const result = await runHuntingQuery("EmailEvents | project ReportId", { rowLimit: 5 });
    expect(result).toMatchObject({ rowCount: 5, truncated: true });
    expect(result.rows).toHaveLength(5);
  });

  it("reads the stored rows the way base-tables.ts says they are stored", async () => {
    const rows = await prisma.$queryRaw<
      { table_name: string; column_name: string; data_type: string; is_nullable: string }[]
    >`
      select table_name, column_name, data_type, is_nullable from information_schema.columns where table_schema = current_schema()`;
    for (const table of HUNTING_TABLES) {
      for (const column of table.columns) {
        if (!column.field) continue;
        const stored = rows.find((row) => row.table_name === table.model && row.column_name === column.field)!;
        expect(stored, `${table.model}.${column.field}`).toBeDefined();
        expect(stored.data_type === "uuid", `${table.model}.${column.field} is a uuid`).toBe(
          STORAGE.uuidFields.has(column.field),
        );
        expect(stored.data_type === "ARRAY", `${table.model}.${column.field} is an array`).toBe(
          STORAGE.arrayFields.has(column.field),
        );
        expect(stored.is_nullable === "YES", `${table.model}.${column.field} is nullable`).toBe(
          STORAGE.nullableFields[table.model].has(column.field),
        );
      }
    }
  });

  it("answers random queries with rows or a 400, never a server error", async () => {
    const columns = [
      "Subject",
      "Timestamp",
      "UrlCount",
      "EmailSize",
      "AuthenticationDetails",
      "AdditionalActions",
      "SenderIPv4",
      "NetworkMessageId",
      "DeliveryAction",
    ];
    const literals = [
      '"Weekly"',
      "'%_\\\\'",
      "0",
      "2.5",
      "1h",
      "true",
      "null",
      "datetime(2024-01-01)",
      'dynamic(["a", 1])',
      '@"(x"',
      '"{\\"SPF\\": 1}"',
    ];
    const functions = [
      "tolower",
      "strlen",
      "tostring",
      "toint",
      "tolong",
      "toreal",
      "isempty",
      "isnotnull",
      "bin",
      "startofweek",
      "parse_json",
      "array_length",
      "todatetime",
      "iff",
      "strcat",
      "coalesce",
      "split",
      "extract",
      "substring",
    ];
    const operators = [
      "==",
      "!=",
      "<",
      ">",
      "=~",
      "has",
      "contains",
      "endswith",
      "matches regex",
      "and",
      "or",
      "+",
      "-",
      "*",
      "/",
      "%",
      "in",
      "has_any",
    ];
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(...columns),
        fc.constantFrom(...literals),
        fc
          .tuple(fc.constantFrom(...functions), fc.array(tie("expr"), { minLength: 1, maxLength: 3 }))
          .map(([name, args]) => `${name}(${args.join(", ")})`),
        fc
          .tuple(tie("expr"), fc.constantFrom(...operators), tie("expr"))
          .map(([left, op, right]) =>
            op === "in" || op === "has_any" ? `${left} ${op} (${right})` : `(${left} ${op} ${right})`,
          ),
        fc.tuple(tie("expr"), fc.constantFrom(".SPF", "[0]")).map(([object, access]) => `${object}${access}`),
      ),
    }));
    // isnotnull() and make_set() take any type, so in the first shape only the expressions' own typing can fail.
    const shapes = [
      (a: string, b: string, by: string) =>
        `EmailEvents | where isnotnull(${a}) | extend V = ${b} | summarize N = count(), M = make_set(V, 3) by ${by} | take 3`,
      (a: string, b: string) => `EmailEvents | where ${a} | project V = ${b} | sort by V | take 5`,
      (a: string, _b: string, by: string) =>
        `EmailEvents | extend V = ${a} | summarize max(V), min(V), sum(V), avg(V), dcount(V) by ${by}`,
      (a: string, b: string) => `EmailEvents | project V = ${a}, W = ${b} | where V == W or V in (W) | distinct V`,
      (a: string, b: string, by: string) =>
        `EmailEvents | extend V = ${a} | join kind=leftouter (EmailEvents | extend V = ${b} | project V, ${by}) on V | top 3 by ${by}`,
    ];
    const queries = fc
      .tuple(expr, expr, fc.constantFrom(...columns), fc.constantFrom(...shapes))
      .map(([a, b, by, shape]) => shape(a, b, by));
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(queries, async (query) => {
        try {
          // The store a query goes to in use: one ClickHouse cannot run goes to PostgreSQL.
          await runHuntingQuery(query);
          ran++;
        } catch (error) {
          expect(error, query).toMatchObject({ code: "BAD_REQUEST" });
        }
      }),
      { numRuns: 400 },
    );
    expect(ran).toBeGreaterThan(10);
  });
});
