import { beforeAll, describe, expect, it } from "vitest";
import { GET as messageRoute } from "@/app/api/v1/explorer/email/[networkMessageId]/route";
import { GET as searchRoute } from "@/app/api/v1/explorer/email/route";
import { GET as volumeRoute } from "@/app/api/v1/explorer/volume/route";
import { GET as huntingSchemaRoute } from "@/app/api/v1/hunting/schema/route";
import { prisma } from "@/server/db";
import { ZEmailSearchQuery } from "@/server/explorer/explorer.schemas";
import { searchEmail, searchEmailStatements } from "@/server/explorer/explorer.queries";
import { hoursAgo, insertEmails, sha256Of, type TInsertedEmail } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const now = new Date();
const BACKGROUND = 40;
const IN_WINDOW = 50;
const EVIL_SHA = sha256Of("invoice.docm");
let token: string;
let phish: TInsertedEmail;
let malware: TInsertedEmail;

beforeAll(async () => {
  token = await makeToken("reader");
  const background = Array.from({ length: BACKGROUND }, (_, i) => ({
    timestamp: hoursAgo(1 + i * 3, now),
    sender: i % 2 ? "news@fabrikam.example" : "billing@contoso.example",
    recipients: [`user${i % 5}@breakwater.test`],
    subject: i === 7 ? "500 unread items" : `Weekly report ${i}`,
    urls: i % 4 === 0 ? [`https://docs.contoso.example/report/${i}`] : [],
  }));
  [phish, malware] = await insertEmails([
    {
      timestamp: hoursAgo(2, now),
      sender: "alerts@login.evil-phish.example",
      senderDisplayName: "IT Helpdesk",
      mailFrom: "bounce@mailer.evil-phish.example",
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
      subject: "Salary review",
      threatTypes: ["Malware", "Phish"],
      deliveryAction: "Blocked",
      deliveryLocation: "Quarantine",
      attachments: [{ fileName: "invoice.docm", sha256: EVIL_SHA, threatTypes: ["Malware"] }],
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
      subject: "Contract",
      direction: "Outbound",
    },
    {
      timestamp: hoursAgo(11, now),
      sender: "bob@breakwater.test",
      recipients: ["carol@breakwater.test"],
      subject: "Budget: 50% spent",
      direction: "Intra-org",
    },
    { timestamp: hoursAgo(8 * 24, now), subject: "Old message" },
    { timestamp: hoursAgo(20 * 24, now), subject: "Older message" },
    ...background,
  ]);
}, 60_000);

async function search(params: string) {
  const response = await searchRoute(apiRequest(`/api/v1/explorer/email?${params}`, { token }), routeContext());
  return { status: response.status, body: await response.json() };
}

const totalOf = async (params: string) => (await search(params)).body.total as number;

