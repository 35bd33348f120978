// Settings › Mail system through its routes: secrets never leave the server, an empty secret keeps the stored one,
// only admins change or test it, and Test connection says exactly what failed.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRoute, PUT as putRoute } from "@/app/api/v1/settings/mail-system/route";
import { POST as testRoute } from "@/app/api/v1/settings/mail-system/test/route";
import { prisma } from "@/server/db";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let adminToken: string;
let operatorToken: string;
let readerToken: string;

const PASSWORD = "master-secret-1234";
const API_KEY = "doveadm-key-5678";

beforeAll(async () => {
  [adminToken, operatorToken, readerToken] = await Promise.all([
    makeToken("admin"),
    makeToken("operator"),
    makeToken("reader"),
  ]);
  await prisma.mailbox.create({
    data: { address: "alice@org.test", displayName: "Alice", department: "Sales", country: "US" },
  });
});

async function answer(response: Response) {
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

const get = async (token = readerToken) =>
  answer(await getRoute(apiRequest("/api/v1/settings/mail-system", { token }), routeContext()));
const put = async (body: unknown, token = adminToken) =>
  answer(await putRoute(apiRequest("/api/v1/settings/mail-system", { method: "PUT", token, body }), routeContext()));
const test = async (body?: unknown, token = adminToken) =>
  answer(
    await testRoute(apiRequest("/api/v1/settings/mail-system/test", { method: "POST", token, body }), routeContext()),
  );

const stored = () => prisma.mailSystemSettings.findUniqueOrThrow({ where: { id: 1 } });
const audits = () =>
  prisma.auditLog.findMany({ where: { action: "mailSystemSettings.update" }, orderBy: { id: "asc" } });

const FORM = {
  connector: "postfix-dovecot",
  policyHost: "127.0.0.1",
  policyPort: 10040,
  policyFailOpen: false,
  imapHost: "127.0.0.1",
  imapPort: 1143,
  imapSecure: false,
  masterUser: "breakwater",
  masterPassword: PASSWORD,
  doveadmUrl: null,
  doveadmApiKey: null,
  journalMailbox: "journal@org.test",
  maillogPath: "/var/log/mail.log",
  // The servers these tests start are on loopback: allowed by setting.
  allowedInternalHosts: ["127.0.0.1"],
};

/** A port nothing listens on: taken from the system, then given back. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("/api/v1/settings/mail-system", () => {
  it("answers the built-in connector before anyone saved, with no secret and no sign of one", async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body).toEqual({
      connector: "builtin",
      policyHost: "127.0.0.1",
      policyPort: 10040,
      policyFailOpen: true,
      imapHost: null,
      imapPort: null,
      imapSecure: false,
      masterUser: null,
      doveadmUrl: null,
      journalMailbox: null,
      maillogPath: null,
      rspamdUrl: null,
      rspamdControllerUrl: null,
      allowedInternalHosts: [],
      hasMasterPassword: false,
      hasDoveadmApiKey: false,
      hasRspamdControllerPassword: false,
      fromEnvironment: [],
      updatedAt: null,
      updatedBy: null,
    });
  });

  it("saves an admin's form, answers and audits it without the secrets", async () => {
    const { status, body, text } = await put(FORM);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      connector: "postfix-dovecot",
      policyFailOpen: false,
      masterUser: "breakwater",
      hasMasterPassword: true,
      hasDoveadmApiKey: false,
      updatedBy: "token factory admin",
    });
    expect(body).not.toHaveProperty("masterPassword");
    expect(text).not.toContain(PASSWORD);
    expect((await get()).text).not.toContain(PASSWORD);
    expect((await stored()).masterPassword).toBe(PASSWORD);
    const [entry] = await audits();
    expect(JSON.stringify([entry.before, entry.after])).not.toContain(PASSWORD);
    expect(entry).toMatchObject({
      actorName: "token factory admin",
      targetType: "mailSystemSettings",
      before: { connector: "builtin", hasMasterPassword: false },
      after: {
        connector: "postfix-dovecot",
        imapHost: "127.0.0.1",
        hasMasterPassword: true,
        secretsChanged: ["masterPassword"],
      },
    });
  });

  it("keeps a stored secret the form leaves empty or out, and removes it on null", async () => {
    expect(
      (await put({ ...FORM, masterPassword: "", doveadmUrl: "http://127.0.0.1:8080", doveadmApiKey: API_KEY })).body,
    ).toMatchObject({ hasMasterPassword: true, hasDoveadmApiKey: true });
    const { masterPassword: _password, ...withoutPassword } = FORM;
    expect((await put({ ...withoutPassword, doveadmUrl: "http://127.0.0.1:8080", doveadmApiKey: "" })).status).toBe(
      200,
    );
    expect(await stored()).toMatchObject({ masterPassword: PASSWORD, doveadmApiKey: API_KEY });
    const entries = await audits();
    expect(entries.at(-2)?.after).toMatchObject({ secretsChanged: ["doveadmApiKey"] });
    expect(entries.at(-1)?.after).not.toHaveProperty("secretsChanged");
    expect(JSON.stringify(entries.map((entry) => [entry.before, entry.after]))).not.toContain(API_KEY);
    expect((await put({ ...FORM, doveadmUrl: null, doveadmApiKey: null })).body).toMatchObject({
      hasMasterPassword: true,
      hasDoveadmApiKey: false,
    });
    expect((await stored()).doveadmApiKey).toBeNull();
  });

  it("keeps rspamd's controller password a secret like the others, and takes rspamd's URLs from the environment too", async () => {
    const RSPAMD_PASSWORD = "rspamd-controller-secret";
    const rspamd = {
      rspamdUrl: "http://127.0.0.1:11333",
      rspamdControllerUrl: "http://127.0.0.1:11334",
      rspamdControllerPassword: RSPAMD_PASSWORD,
    };
    const { status, body, text } = await put({ ...FORM, ...rspamd });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      rspamdUrl: "http://127.0.0.1:11333",
      rspamdControllerUrl: "http://127.0.0.1:11334",
      hasRspamdControllerPassword: true,
    });
    expect(body).not.toHaveProperty("rspamdControllerPassword");
    expect(text).not.toContain(RSPAMD_PASSWORD);
    expect((await get()).text).not.toContain(RSPAMD_PASSWORD);
    expect((await audits()).at(-1)?.after).toMatchObject({
      hasRspamdControllerPassword: true,
      secretsChanged: ["rspamdControllerPassword"],
    });
    expect(JSON.stringify((await audits()).map((entry) => [entry.before, entry.after]))).not.toContain(RSPAMD_PASSWORD);
    // Left empty, it stays; the form of an older client (no rspamd fields) unsets the URLs, as a PUT replaces.
    await put({ ...FORM, ...rspamd, rspamdControllerPassword: "" });
    expect(await stored()).toMatchObject({ rspamdControllerPassword: RSPAMD_PASSWORD });
    expect((await put(FORM)).body).toMatchObject({
      rspamdUrl: null,
      rspamdControllerUrl: null,
      hasRspamdControllerPassword: true,
    });
    process.env.BREAKWATER_RSPAMD_URL = "http://rspamd.internal:11333";
    try {
      expect((await get()).body).toMatchObject({
        rspamdUrl: "http://rspamd.internal:11333",
        fromEnvironment: ["rspamdUrl"],
      });
    } finally {
      delete process.env.BREAKWATER_RSPAMD_URL;
    }
  });

  it("lets an environment variable win over the saved value, and says so", async () => {
    process.env.BREAKWATER_IMAP_HOST = "mail.internal";
    process.env.BREAKWATER_POLICY_FAIL_OPEN = "on";
    try {
      expect((await get()).body).toMatchObject({
        imapHost: "mail.internal",
        policyFailOpen: true,
        fromEnvironment: ["policyFailOpen", "imapHost"],
      });
    } finally {
      delete process.env.BREAKWATER_IMAP_HOST;
      delete process.env.BREAKWATER_POLICY_FAIL_OPEN;
    }
    expect((await get()).body).toMatchObject({ imapHost: "127.0.0.1", policyFailOpen: false, fromEnvironment: [] });
  });

  it("is refused to operators and readers (403) and to a bad token (401), changing nothing", async () => {
    const before = (await get()).body;
    const count = (await audits()).length;
    for (const token of [operatorToken, readerToken]) {
      const { status, body } = await put({ ...FORM, connector: "builtin" }, token);
      expect(status).toBe(403);
      expect(body.error.code).toBe("FORBIDDEN");
      expect((await test(undefined, token)).status).toBe(403);
    }
    expect((await put(FORM, "bw_not-a-token")).status).toBe(401);
    expect((await get("bw_not-a-token")).status).toBe(401);
    expect((await get()).body).toEqual(before);
    expect(await audits()).toHaveLength(count);
  });

  it.each([
    [{ ...FORM, connector: "exchange" }, "body.connector"],
    [{ ...FORM, policyPort: 70000 }, "body.policyPort"],
    [{ ...FORM, policyHost: "" }, "body.policyHost"],
    [{ ...FORM, imapHost: "mail host; rm -rf" }, "body.imapHost"],
    [{ ...FORM, policyFailOpen: "yes" }, "body.policyFailOpen"],
    [{ ...FORM, doveadmUrl: "ftp://127.0.0.1" }, "body.doveadmUrl"],
    [{ ...FORM, rspamdUrl: "rspamd:11333" }, "body.rspamdUrl"],
    [{ ...FORM, rspamdControllerPassword: 42 }, "body.rspamdControllerPassword"],
    [{ ...FORM, journalMailbox: "journal" }, "body.journalMailbox"],
    [{ ...FORM, maillogPath: "mail.log" }, "body.maillogPath"],
    [{ ...FORM, masterPassword: 42 }, "body.masterPassword"],
    [{ ...FORM, smtpHost: "127.0.0.1" }, "body"],
    [{ ...FORM, imapHost: null }, "body.imapHost"],
    [{ ...FORM, masterUser: null }, "body.masterUser"],
    [{ ...FORM, doveadmUrl: "http://127.0.0.1:8080", doveadmApiKey: null }, "body.doveadmApiKey"],
    [undefined, "body"],
  ])("answers 400 naming the field for %j", async (input, path) => {
    const before = await stored();
    const { status, body } = await put(input);
    expect(status).toBe(400);
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.issues[0].path).toBe(path);
    expect(await stored()).toEqual(before);
  });
});

describe("/api/v1/settings/mail-system/test", () => {
  let silent: Server;
  let silentPort: number;

  beforeAll(async () => {
    // Reads the request and never answers: a policy service that hangs.
    silent = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => silent.close(resolve)));

  it("says of each service only that it did not answer when nothing listens, and nothing of the log file", async () => {
    const [policyPort, imapPort, doveadmPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const started = Date.now();
    const { status, body, text } = await test({
      ...FORM,
      policyPort,
      imapPort,
      doveadmUrl: `http://127.0.0.1:${doveadmPort}`,
      doveadmApiKey: "",
      maillogPath: "/nonexistent/maillog",
    });
    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.checks).toEqual([
      {
        name: "Policy service",
        ok: false,
        detail: `policy service 127.0.0.1:${policyPort}: no policy service answered`,
      },
      // The empty key is the stored one, of which there is none since it was removed.
      { name: "doveadm API", ok: false, detail: "doveadm API: no API key set" },
      { name: "IMAP", ok: false, detail: `IMAP 127.0.0.1:${imapPort}: no IMAP server answered` },
    ]);
    expect(text).not.toContain(PASSWORD);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("says which service does not answer, in the same words for a silent port as for a closed one", async () => {
    const doveadmPort = await freePort();
    const { body } = await test({
      ...FORM,
      policyPort: silentPort,
      imapHost: null,
      doveadmUrl: `http://127.0.0.1:${doveadmPort}`,
      doveadmApiKey: API_KEY,
      maillogPath: null,
    });
    expect(body).toEqual({
      ok: false,
      checks: [
        {
          name: "Policy service",
          ok: false,
          detail: `policy service 127.0.0.1:${silentPort}: no policy service answered`,
        },
        {
          name: "doveadm API",
          ok: false,
          detail: `doveadm API http://127.0.0.1:${doveadmPort}/doveadm/v1: no doveadm API answered`,
        },
      ],
    });
  });

  it("tests the saved settings without a body, and the built-in connector needs nothing", async () => {
    const policyPort = await freePort();
    await put({
      ...FORM,
      policyPort,
      imapHost: null,
      doveadmUrl: "http://127.0.0.1:1",
      doveadmApiKey: API_KEY,
      maillogPath: null,
    });
    expect((await test()).body.checks[0]).toEqual({
      name: "Policy service",
      ok: false,
      detail: `policy service 127.0.0.1:${policyPort}: no policy service answered`,
    });
    expect((await test({ ...FORM, connector: "builtin" })).body).toEqual({
      ok: true,
      checks: [{ name: "Built-in", ok: true, detail: "built-in: acts on the tenant store" }],
    });
  });
});
