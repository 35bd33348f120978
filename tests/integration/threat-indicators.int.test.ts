import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteIndicatorRoute } from "@/app/api/v1/threat-indicators/[id]/route";
import { GET as listIndicatorsRoute, POST as importIndicatorsRoute } from "@/app/api/v1/threat-indicators/route";
import { prisma } from "@/server/db";
import { sha256Of } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";
import { itRejectsBadListQueries, listCaller } from "../support/list-route";

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

async function importCsv(csv: string, options: { token?: string; contentType?: string; query?: string } = {}) {
  const request = new Request(`http://localhost/api/v1/threat-indicators${options.query ? `?${options.query}` : ""}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${options.token ?? adminToken}`,
      "content-type": options.contentType ?? "text/csv; charset=utf-8",
    },
    body: csv,
  });
  const response = await importIndicatorsRoute(request, routeContext());
  return { status: response.status, body: await response.json() };
}

const list = listCaller(listIndicatorsRoute, "/api/v1/threat-indicators", () => readerToken);

const HASH = sha256Of("dropper.exe");
const FEED = [
  "type,value,threatType,description",
  "url,https://Login.Evil-Feed.example/verify?u=1,Phish,Credential harvesting page",
  "domain,Evil-Feed.example,Phish,",
  `sha256,${HASH.toUpperCase()},malware,Dropper`,
  "ip,203.0.113.77,Spam,Spam relay",
  'sender,Payroll@Evil-Feed.example,Phish,"Payroll, ""urgent"" lure"',
].join("\r\n");

describe("POST /api/v1/threat-indicators", () => {
  it("imports a CSV file, each value in the form the verdict engine looks it up by, and audits it", async () => {
    const { status, body } = await importCsv(FEED);
    expect(status).toBe(200);
    expect(body).toEqual({ imported: 5, created: 5, updated: 0 });
    const rows = await prisma.threatIndicator.findMany({ orderBy: { kind: "asc" } });
    expect(rows.map((row) => [row.kind, row.value, row.threatType, row.description, row.source])).toEqual([
      ["domain", "evil-feed.example", "Phish", null, "Import by token factory admin"],
      ["ip", "203.0.113.77", "Spam", "Spam relay", "Import by token factory admin"],
      ["sender", "payroll@evil-feed.example", "Phish", 'Payroll, "urgent" lure', "Import by token factory admin"],
      ["sha256", HASH, "Malware", "Dropper", "Import by token factory admin"],
      [
        "url",
        "https://login.evil-feed.example/verify?u=1",
        "Phish",
        "Credential harvesting page",
        "Import by token factory admin",
      ],
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "threatIndicators.import" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({
      actorType: "token",
      actorName: "token factory admin",
      targetType: "threatIndicator",
    });
    expect(audit.after).toEqual({ count: 5, created: 5, updated: 0, source: "Import by token factory admin" });
  });

  it("updates on re-import instead of duplicating, with the kind header and a named source", async () => {
    const csv = [
      "Kind,Value,ThreatType",
      "domain,evil-feed.example,Malware",
      "domain,second-feed.example,Spam",
      "domain,second-feed.example,Phish",
    ].join("\n");
    const { status, body } = await importCsv(csv, { query: "source=Vendor%20X" });
    expect(status).toBe(200);
    expect(body).toEqual({ imported: 2, created: 1, updated: 1 });
    const domains = await prisma.threatIndicator.findMany({ where: { kind: "domain" }, orderBy: { value: "asc" } });
    expect(domains.map((row) => [row.value, row.threatType, row.source])).toEqual([
      ["evil-feed.example", "Malware", "Vendor X"],
      ["second-feed.example", "Phish", "Vendor X"],
    ]);
  });

  it("rejects the whole file when a row is invalid, naming each bad line and column", async () => {
    const before = await prisma.threatIndicator.count();
    const csv = [
      "type,value,threatType,description",
      "domain,fine.example,Phish,ok",
      "url,ftp://files.example/x,Phish,",
      "sha256,abc123,Malware,",
      "hash,whatever,Phish,",
      "ip,999.1.1.1,Critical,",
      "sender,not-an-address,Spam,",
      "domain,too,many,fields,here",
    ].join("\n");
    const { status, body } = await importCsv(csv);
    expect(status).toBe(400);
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.message).toBe(
      "Nothing was imported: 6 of 7 rows are invalid (first, line 3.value: must be an http or https URL)",
    );
    expect(body.error.issues).toEqual([
      { path: "body.line 3.value", message: "must be an http or https URL" },
      { path: "body.line 4.value", message: "must be a SHA-256 hash: 64 hexadecimal digits" },
      { path: "body.line 5.type", message: "must be one of url, domain, sha256, ip, sender" },
      { path: "body.line 6.threatType", message: "must be one of Phish, Malware, Spam" },
      { path: "body.line 6.value", message: "must be an IPv4 or IPv6 address" },
      { path: "body.line 7.value", message: "must be an email address" },
      { path: "body.line 8", message: "has 5 fields; the header has 4" },
    ]);
    expect(await prisma.threatIndicator.count()).toBe(before);
  });

  it.each([
    ["", "body", "the file is empty"],
    ["type,value\n", "body.line 1", "no threatType column"],
    [
      "type,value,threatType,severity\nurl,https://a.example,Phish,High",
      "body.line 1.severity",
      'unknown column "severity"',
    ],
    ["type,value,threatType\n", "body.line 2", "no indicators"],
    ['type,value,threatType\nurl,"https://a.example,Phish\n', "body.line 2", "Quote Not Closed"],
  ])("answers 400 for a malformed file %j", async (csv, path, message) => {
    const { status, body } = await importCsv(csv);
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe(path);
    expect(body.error.issues[0].message).toContain(message);
  });

  it("lists at most 50 issues", async () => {
    const csv = [
      "type,value,threatType",
      ...Array.from({ length: 80 }, (_, index) => `domain,bad_${index}!,Phish`),
    ].join("\n");
    const { status, body } = await importCsv(csv);
    expect(status).toBe(400);
    expect(body.error.issues).toHaveLength(50);
    expect(body.error.message).toContain("80 of 80 rows are invalid");
  });

  it("answers 413 beyond 50,000 rows or 5 MiB, importing nothing", async () => {
    const before = await prisma.threatIndicator.count();
    const rows = Array.from(
      { length: 50_001 },
      (_, index) => `ip,10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255},Spam`,
    );
    const tooMany = await importCsv(["type,value,threatType", ...rows].join("\n"));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const tooBig = await importCsv(`type,value,threatType,description\ndomain,big.example,Spam,${"x".repeat(5 << 20)}`);
    expect(tooBig.status).toBe(413);
    expect(await prisma.threatIndicator.count()).toBe(before);
  });

  it("imports 50,000 rows in one go", async () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, index) => `ip,10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255},Spam`,
    );
    const { status, body } = await importCsv(["type,value,threatType", ...rows].join("\n"), { query: "source=bulk" });
    expect(status).toBe(200);
    expect(body).toEqual({ imported: 50_000, created: 50_000, updated: 0 });
    await prisma.threatIndicator.deleteMany({ where: { source: "bulk" } });
  });

  it("answers 415 for anything but text/csv", async () => {
    for (const contentType of ["application/json", "text/plain", "multipart/form-data; boundary=x"]) {
      const { status, body } = await importCsv(FEED, { contentType });
      expect(status).toBe(415);
      expect(body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
  });

  it("is refused to operators and readers (403) and to a bad token (401)", async () => {
    for (const token of [operatorToken, readerToken]) expect((await importCsv(FEED, { token })).status).toBe(403);
    expect((await importCsv(FEED, { token: "bw_not-a-token" })).status).toBe(401);
  });
});