describe("GET /api/v1/explorer/email", () => {
  it("searches the last 7 days by default, newest first, with string ids", async () => {
    const { status, body } = await search("pageSize=100");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: IN_WINDOW, isTotalCapped: false, page: 1, pageSize: 100 });
    const times = body.items.map((item: { timestamp: string }) => Date.parse(item.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(typeof body.items[0].id).toBe("string");
    expect(body.items.some((item: { subject: string }) => item.subject.startsWith("Old"))).toBe(false);
    expect(await totalOf("range=30d")).toBe(IN_WINDOW + 2);
    expect(await totalOf("range=24h")).toBe(13);
    expect(await totalOf(`from=${hoursAgo(9 * 24, now).toISOString()}&to=${hoursAgo(7 * 24, now).toISOString()}`)).toBe(
      1,
    );
  });

  it.each([
    ["sender=alerts@login.evil-phish.example", 3],
    ["sender=evil-phish.example", 3],
    ["sender=@login.evil-phish.example", 3],
    ["sender=phish.example", 0],
    ["sender=ALERTS@LOGIN.EVIL-PHISH.EXAMPLE", 3],
    ["recipient=dave@breakwater.test", 1],
    ["recipient=fabrikam.example", 1],
    ["subject=RESET YOUR", 3],
    ["subject=50%25", 1],
    ["senderIp=203.0.113.66", 3],
    ["senderDomain=payroll-update.example", 2],
    ["urlDomain=login.evil-phish.example", 3],
    ["urlDomain=docs.contoso.example", 10],
    [`sha256=${EVIL_SHA.toUpperCase()}`, 2],
    ["threat=Phish", 5],
    ["threat=Malware", 2],
    ["threat=Spam", 3],
    ["threat=any", 8],
    ["threat=None", IN_WINDOW - 8],
    ["threat=Phish,Spam", 8],
    ["direction=Outbound", 1],
    ["direction=Intra-org,Outbound", 2],
    ["deliveryAction=Junked", 3],
    ["deliveryAction=Blocked", 2],
    ["location=Deleted items", 3],
    ["location=Quarantine,Junk folder", 5],
    ["additionalAction=automated remediation", 3],
    ["threat=Phish&recipient=alice@breakwater.test", 1],
    ["view=all", IN_WINDOW],
    ["view=malware", 2],
    ["view=phish", 5],
    ["view=phish&threat=Spam", 0],
    ["view=malware&recipient=erin@breakwater.test", 1],
  ])("filters %s → %i", async (params, expected) => {
    expect(await totalOf(`${params}&pageSize=100`)).toBe(expected);
  });

  it("shows in the Submissions view the reporter's own copy of each reported message, and only that", async () => {
    expect(await totalOf("view=submissions")).toBe(0);
    await prisma.submission.create({
      data: {
        reporter: "Bob@breakwater.test",
        source: "networkMessageId",
        networkMessageId: phish.networkMessageId,
        subject: "Reset your password now",
        sender: "alerts@login.evil-phish.example",
      },
    });
    const { body } = await search("view=submissions");
    expect(
      body.items.map((item: { recipientEmailAddress: string; subject: string }) => [
        item.recipientEmailAddress,
        item.subject,
      ]),
    ).toEqual([["bob@breakwater.test", "Reset your password now"]]);
    await prisma.submission.deleteMany();
  });

  it.each([
    ["senderFromAddress", "alerts@login.evil-phish.example"],
    ["-senderFromAddress", "news@fabrikam.example"],
    ["recipientEmailAddress", "alice@breakwater.test"],
    ["-recipientEmailAddress", "user@breakwater.test"],
    ["subject", "500 unread items"],
    ["-subject", "Weekly report 9"],
    ["timestamp", "Weekly report 39"],
  ])("sorts by %s", async (sort, first) => {
    const { body } = await search(`sort=${sort}&pageSize=5`);
    const item = body.items[0];
    expect([item.senderFromAddress, item.recipientEmailAddress, item.subject]).toContain(first);
  });

  it("pages without overlap or gaps", async () => {
    const all = (await search("pageSize=100")).body.items.map((item: { id: string }) => item.id);
    const pages = await Promise.all(
      [1, 2, 3, 4, 5].map(async (page) =>
        (await search(`pageSize=10&page=${page}`)).body.items.map((item: { id: string }) => item.id),
      ),
    );
    expect(pages.flat()).toEqual(all);
    expect((await search("pageSize=10&page=6")).body.items).toEqual([]);
  });

  it.each(["senderFromAddress", "-recipientEmailAddress", "subject", "-subject"])(
    "sorted by %s, a page chosen from the matches' keys is the page the planner's own plan gives, on every page",
    async (sort) => {
      for (const page of ["1", "2", "3"]) {
        const statements = searchEmailStatements(
          ZEmailSearchQuery.parse({ sort, pageSize: "20", page, range: "30d" }),
          { now },
        );
        const [keysFirst, planned] = await Promise.all([
          prisma.$queryRaw<{ id: string }[]>(statements.keysFirstPage!),
          prisma.$queryRaw<{ id: string }[]>(statements.page),
        ]);
        expect(keysFirst.length).toBeGreaterThan(0);
        expect(keysFirst.map((row) => row.id)).toEqual(planned.map((row) => row.id));
      }
    },
  );

  it("pages sorted by subject without overlap or gaps, subjects in order", async () => {
    const all = (await search("sort=subject&pageSize=100")).body.items as { id: string; subject: string }[];
    const pages = await Promise.all(
      [1, 2, 3, 4, 5].map(async (page) =>
        (await search(`sort=subject&pageSize=10&page=${page}`)).body.items.map((item: { id: string }) => item.id),
      ),
    );
    expect(pages.flat()).toEqual(all.map((item) => item.id));
    // In the database's own collation, whichever the server was created with.
    const subjects = all.map((item) => item.subject);
    const [{ isOrdered }] = await prisma.$queryRaw<{ isOrdered: boolean }[]>`
      select bool_and(a <= b) as "isOrdered" from unnest(${subjects.slice(0, -1)}::text[], ${subjects.slice(1)}::text[]) as pair(a, b)`;
    expect(isOrdered).toBe(true);
  });

  it("counts exactly up to the cap and says when there are more", async () => {
    const query = ZEmailSearchQuery.parse({});
    expect(await searchEmail(query, { countCap: 5 })).toMatchObject({ total: 5, isTotalCapped: true });
    expect(await searchEmail(query, { countCap: IN_WINDOW })).toMatchObject({ total: IN_WINDOW, isTotalCapped: false });
    const capped = await searchEmail(ZEmailSearchQuery.parse({ pageSize: "3" }), { countCap: 5 });
    expect(capped.items).toHaveLength(3);
  });

  it.each([
    ["sha256=not-a-hash", "query.sha256"],
    ["threat=Bogus", "query.threat"],
    ["direction=Sideways", "query.direction"],
    ["sort=-id", "query.sort"],
    ["pageSize=1000", "query.pageSize"],
    ["senderIp=999.1.1.1", "query.senderIp"],
    ["from=yesterday", "query.from"],
    [`from=${now.toISOString()}&to=${hoursAgo(1, now).toISOString()}`, "query.from"],
    [`from=${hoursAgo(24 * 60, now).toISOString()}`, "query.from"],
  ])("answers 400 for %s naming %s", async (params, path) => {
    const { status, body } = await search(params);
    expect(status).toBe(400);
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.issues[0].path).toBe(path);
  });
});

