import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listFeed } from "@/app/api/v1/activity/feed/route";
import { GET as listDeliveryLog } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/v1/webhooks/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/webhooks/route";
import { prisma } from "@/server/db";
import { dispatchWebhooks, startWebhookDispatcher, type TRetryPolicy } from "@/server/webhooks/dispatch-webhooks";
import { ensurePolicy, makePolicyAlert } from "../factories/console";
import { allowInternalHosts } from "../factories/network";
import { apiRequest, makeToken, routeContext } from "../factories/users";

type TDelivery = {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { webhookId: string; attempt: number; sentAt: string; records: { Id: string }[] };
};

/** A SIEM on loopback: keeps every POST with its raw body, and answers with the next status in `statuses` (then 200). */
async function startReceiver(statuses: number[] = []) {
  const deliveries: TDelivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      deliveries.push({ headers: request.headers, raw, body: JSON.parse(raw) });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/breakwater`;
  return { url, deliveries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(20);
  }
}

function isSignedWith(secret: string, delivery: TDelivery): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(delivery.raw).digest("hex")}`);
  const given = Buffer.from(String(delivery.headers["x-breakwater-signature"]));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

let adminToken = "";
let readerToken = "";

async function createWebhook(body: Record<string, unknown>, token = adminToken) {
  const response = await createRoute(apiRequest("/api/v1/webhooks", { method: "POST", token, body }), routeContext());
  return { status: response.status, body: await response.json() };
}

async function patchWebhook(id: string, body: Record<string, unknown>) {
  const response = await patchRoute(
    apiRequest(`/api/v1/webhooks/${id}`, { method: "PATCH", token: adminToken, body }),
    routeContext({ id }),
  );
  return { status: response.status, body: await response.json() };
}

async function deliveryLog(id: string) {
  const response = await listDeliveryLog(
    apiRequest(`/api/v1/webhooks/${id}/deliveries?pageSize=100`, { token: adminToken }),
    routeContext({ id }),
  );
  return (await response.json()).items as {
    attempt: number;
    at: string;
    statusCode: number | null;
    error: string | null;
    isSuccess: boolean;
    firstRecordId: string;
    lastRecordId: string;
    recordCount: number;
  }[];
}

const receivedIds = (deliveries: TDelivery[]) =>
  deliveries.flatMap((delivery) => delivery.body.records.map((record) => record.Id));

beforeAll(async () => {
  adminToken = await makeToken("admin");
  readerToken = await makeToken("reader");
  await ensurePolicy();
  // The receivers here listen on loopback.
  await allowInternalHosts(["127.0.0.1"]);
});

beforeEach(async () => {
  await prisma.webhook.deleteMany();
});

let stopDispatcher: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stopDispatcher?.();
  stopDispatcher = null;
});

const FAST_RETRY: TRetryPolicy = { baseMs: 100, factor: 4, maxAttempts: 3 };

