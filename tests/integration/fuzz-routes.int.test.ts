import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { BUILT_IN_POLICIES } from "@/server/alerts/built-in-policies";
import { ensurePolicy, makeAction, makeInvestigation, makePolicyAlert, makeRestrictedUser } from "../factories/console";
import { insertEmails, hoursAgo, sha256Of } from "../factories/email";
import { apiRequest, makeToken, makeUser, routeContext } from "../factories/users";
import { operationsOf, requestsFor, sweepFor, type TFuzzRequest, type TOperation } from "../support/openapi-fuzz";

// Issue 14: 97 answers of 500 in 4,575 fuzzed requests. Every operation of GET /api/v1/openapi.json gets requests
// drawn from its own schemas, with NUL, lone surrogates, huge numbers, deep nesting, out-of-range dates, %FF, empty
// strings and wrong types mixed in, sent to its handler as a signed-in administrator: no answer may be a 5xx.
// A route added to the registry is fuzzed from the day it is written.

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);
/** FUZZ_ROUTE="GET /api/v1/alerts" fuzzes that one operation only, when looking into a failure. */
const ONLY = process.env.FUZZ_ROUTE;

let signedIn: TPrincipal;
vi.mock("@/server/auth/current-principal", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/auth/current-principal")>();
  return {
    ...original,
    requestPrincipal: (request: Request) =>
      request.headers.has("authorization") ? original.requestPrincipal(request) : Promise.resolve(signedIn),
  };
});

type THandler = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;

/** /api/v1/actions/{id}/approve → src/app/api/v1/actions/[id]/approve/route.ts, the file Next serves it from. */
async function handlerOf(operation: TOperation): Promise<THandler> {
  const file = path.resolve("src/app", `.${operation.path.replace(/\{(\w+)\}/g, "[$1]")}`, "route.ts");
  const module = (await import(/* @vite-ignore */ file)) as Record<string, THandler | undefined>;
  const handler = module[operation.method];
  if (!handler) throw new Error(`${file} has no ${operation.method}`);
  return handler;
}

async function send(handler: THandler, fuzz: TFuzzRequest): Promise<Response> {
  const request = new Request(`http://localhost${fuzz.url}`, {
    method: fuzz.method,
    // As a browser on the console's own origin sends it.
    headers: {
      origin: "http://localhost",
      "sec-fetch-site": "same-origin",
      ...(fuzz.contentType ? { "content-type": fuzz.contentType } : {}),
    },
    body: fuzz.body,
  });
  return handler(request, routeContext(fuzz.params));
}

const shorten = (text: string | undefined) =>
  text && text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
const describeRequest = (fuzz: TFuzzRequest) => JSON.stringify({ ...fuzz, body: shorten(fuzz.body) });

/** Stored rows for each resource's path parameters, so that requests reach past "not found". */
async function storedValues(adminTokenId: string): Promise<Record<string, Record<string, string[]>>> {
  const ids = (rows: { id: string | number }[]) => rows.map((row) => String(row.id));
  const [
    actions,
    alerts,
    policies,
    investigations,
    clusters,
    restricted,
    emails,
    savedQueries,
    webhooks,
    indicators,
    users,
    tokens,
    submissions,
  ] = await Promise.all([
    prisma.action.findMany({ select: { id: true } }),
    prisma.alert.findMany({ select: { id: true } }),
    prisma.alertPolicy.findMany({ select: { id: true } }),
    prisma.investigation.findMany({ select: { id: true } }),
    prisma.emailCluster.findMany({ select: { id: true } }),
    prisma.restrictedUser.findMany({ select: { id: true, address: true } }),
    prisma.emailEvent.findMany({
      select: { networkMessageId: true, recipientEmailAddress: true, senderFromAddress: true },
      take: 20,
    }),
    prisma.savedQuery.findMany({ select: { id: true } }),
    prisma.webhook.findMany({ select: { id: true } }),
    prisma.threatIndicator.findMany({ select: { id: true } }),
    prisma.user.findMany({ where: { id: { not: signedIn.id ?? "" } }, select: { id: true } }),
    prisma.apiToken.findMany({ where: { id: { not: adminTokenId } }, select: { id: true } }),
    prisma.submission.findMany({ select: { id: true } }),
  ]);
  const addresses = [
    ...new Set([
      ...restricted.map((row) => row.address),
      ...emails.flatMap((row) => [row.recipientEmailAddress, row.senderFromAddress]),
    ]),
  ];
  return {
    actions: { id: ids(actions) },
    alerts: { id: ids(alerts) },
    "alert-policies": { id: ids(policies) },
    investigations: { id: ids(investigations) },
    clusters: { id: ids(clusters) },
    "restricted-users": { id: ids(restricted) },
    mailboxes: { address: addresses },
    senders: { address: addresses },
    explorer: { networkMessageId: emails.map((row) => row.networkMessageId) },
    hunting: { id: ids(savedQueries) },
    webhooks: { id: ids(webhooks) },
    "threat-indicators": { id: ids(indicators) },
    users: { id: ids(users) },
    tokens: { id: ids(tokens) },
    submissions: { id: ids(submissions) },
  };
}