describe("GET /api/v1/explorer/email/{networkMessageId}", () => {
  const get = async (id: string, auth = token) => {
    const response = await messageRoute(
      apiRequest(`/api/v1/explorer/email/${id}`, { token: auth }),
      routeContext({ networkMessageId: id }),
    );
    return { status: response.status, body: await response.json() };
  };

  it("returns headers, authentication, every recipient, URLs and the post-delivery timeline", async () => {
    const { status, body } = await get(phish.networkMessageId);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      networkMessageId: phish.networkMessageId,
      internetMessageId: phish.internetMessageId,
      subject: "Reset your password now",
      senderFromAddress: "alerts@login.evil-phish.example",
      senderMailFromAddress: "bounce@mailer.evil-phish.example",
      senderDisplayName: "IT Helpdesk",
      senderIPv4: "203.0.113.66",
      threatTypes: ["Phish"],
      detectionMethods: { Phish: ["URL detonation"] },
      authenticationDetails: { SPF: "fail", DKIM: "none", DMARC: "fail", CompAuth: "fail" },
      recipientCount: 3,
    });
    expect(body.recipients.map((r: { recipientEmailAddress: string }) => r.recipientEmailAddress)).toEqual([
      "alice@breakwater.test",
      "bob@breakwater.test",
      "carol@breakwater.test",
    ]);
    expect(body.recipients[0]).toMatchObject({
      latestDeliveryLocation: "Deleted items",
      additionalActions: ["Automated remediation: automated"],
    });
    expect(body.urls.map((u: { urlDomain: string }) => u.urlDomain).sort()).toEqual([
      "cdn.example.net",
      "login.evil-phish.example",
    ]);
    expect(body.timeline).toHaveLength(3);
    expect(body.timeline[0]).toMatchObject({
      action: "Soft delete",
      actionType: "Automated Remediation",
      actionTrigger: "Automation",
      deliveryLocation: "Deleted items",
    });
    expect(typeof body.timeline[0].id).toBe("string");
  });

  it("lists each attachment once, with how many recipients got it", async () => {
    const { body } = await get(malware.networkMessageId);
    expect(body.attachments).toEqual([
      {
        fileName: "invoice.docm",
        fileType: "docm",
        sha256: EVIL_SHA,
        fileSize: 48_213,
        threatTypes: ["Malware"],
        recipientCount: 2,
      },
    ]);
    expect(body.threatTypes).toEqual(["Malware", "Phish"]);
  });

  it("answers 404 for an unknown message, 400 for a malformed id and 401 without a valid token", async () => {
    expect((await get("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const bad = await get("not-a-uuid");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("params.networkMessageId");
    expect((await get(phish.networkMessageId, "bw_not-a-token")).status).toBe(401);
  });
});

describe("GET /api/v1/explorer/volume", () => {
  const volume = async (params: string) => {
    const response = await volumeRoute(apiRequest(`/api/v1/explorer/volume?${params}`, { token }), routeContext());
    return { status: response.status, body: await response.json() };
  };

  it("counts per day by threat, with a bucket for every day of the window", async () => {
    const { status, body } = await volume("");
    expect(status).toBe(200);
    expect(body.interval).toBe("day");
    // No ClickHouse is configured here (explorer-volume-stores.int.test.ts compares the two stores).
    expect(body.store).toBe("postgres");
    expect(body.buckets).toHaveLength(8);
    expect(body.totals).toEqual({ total: IN_WINDOW, Malware: 2, Phish: 3, Spam: 3, None: IN_WINDOW - 8 });
    const sum = body.buckets.reduce((total: number, bucket: { total: number }) => total + bucket.total, 0);
    expect(sum).toBe(IN_WINDOW);
    const phishDay = body.buckets.find(
      (bucket: { start: string }) => bucket.start === `${hoursAgo(2, now).toISOString().slice(0, 10)}T00:00:00.000Z`,
    );
    expect(phishDay.Phish).toBe(3);
  });

  it("applies the same filters as the list, buckets by hour on request, and refuses hourly buckets over more than 7 days", async () => {
    expect((await volume("threat=Spam")).body.totals).toMatchObject({ total: 3, Spam: 3, None: 0 });
    const hourly = await volume("range=24h&interval=hour");
    expect(hourly.body.buckets.length).toBeGreaterThanOrEqual(24);
    expect(hourly.body.totals.total).toBe(13);
    const refused = await volume("range=30d&interval=hour");
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].path).toBe("query.interval");
  });
});