describe("webhook settings", () => {
  it("shows the secret once, never again, and audits every change", async () => {
    const created = await createWebhook({
      name: "SIEM",
      url: "https://siem.example.test/hook",
      contentTypes: ["Alert", "Alert"],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(created.body.contentTypes).toEqual(["Alert"]);
    const listed = await (
      await listRoute(apiRequest("/api/v1/webhooks", { token: adminToken }), routeContext())
    ).json();
    expect(listed.items).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.body.secret);
    expect((await patchWebhook(created.body.id, { isEnabled: false })).body.isEnabled).toBe(false);
    const deleted = await deleteRoute(
      apiRequest(`/api/v1/webhooks/${created.body.id}`, { method: "DELETE", token: adminToken }),
      routeContext({ id: created.body.id }),
    );
    expect(deleted.status).toBe(200);
    const audit = await prisma.auditLog.findMany({
      where: { targetType: "webhook", targetId: created.body.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => entry.action)).toEqual(["webhook.create", "webhook.update", "webhook.delete"]);
    expect(JSON.stringify(audit.map(({ before, after }) => ({ before, after })))).not.toContain(created.body.secret);
  });

  it.each([
    [{ name: "x", url: "ftp://siem.example.test/hook" }, "body.url"],
    [{ name: "x", url: "javascript:alert(1)" }, "body.url"],
    [{ name: "", url: "https://siem.example.test/hook" }, "body.name"],
    [{ name: "x", url: "https://siem.example.test/hook", contentTypes: [] }, "body.contentTypes"],
    [{ name: "x", url: "https://siem.example.test/hook", contentTypes: ["Phish"] }, "body.contentTypes.0"],
    [{ name: "x", url: "https://siem.example.test/hook", secret: "mine" }, "body"],
  ])("answers 400 naming the field for %j", async (body, path) => {
    const { status, body: answer } = await createWebhook(body);
    expect(status).toBe(400);
    expect(answer.error.issues[0].path).toBe(path);
  });

  it("is for admins only", async () => {
    expect((await createWebhook({ name: "x", url: "https://siem.example.test/hook" }, readerToken)).status).toBe(403);
    expect(
      (await listRoute(apiRequest("/api/v1/webhooks", { token: await makeToken("operator") }), routeContext())).status,
    ).toBe(403);
  });

  it("answers 404 for a webhook that does not exist, and 400 for an id that is not one", async () => {
    expect((await patchWebhook("00000000-0000-4000-8000-000000000000", { isEnabled: true })).status).toBe(404);
    const { status, body } = await patchWebhook("1; drop table", { isEnabled: true });
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe("params.id");
  });
});

describe("webhook deliveries", () => {
  it("POSTs the feed's records, signed with HMAC-SHA256 over the raw body, each once", async () => {
    const receiver = await startReceiver();
    const { body: webhook } = await createWebhook({ name: "SIEM", url: receiver.url, contentTypes: ["Alert"] });
    const alerts = [];
    for (let index = 0; index < 3; index++) alerts.push(await makePolicyAlert());
    await dispatchWebhooks();
    await dispatchWebhooks();
    await receiver.close();

    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(isSignedWith(webhook.secret, delivery)).toBe(true);
    expect(isSignedWith("whsec_another", delivery)).toBe(false);
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(Number(delivery.headers["x-breakwater-timestamp"])).toBe(
      Math.floor(new Date(delivery.body.sentAt).getTime() / 1000),
    );
    expect(delivery.body).toMatchObject({ webhookId: webhook.id, attempt: 1 });
    expect(receivedIds(receiver.deliveries)).toEqual(alerts.map((alert) => `alert:${alert.id}`));
    // The same records as the feed, field for field.
    const feed = await (
      await listFeed(apiRequest("/api/v1/activity/feed?contentType=Alert", { token: readerToken }), routeContext())
    ).json();
    for (const record of delivery.body.records) expect(feed.items).toContainEqual(record);
    expect((await deliveryLog(webhook.id))[0]).toMatchObject({
      attempt: 1,
      isSuccess: true,
      statusCode: 200,
      error: null,
      recordCount: 3,
    });
  });

  it("sends only the content types asked for, from its creation on", async () => {
    const before = await makePolicyAlert();
    const receiver = await startReceiver();
    await createWebhook({ name: "runs only", url: receiver.url, contentTypes: ["AirInvestigation"] });
    await makePolicyAlert();
    const run = await prisma.investigation.create({
      data: { name: "run", playbook: "Manual", detectionSource: "test", users: [] },
    });
    await dispatchWebhooks();
    await receiver.close();
    const ids = receivedIds(receiver.deliveries);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(new RegExp(`^investigation:${run.id}:status:`));
    expect(ids).not.toContain(`alert:${before.id}`);
  });

  it("retries a failing endpoint after 100 ms then 400 ms with the same records, and logs each attempt", async () => {
    const receiver = await startReceiver([500, 503]);
    const { body: webhook } = await createWebhook({ name: "flaky", url: receiver.url });
    const alert = await makePolicyAlert();
    stopDispatcher = startWebhookDispatcher({ intervalMs: 20, retry: FAST_RETRY }).stop;
    await waitFor(async () => receiver.deliveries.length >= 3);
    await stopDispatcher();
    stopDispatcher = null;
    await receiver.close();

    const log = (await deliveryLog(webhook.id)).reverse();
    expect(log.map(({ attempt, statusCode, error, isSuccess }) => ({ attempt, statusCode, error, isSuccess }))).toEqual(
      [
        { attempt: 1, statusCode: 500, error: "HTTP 500", isSuccess: false },
        { attempt: 2, statusCode: 503, error: "HTTP 503", isSuccess: false },
        { attempt: 3, statusCode: 200, error: null, isSuccess: true },
      ],
    );
    const gaps = log.slice(1).map((entry, index) => new Date(entry.at).getTime() - new Date(log[index].at).getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(400);
    // Every attempt carried the same records; only the attempt number, the time and so the signature differ.
    expect(new Set(receiver.deliveries.map((delivery) => JSON.stringify(delivery.body.records))).size).toBe(1);
    expect(receiver.deliveries.map((delivery) => delivery.headers["x-breakwater-attempt"])).toEqual(["1", "2", "3"]);
    expect(receivedIds(receiver.deliveries.slice(0, 1))).toContain(`alert:${alert.id}`);
    expect(receiver.deliveries.every((delivery) => isSignedWith(webhook.secret, delivery))).toBe(true);
  });

  it("pauses after the last attempt fails, keeps its place, and resends the same batch when enabled again", async () => {
    const receiver = await startReceiver([500, 500, 500]);
    const { body: webhook } = await createWebhook({ name: "down", url: receiver.url });
    const first = await makePolicyAlert();
    stopDispatcher = startWebhookDispatcher({ intervalMs: 20, retry: FAST_RETRY }).stop;
    const paused = await waitFor(async () => {
      const row = await prisma.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
      return !row.isEnabled && row;
    });
    expect(paused.pausedReason).toMatch(/^Paused after 3 failed attempts \(last: HTTP 500\)/);
    const second = await makePolicyAlert();
    await sleep(200);
    expect(receiver.deliveries).toHaveLength(3);

    await patchWebhook(webhook.id, { isEnabled: true });
    await waitFor(async () => receiver.deliveries.length >= 5);
    await sleep(100);
    await receiver.close();
    const [retried, next] = receiver.deliveries.slice(3);
    expect(retried.body.records).toEqual(receiver.deliveries[0].body.records);
    expect(retried.body.attempt).toBe(1);
    expect(receivedIds([retried])).toContain(`alert:${first.id}`);
    expect(receivedIds([next])).toEqual([`alert:${second.id}`]);
    expect(receiver.deliveries).toHaveLength(5);
    expect(
      (await prisma.auditLog.findFirst({ where: { targetId: webhook.id, action: "webhook.pause" } }))?.actorName,
    ).toBe("System");
  });

  it("logs an endpoint that does not answer at all", async () => {
    const receiver = await startReceiver();
    await receiver.close();
    const { body: webhook } = await createWebhook({ name: "gone", url: receiver.url });
    await makePolicyAlert();
    await dispatchWebhooks({ retry: FAST_RETRY });
    const [entry] = await deliveryLog(webhook.id);
    expect(entry).toMatchObject({ attempt: 1, isSuccess: false, statusCode: null, error: "ECONNREFUSED" });
    expect((await prisma.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).nextAttemptAt).not.toBeNull();
  });

  it("stops for a disabled or deleted webhook", async () => {
    const receiver = await startReceiver();
    const { body: webhook } = await createWebhook({ name: "stoppable", url: receiver.url });
    await patchWebhook(webhook.id, { isEnabled: false });
    await makePolicyAlert();
    await dispatchWebhooks();
    expect(receiver.deliveries).toHaveLength(0);

    await patchWebhook(webhook.id, { isEnabled: true });
    await dispatchWebhooks();
    expect(receiver.deliveries).toHaveLength(1);

    await deleteRoute(
      apiRequest(`/api/v1/webhooks/${webhook.id}`, { method: "DELETE", token: adminToken }),
      routeContext({ id: webhook.id }),
    );
    await makePolicyAlert();
    await dispatchWebhooks();
    await receiver.close();
    expect(receiver.deliveries).toHaveLength(1);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: webhook.id } })).toBe(0);
  });

  it("sends each record once when two workers dispatch at the same time", async () => {
    const receiver = await startReceiver();
    await createWebhook({ name: "shared", url: receiver.url, contentTypes: ["Alert"] });
    const alerts = await Promise.all(Array.from({ length: 150 }, () => makePolicyAlert()));
    await Promise.all([dispatchWebhooks(), dispatchWebhooks(), dispatchWebhooks()]);
    await dispatchWebhooks();
    await receiver.close();
    const ids = receivedIds(receiver.deliveries);
    expect(ids.sort()).toEqual(alerts.map((alert) => `alert:${alert.id}`).sort());
    expect(receiver.deliveries.map((delivery) => delivery.body.records.length).sort((a, b) => b - a)).toEqual([
      100, 50,
    ]);
  });
});