/** A little of everything, made through the routes where they exist, so the fuzzed requests find real rows. */
async function seed(): Promise<void> {
  await Promise.all(BUILT_IN_POLICIES.map((policy) => ensurePolicy(policy.id)));
  const emails = await insertEmails(
    [1, 2, 3, 4].map((hours) => ({
      timestamp: hoursAgo(hours),
      recipients: ["ann@breakwater.test", "bob@breakwater.test"],
      subject: `Invoice ${hours}`,
      threatTypes: ["Phish"],
      urls: ["https://evil.example/login"],
      attachments: [{ fileName: "invoice.html", sha256: sha256Of(`invoice-${hours}`) }],
    })),
  );
  const call = async (
    route: string,
    method: string,
    url: string,
    body: unknown,
    params: Record<string, string> = {},
  ) => {
    const handler = await handlerOf({ method, path: route, parameters: [] });
    const response = await send(handler, {
      method,
      url,
      params,
      contentType: "application/json",
      body: JSON.stringify(body),
    });
    expect(response.status, `${method} ${url}: ${await response.clone().text()}`).toBeLessThan(300);
    return response.json();
  };
  const investigation = await makeInvestigation();
  await makeAction({
    investigationId: investigation.id,
    type: "disableAccount",
    target: { mailbox: "bob@breakwater.test" },
  });
  await makeAction({
    investigationId: investigation.id,
    type: "revokeSessions",
    target: { mailbox: "ann@breakwater.test" },
  });
  await makePolicyAlert({ investigationId: investigation.id });
  await makeRestrictedUser({}, { alert: true });
  await call("/api/v1/explorer/actions", "POST", "/api/v1/explorer/actions", {
    selection: { networkMessageIds: [emails[0].networkMessageId] },
    action: "softDelete",
  });
  await call("/api/v1/investigations", "POST", "/api/v1/investigations", {
    networkMessageIds: [emails[1].networkMessageId],
  });
  await call("/api/v1/submissions", "POST", "/api/v1/submissions", {
    networkMessageId: emails[2].networkMessageId,
    reporter: "ann@breakwater.test",
  });
  await call("/api/v1/webhooks", "POST", "/api/v1/webhooks", { name: "SIEM", url: "http://siem.invalid/hook" });
  await call("/api/v1/hunting/saved-queries", "POST", "/api/v1/hunting/saved-queries", {
    name: "Phish",
    query: "EmailEvents | take 5",
  });
  await call("/api/v1/users", "POST", "/api/v1/users", {
    email: "reader@breakwater.test",
    name: "Reader",
    role: "reader",
    password: "a-long-password-1",
  });
  await call("/api/v1/tokens", "POST", "/api/v1/tokens", { name: "script", role: "reader" });
  const importIndicators = await handlerOf({ method: "POST", path: "/api/v1/threat-indicators", parameters: [] });
  const csv = `type,value,threatType,description\ndomain,evil.example,Phish,seed\nsha256,${sha256Of("invoice-1")},Malware,seed\n`;
  expect(
    (
      await send(importIndicators, {
        method: "POST",
        url: "/api/v1/threat-indicators",
        params: {},
        contentType: "text/csv",
        body: csv,
      })
    ).status,
  ).toBeLessThan(300);
}

// Read at collection time, so that each operation is a test of its own.
const allOperations = operationsOf(
  await (await openApiRoute(apiRequest("/api/v1/openapi.json"), routeContext())).json(),
);
const operations = allOperations.filter((operation) => !ONLY || `${operation.method} ${operation.path}` === ONLY);
let stored: Record<string, Record<string, string[]>> = {};
const tally = { requests: 0, failures: 0 };

beforeAll(async () => {
  const admin = await makeUser("admin");
  signedIn = { kind: "user", id: admin.id, name: admin.name, email: admin.email, role: admin.role };
  await seed();
  // A token the fuzzing must not revoke: the seed's own are fair game.
  await makeToken("admin");
  const kept = await prisma.apiToken.findFirstOrThrow({ orderBy: { createdAt: "desc" }, select: { id: true } });
  stored = await storedValues(kept.id);
});

afterAll(() => {
  console.log(`fuzzed ${tally.requests} requests over ${operations.length} operations: ${tally.failures} answered 5xx`);
});

describe("every route of the OpenAPI document, fuzzed", () => {
  it("covers the whole registry", () => {
    expect(allOperations.length).toBeGreaterThan(50);
  });

  it.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    "%s answers no 5xx",
    async (_, operation) => {
      const handler = await handlerOf(operation);
      const known = stored[operation.path.replace(/^\/api\/v1\//, "").split("/")[0]] ?? {};
      const failures: string[] = [];
      const sweep = sweepFor(operation, known).map((request) => [request] as [TFuzzRequest]);
      await fc.assert(
        fc.asyncProperty(requestsFor(operation, known), async (fuzz) => {
          const response = await send(handler, fuzz);
          const text = await response.text();
          if (process.env.FUZZ_DEBUG) console.log(response.status, fuzz.url, shorten(fuzz.body));
          tally.requests += 1;
          if (response.status >= 500) tally.failures += 1;
          if (response.status >= 500) failures.push(`${response.status} ${describeRequest(fuzz)} → ${shorten(text)}`);
        }),
        // The sweep's requests run first and count as runs.
        { numRuns: sweep.length + RUNS_PER_ROUTE, examples: sweep },
      );
      expect(failures).toEqual([]);
    },
  );
});