describe("authorisation", () => {
  it("answers 401 with a bad token on every Explorer and hunting route", async () => {
    const bad = { token: "bw_not-a-token" };
    for (const [route, path] of [
      [searchRoute, "/api/v1/explorer/email"],
      [volumeRoute, "/api/v1/explorer/volume"],
      [huntingSchemaRoute, "/api/v1/hunting/schema"],
    ] as const) {
      const response = await route(apiRequest(path, bad), routeContext());
      expect(response.status).toBe(401);
    }
  });

  it.each(["reader", "operator", "admin"] as const)("lets a %s read", async (role) => {
    const response = await searchRoute(
      apiRequest("/api/v1/explorer/email", { token: await makeToken(role) }),
      routeContext(),
    );
    expect(response.status).toBe(200);
  });
});

describe("GET /api/v1/hunting/schema", () => {
  it("lists the six hunting tables with Defender's column names and their approximate row counts", async () => {
    await prisma.$executeRawUnsafe(
      `analyze "EmailEvent", "EmailUrlInfo", "EmailAttachmentInfo", "EmailPostDeliveryEvent"`,
    );
    const response = await huntingSchemaRoute(apiRequest("/api/v1/hunting/schema", { token }), routeContext());
    expect(response.status).toBe(200);
    const { tables } = await response.json();
    expect(tables.map((table: { name: string }) => table.name)).toEqual([
      "EmailEvents",
      "EmailUrlInfo",
      "EmailAttachmentInfo",
      "EmailPostDeliveryEvents",
      "IdentityLogonEvents",
      "UrlClickEvents",
    ]);
    const counts = Object.fromEntries(
      tables.map((table: { name: string; approximateRowCount: number }) => [table.name, table.approximateRowCount]),
    );
    expect(counts).toMatchObject({
      EmailEvents: IN_WINDOW + 2,
      EmailUrlInfo: 12,
      EmailAttachmentInfo: 2,
      EmailPostDeliveryEvents: 3,
      UrlClickEvents: 0,
    });
    expect(tables[0].columns[0]).toMatchObject({ name: "Timestamp", field: "timestamp", type: "datetime" });
  });
});
