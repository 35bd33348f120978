// SSRF: webhooks and the mail system reach only public addresses, or the internal ones an admin names in Allowed
// internal hosts; checked when the target is saved and again on the address each connection uses.
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PUT as putMailSystem } from "@/app/api/v1/settings/mail-system/route";
import { POST as testMailSystem } from "@/app/api/v1/settings/mail-system/test/route";
import { PATCH as patchWebhook } from "@/app/api/v1/webhooks/[id]/route";
import { POST as createWebhook } from "@/app/api/v1/webhooks/route";
import { prisma } from "@/server/db";
import { guardedFetch } from "@/server/network/guarded-fetch";
import { dispatchWebhooks } from "@/server/webhooks/dispatch-webhooks";
import { ensurePolicy, makePolicyAlert } from "../factories/console";
import { allowInternalHosts } from "../factories/network";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let admin = "";
let received = 0;
let receiver: HttpServer;
let receiverUrl = "";
// Anything that connects here is a request that should never have been made.
let trap: Server;
let trapPort = 0;
let trapConnections = 0;

beforeAll(async () => {
  admin = await makeToken("admin");
  await ensurePolicy();
  // A mailbox for Test connection's IMAP login to name.
  await prisma.mailbox.create({
    data: { address: "alice@org.test", displayName: "Alice", department: "Sales", country: "US" },
  });
  receiver = createHttpServer((request, response) => {
    received++;
    request.resume().on("end", () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  trap = createServer((socket) => (trapConnections++, socket.destroy()));
  await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
  trapPort = (trap.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await new Promise((resolve) => trap.close(resolve));
});

beforeEach(async () => {
  await prisma.webhook.deleteMany();
  await prisma.mailSystemSettings.deleteMany();
});

const json = async (response: Response) => ({ status: response.status, body: await response.json() });
const create = async (url: string) =>
  json(
    await createWebhook(
      apiRequest("/api/v1/webhooks", { method: "POST", token: admin, body: { name: "SIEM", url } }),
      routeContext(),
    ),
  );

const INTERNAL_URLS = [
  "http://127.0.0.1/hook",
  "http://127.1/hook",
  "http://0x7f.1/hook",
  "http://2130706433/hook",
  "http://0177.0.0.1/hook",
  "http://[::1]/hook",
  "http://[::ffff:127.0.0.1]/hook",
  "http://0.0.0.0/hook",
  "http://localhost/hook",
  "http://169.254.169.254/latest/meta-data/",
  "http://[fe80::1]/hook",
  "http://10.0.0.1/hook",
  "http://172.16.5.4/hook",
  "http://192.168.1.1/hook",
  "http://100.64.0.1/hook",
  "http://[fc00::1]/hook",
  "http://224.0.0.1/hook",
];

describe("webhook targets", () => {
  it.each(INTERNAL_URLS)("refuses %s at save (400 naming body.url), storing nothing", async (url) => {
    const { status, body } = await create(url);
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe("body.url");
    // An IPv6 literal is not a webhook host at all; every other one is refused for where it leads.
    if (!url.includes("[")) expect(body.error.message).toMatch(/address; add it to Allowed internal hosts/);
    expect(await prisma.webhook.count()).toBe(0);
  });

  it("refuses repointing a webhook inside, and allows what Allowed internal hosts names", async () => {
    expect((await create("https://siem.example.test/hook")).status).toBe(201);
    const { id } = await prisma.webhook.findFirstOrThrow();
    const patch = async (url: string) =>
      json(
        await patchWebhook(
          apiRequest(`/api/v1/webhooks/${id}`, { method: "PATCH", token: admin, body: { url } }),
          routeContext({ id }),
        ),
      );
    const refused = await patch("http://169.254.169.254/latest/meta-data/");
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].path).toBe("body.url");
    expect((await prisma.webhook.findUniqueOrThrow({ where: { id } })).url).toBe("https://siem.example.test/hook");

    await allowInternalHosts(["127.0.0.1", "10.0.0.0/8", "localhost"]);
    expect((await patch(receiverUrl)).status).toBe(200);
    expect((await patch("http://10.20.30.40/hook")).status).toBe(200);
    expect((await patch("http://localhost:1/hook")).status).toBe(200);
    // Only what is named: 192.168/16 is not.
    expect((await patch("http://192.168.1.1/hook")).status).toBe(400);
  });

  it("refuses at send time a target that is no longer allowed, without connecting to it", async () => {
    await allowInternalHosts(["127.0.0.1"]);
    const created = await create(receiverUrl);
    expect(created.status).toBe(201);
    await makePolicyAlert();
    // Allowed, it is delivered.
    await prisma.webhook.update({ where: { id: created.body.id }, data: { cursorAt: new Date(0) } });
    await dispatchWebhooks();
    expect(received).toBeGreaterThan(0);

    // The admin takes loopback off the list: the stored URL is refused as it is sent.
    const before = received;
    await allowInternalHosts([]);
    await makePolicyAlert();
    await dispatchWebhooks({ retry: { baseMs: 0, factor: 1, maxAttempts: 6 } });
    expect(received).toBe(before);
    const [delivery] = await prisma.webhookDelivery.findMany({
      where: { webhookId: created.body.id },
      orderBy: { id: "desc" },
      take: 1,
    });
    expect(delivery).toMatchObject({ isSuccess: false, statusCode: null });
    expect(delivery.error).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
  });

  it("refuses at send time a name stored behind the save-time check (its DNS answer is checked as it connects)", async () => {
    const connectionsBefore = trapConnections;
    const { body } = await create("https://siem.example.test/hook");
    // As if the name had resolved outside at save time and now answers loopback (DNS rebinding).
    await prisma.webhook.update({
      where: { id: body.id },
      data: { url: `http://localhost:${trapPort}/hook`, cursorAt: new Date(0) },
    });
    await makePolicyAlert();
    await dispatchWebhooks();
    expect(trapConnections).toBe(connectionsBefore);
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: body.id } });
    expect(delivery.error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
  });
});