describe("GET /api/v1/threat-indicators", () => {
  it("lists indicators to a reader, filtered by kind and threat type and searched", async () => {
    const all = await list("pageSize=100");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 6, page: 1, pageSize: 100 });
    const hashesAndIps = await list("kind=sha256,IP&sort=kind");
    expect(hashesAndIps.body.items.map((item: { kind: string }) => item.kind)).toEqual(["ip", "sha256"]);
    const malware = await list("threatType=Malware");
    expect(malware.body.items.map((item: { value: string }) => item.value).sort()).toEqual(
      ["evil-feed.example", HASH].sort(),
    );
    const searched = await list("q=HARVESTING");
    expect(searched.body.items).toEqual([
      expect.objectContaining({
        kind: "url",
        value: "https://login.evil-feed.example/verify?u=1",
        description: "Credential harvesting page",
      }),
    ]);
    expect((await list("q=vendor x")).body.total).toBe(2);
    expect((await list("q=100%25")).body.total).toBe(0);
  });

  itRejectsBadListQueries(list, [
    ["kind=file", "query.kind"],
    ["threatType=Critical", "query.threatType"],
    ["sort=description", "query.sort"],
    ["pageSize=500", "query.pageSize"],
  ]);
});

describe("DELETE /api/v1/threat-indicators/[id]", () => {
  async function remove(id: string, token = adminToken) {
    const response = await deleteIndicatorRoute(
      apiRequest(`/api/v1/threat-indicators/${id}`, { method: "DELETE", token }),
      routeContext({ id }),
    );
    return { status: response.status, body: await response.json() };
  }

  it("deletes an indicator for an admin, audited with what it was", async () => {
    const indicator = await prisma.threatIndicator.findFirstOrThrow({ where: { kind: "ip" } });
    for (const token of [operatorToken, readerToken]) expect((await remove(indicator.id, token)).status).toBe(403);
    const { status, body } = await remove(indicator.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: indicator.id, kind: "ip", value: "203.0.113.77" });
    expect(await prisma.threatIndicator.findUnique({ where: { id: indicator.id } })).toBeNull();
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "threatIndicator.delete", targetId: indicator.id },
    });
    expect(audit.before).toMatchObject({ kind: "ip", value: "203.0.113.77", threatType: "Spam" });
    expect((await remove(indicator.id)).status).toBe(404);
  });

  it("answers 404 for an id that does not exist", async () => {
    expect((await remove("no-such-indicator")).status).toBe(404);
  });
});