describe("every connection, redirects included", () => {
  it("refuses a redirect from an allowed host to an internal address the list does not name", async () => {
    // Allowed by its name only: a redirect to the address written as such is another target, and is not allowed.
    const redirector = createHttpServer((_request, response) =>
      response.writeHead(302, { location: `http://127.0.0.1:${trapPort}/latest/meta-data/` }).end(),
    );
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    const connectionsBefore = trapConnections;
    try {
      const url = `http://localhost:${(redirector.address() as { port: number }).port}/`;
      const error = await guardedFetch(url, {}, ["localhost"]).then(
        () => null,
        (caught: Error) => caught,
      );
      expect((error?.cause as Error | undefined)?.message).toMatch(/^127\.0\.0\.1 is a loopback address/);
      expect(trapConnections).toBe(connectionsBefore);
      // Allowed by address too, the same redirect is followed.
      const followed = await guardedFetch(url, {}, ["localhost", "127.0.0.1"]).then(
        () => "answered",
        () => "failed",
      );
      expect(followed).toBe("failed");
      expect(trapConnections).toBe(connectionsBefore + 1);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
  });
});

const FORM = {
  connector: "postfix-dovecot",
  policyHost: "127.0.0.1",
  policyPort: 10040,
  policyFailOpen: true,
  imapHost: "mail.example.test",
  imapPort: 143,
  imapSecure: false,
  masterUser: "breakwater",
  masterPassword: "master-secret-1234",
  doveadmUrl: null,
  doveadmApiKey: null,
  journalMailbox: null,
  maillogPath: null,
};

const putMail = async (body: unknown) =>
  json(
    await putMailSystem(
      apiRequest("/api/v1/settings/mail-system", { method: "PUT", token: admin, body }),
      routeContext(),
    ),
  );
const testMail = async (body: unknown) => {
  const response = await testMailSystem(
    apiRequest("/api/v1/settings/mail-system/test", { method: "POST", token: admin, body }),
    routeContext(),
  );
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
};

describe("mail-system targets", () => {
  it.each([
    [{ imapHost: "10.0.0.5" }, "body.imapHost"],
    [{ imapHost: "0x7f.1" }, "body.imapHost"],
    [{ imapHost: "[::ffff:127.0.0.1]" }, "body.imapHost"],
    [{ imapHost: "169.254.169.254" }, "body.imapHost"],
    [{ doveadmUrl: "http://169.254.169.254/", doveadmApiKey: "key" }, "body.doveadmUrl"],
    [{ doveadmUrl: "http://2130706433:8080/", doveadmApiKey: "key" }, "body.doveadmUrl"],
    // The policy service is Breakwater's own: it listens on this machine, and nowhere else is worth testing.
    [{ policyHost: "10.9.9.9" }, "body.policyHost"],
    [{ policyHost: "8.8.8.8" }, "body.policyHost"],
  ])("refuses %j at save (400 naming the field), storing nothing", async (change, path) => {
    const { status, body } = await putMail({ ...FORM, ...change });
    expect(status).toBe(400);
    expect(body.error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect(await prisma.mailSystemSettings.count()).toBe(0);
  });

  it("saves internal targets an admin names in Allowed internal hosts, and audits the list", async () => {
    const { status, body } = await putMail({
      ...FORM,
      imapHost: "10.0.0.5",
      doveadmUrl: "http://127.0.0.1:8080",
      doveadmApiKey: "key",
      allowedInternalHosts: ["10.0.0.0/8", "127.0.0.1"],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ imapHost: "10.0.0.5", allowedInternalHosts: ["10.0.0.0/8", "127.0.0.1"] });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "mailSystemSettings.update" },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toMatchObject({ allowedInternalHosts: ["10.0.0.0/8", "127.0.0.1"] });
    // An entry that is neither a name, an address nor a range is refused.
    expect((await putMail({ ...FORM, allowedInternalHosts: ["10.0.0.0/33"] })).body.error.issues[0].path).toBe(
      "body.allowedInternalHosts.0",
    );
  });

  it("Test connection reaches no internal host it is not allowed to, and says nothing of files", async () => {
    const connectionsBefore = trapConnections;
    const { body, text } = await testMail({
      ...FORM,
      imapHost: "127.0.0.1",
      imapPort: trapPort,
      doveadmUrl: `http://127.0.0.1:${trapPort}`,
      doveadmApiKey: "key",
      maillogPath: "/etc/shadow",
    });
    expect(trapConnections).toBe(connectionsBefore);
    expect(body.checks).toEqual(
      expect.arrayContaining([
        {
          name: "doveadm API",
          ok: false,
          detail: expect.stringMatching(/: refused: 127\.0\.0\.1 is a loopback address/),
        },
        { name: "IMAP", ok: false, detail: expect.stringMatching(/: refused: 127\.0\.0\.1 is a loopback address/) },
      ]),
    );
    expect(text).not.toMatch(/shadow|readable|log file/i);
  });

  it("Test connection answers a closed port and an open port of another service in the same words", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    // An HTTP server: open, answers, but speaks neither the policy protocol nor IMAP.
    const checksFor = async (port: number) =>
      (
        await testMail({
          ...FORM,
          policyPort: port,
          imapHost: "127.0.0.1",
          imapPort: port,
          allowedInternalHosts: ["127.0.0.1"],
        })
      ).body.checks.map((check: { detail: string }) => check.detail.replace(String(port), "PORT"));
    const httpPort = (receiver.address() as { port: number }).port;
    const [onClosed, onHttp] = await Promise.all([checksFor(closed), checksFor(httpPort)]);
    expect(onHttp).toEqual(onClosed);
    expect(onClosed).toEqual([
      "policy service 127.0.0.1:PORT: no policy service answered",
      "IMAP 127.0.0.1:PORT: no IMAP server answered",
    ]);
  });
});
