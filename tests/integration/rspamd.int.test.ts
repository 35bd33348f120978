// rspamd as a second opinion, a learner and an enforcer, on a real Postfix + rspamd (the mail sandbox with its
// rspamd as Postfix's milter). The console's maps route is served over HTTP to rspamd from this test process.
import { existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideAction } from "@/server/actions/decide-action";
import { GET as mapRoute } from "@/app/api/v1/rspamd/maps/[kind]/route";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { startMailSandbox, type TMailSandbox } from "../../tools/mail-sandbox/mail-sandbox";
import { isRspamdInstalled } from "../../tools/mail-sandbox/rspamd-sandbox";
import { rspamdLearnFromAssessment } from "@/server/rspamd/learn-from-assessment";
import { rspamdSignals } from "@/server/rspamd/rspamd-signals";
import { scanWithRspamd } from "@/server/rspamd/scan-message";
import { sendingHost } from "@/server/rspamd/sending-host";
import { assessSubmission } from "@/server/submissions/assess-submission";
import { parseEml } from "@/server/submissions/parse-eml";
import { makeAction, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, routeContext } from "../factories/users";
import { smtpTransport } from "../support/mail-sandbox";

const ANALYST: TPrincipal = { kind: "user", id: null, name: "Ana Lyst", role: "operator" };
const isMailSystemInstalled = existsSync("/usr/lib/postfix/sbin/master") && existsSync("/usr/sbin/dovecot");
const refusal = (error: unknown) => ({
  code: (error as { responseCode?: number }).responseCode,
  response: (error as { response?: string }).response,
});

async function waitFor<T>(check: () => Promise<T | null | false>, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The route handler behind a real HTTP listener, as Next serves it: what rspamd polls. */
function serveMapsRoute(): Promise<http.Server> {
  const server = http.createServer(async (incoming, outgoing) => {
    const kind = /^\/api\/v1\/rspamd\/maps\/([^/?]+)/.exec(incoming.url ?? "")?.[1] ?? "";
    const headers = new Headers(
      Object.entries(incoming.headers).flatMap(([name, value]) =>
        typeof value === "string" ? [[name, value] as [string, string]] : [],
      ),
    );
    const response = await mapRoute(
      new Request(`http://127.0.0.1${incoming.url}`, { method: "GET", headers }),
      routeContext({ kind }),
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(incoming.method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("GET /api/v1/rspamd/maps/{kind}", () => {
  const get = (kind: string, authorization?: string) =>
    mapRoute(
      new Request(`http://localhost/api/v1/rspamd/maps/${kind}`, { headers: authorization ? { authorization } : {} }),
      routeContext({ kind }),
    );
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

  it("serves each kind of indicator one a line, every spelling rspamd may write a URL in, to every role with a bearer token or the token as Basic password", async () => {
    const tag = uniqueTag();
    await prisma.threatIndicator.createMany({
      data: [
        { kind: "url", value: `https://maps-${tag}.test/`, threatType: "Phish", source: "test" },
        { kind: "url", value: `https://maps-${tag}.test/login?a=1#top`, threatType: "Phish", source: "test" },
        { kind: "sender", value: `ceo@maps-${tag}.test`, threatType: "Phish", source: "test" },
      ],
    });
    for (const role of ["reader", "operator", "admin"] as const) {
      const token = await makeToken(role);
      const response = await get("url", `Bearer ${token}`);
      expect(response.status, role).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      const lines = (await response.text()).split("\n");
      expect(lines).toEqual(
        expect.arrayContaining([
          `https://maps-${tag}.test/`,
          `https://maps-${tag}.test`,
          `https://maps-${tag}.test/login?a=1#top`,
          `https://maps-${tag}.test/login?a=1`,
        ]),
      );
      expect(lines.some((line) => line.startsWith("#"))).toBe(true);
      expect(await (await get("sender", basic("rspamd", token))).text()).toContain(`\nceo@maps-${tag}.test\n`);
    }
  });

  it("answers 401 to a wrong token or a Basic user name holding the token, and 400 for an unknown kind", async () => {
    const token = await makeToken("reader");
    expect((await get("url", "Bearer bw_not-a-token")).status).toBe(401);
    expect((await get("url", basic(token, "x"))).status).toBe(401);
    expect((await get("urls", `Bearer ${token}`)).status).toBe(400);
    expect((await mapRoute(apiRequest("/api/v1/rspamd/maps/ip", { token }), routeContext({ kind: "ip" }))).status).toBe(
      200,
    );
  });
});

describe("rspamd down", () => {
  it("scanWithRspamd and rspamdLearnFromAssessment answer unavailable / failed at once when nothing listens, and within the timeout when rspamd hangs", async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    let startedAt = Date.now();
    const refused = await scanWithRspamd(
      "Subject: hi\r\n\r\nhello\r\n",
      { ip: null, helo: null },
      { url: `http://127.0.0.1:${closed}` },
    );
    expect(refused).toEqual({ status: "unavailable", reason: `connect ECONNREFUSED 127.0.0.1:${closed}` });
    expect(Date.now() - startedAt).toBeLessThan(1_000);

    // Accepts the connection and never answers.
    const silent = net.createServer(() => {}).listen(0, "127.0.0.1");
    await new Promise((resolve) => silent.once("listening", resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
      startedAt = Date.now();
      const hung = await scanWithRspamd(
        "Subject: hi\r\n\r\nhello\r\n",
        { ip: "203.0.113.7", helo: "x.test" },
        { url, timeoutMs: 300 },
      );
      expect(hung).toMatchObject({ status: "unavailable", reason: expect.stringMatching(/^no answer within \d+ ms$/) });
      expect(Date.now() - startedAt).toBeLessThan(1_500);
      expect(rspamdSignals(hung)).toEqual([]);
      const learnt = await rspamdLearnFromAssessment("Subject: hi\r\n\r\nhello\r\n", "Phish", {
        controllerUrl: url,
        password: "x",
        timeoutMs: 300,
      });
      expect(learnt).toMatchObject({
        status: "failed",
        steps: [
          { action: "learnspam", outcome: "failed" },
          { action: "fuzzyadd", outcome: "failed" },
        ],
      });
    } finally {
      silent.close();
    }
    expect(await scanWithRspamd("Subject: hi\r\n\r\nhello\r\n", { ip: null, helo: null }, { url: null })).toEqual({
      status: "not-configured",
    });
  });
});

describe.skipIf(!isRspamdInstalled() || !isMailSystemInstalled)(
  "with the mail sandbox's rspamd as Postfix's milter",
  () => {
    const domain = `rspamd-${uniqueTag()}.test`;
    const alice = `alice@${domain}`;
    let mapsServer: http.Server;
    let sandbox: TMailSandbox;
    const rspamd = () => sandbox.rspamd!;

    beforeAll(async () => {
      mapsServer = await serveMapsRoute();
      const token = await makeToken("reader");
      const { port } = mapsServer.address() as net.AddressInfo;
      sandbox = await startMailSandbox({
        mailboxes: [alice],
        rspamd: { mapsUrl: `http://rspamd:${token}@127.0.0.1:${port}/api/v1/rspamd/maps` },
      });
    }, 420_000);

    afterAll(async () => {
      await sandbox?.stop();
      mapsServer?.close();
    });

    const lure = (url: string) => ({
      from: "it-support@helpdesk-mail.test",
      to: alice,
      subject: `Mailbox quota ${uniqueTag()}`,
      html: `<p>Your mailbox is full. <a href="${url}">Keep my messages</a></p>`,
    });

    it("approving Block URL in the Action center makes Postfix refuse the next message carrying that URL at SMTP", async () => {
      const url = `https://quota-${uniqueTag()}.helpdesk-mail.test/keep`;
      expect((await smtpTransport(sandbox).sendMail(lure(url))).accepted).toEqual([alice]);

      const action = await makeAction({
        type: "blockUrl",
        entity: url,
        target: { value: url, threatType: "Phish", reason: "test" },
      });
      expect(await decideAction(action.id, "approve", "block it", ANALYST)).toMatchObject({ status: "Completed" });

      // rspamd polls its maps every few seconds.
      const refused = await waitFor(async () => {
        const outcome = await smtpTransport(sandbox)
          .sendMail(lure(url))
          .then(() => null, refusal);
        return outcome?.code ? outcome : null;
      }, "the block to reach SMTP");
      expect(refused).toEqual({ code: 554, response: "554 5.7.1 Blocked by Breakwater: URL in threat intelligence" });
      expect(
        (await smtpTransport(sandbox).sendMail(lure(`https://quota-${uniqueTag()}.helpdesk-mail.test/keep`))).accepted,
      ).toEqual([alice]);
    });

    it("teaches rspamd an analyst's Phish assessment once it is committed: learn statistics and fuzzy hashes grow, and the next scan of the lure says so", async () => {
      const stat = async () => {
        const response = await fetch(`${rspamd().controllerUrl}/stat`, {
          headers: { Password: rspamd().controllerPassword },
        });
        const body = (await response.json()) as { learned: number; fuzzy_hashes: Record<string, number> };
        return { learned: body.learned, fuzzy: body.fuzzy_hashes.breakwater ?? 0 };
      };
      const before = await stat();
      const raw = [
        "Received: from mail.helpdesk-mail.test (mail.helpdesk-mail.test [203.0.113.7])",
        `\tby mx.${domain} (Postfix) with ESMTP id 4Xk2Lq1zYbz9sW; Sat, 5 Dec 2026 10:00:00 +0000`,
        'From: "IT Support" <it-support@helpdesk-mail.test>',
        `To: ${alice}`,
        "Subject: Your mailbox is full",
        `Message-ID: <${uniqueTag()}@helpdesk-mail.test>`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Your mailbox has exceeded its storage limit. Messages sent to you will be returned to their senders until you",
        "verify your account. Sign in within 24 hours at https://quota.helpdesk-mail.test/verify to keep your messages.",
        "",
      ].join("\r\n");
      const submission = await prisma.submission.create({
        data: {
          reporter: alice,
          subject: "Your mailbox is full",
          sender: "it-support@helpdesk-mail.test",
          senderDomain: "helpdesk-mail.test",
          message: { create: { raw: Buffer.from(raw) } },
        },
      });
      const previous = {
        url: process.env.BREAKWATER_RSPAMD_CONTROLLER_URL,
        password: process.env.BREAKWATER_RSPAMD_PASSWORD,
      };
      process.env.BREAKWATER_RSPAMD_CONTROLLER_URL = rspamd().controllerUrl;
      process.env.BREAKWATER_RSPAMD_PASSWORD = rspamd().controllerPassword;
      try {
        await assessSubmission(submission.id, { assessment: "Phish" }, ANALYST);
        const audit = await waitFor(
          () => prisma.auditLog.findFirst({ where: { action: "submission.teachRspamd", targetId: submission.id } }),
          "rspamd to learn",
          40_000,
        );
        // The message names each step's detail (rspamd's own words) when a step did not learn.
        expect(audit.after, JSON.stringify(audit.after)).toMatchObject({
          learning: "Phish",
          status: "learned",
          steps: [
            { action: "learnspam", outcome: "learned" },
            { action: "fuzzyadd", outcome: "learned" },
          ],
        });
      } finally {
        process.env.BREAKWATER_RSPAMD_CONTROLLER_URL = previous.url;
        process.env.BREAKWATER_RSPAMD_PASSWORD = previous.password;
        if (previous.url === undefined) delete process.env.BREAKWATER_RSPAMD_CONTROLLER_URL;
        if (previous.password === undefined) delete process.env.BREAKWATER_RSPAMD_PASSWORD;
      }
      const after = await waitFor(
        async () => {
          const now = await stat();
          return now.fuzzy > before.fuzzy ? now : null;
        },
        "the fuzzy storage to sync",
        10_000,
      );
      expect(after.learned).toBe(before.learned + 1);

      const scan = await scanWithRspamd(
        raw,
        {
          ...sendingHost((await parseEml(Buffer.from(raw))).headers),
          from: "it-support@helpdesk-mail.test",
          rcpt: [alice],
        },
        { url: rspamd().url },
      );
      expect(scan.status).toBe("ok");
      const signals = rspamdSignals(scan);
      expect(signals).toContainEqual(
        expect.objectContaining({ id: "rspamd.BREAKWATER_FUZZY_PHISH", threatType: "Phish", weight: 6 }),
      );
      // Offline its DNS lookups fail: what needs DNS is not evidence.
      expect(signals.map((signal) => signal.id)).not.toContain("rspamd.HFILTER_HOSTNAME_UNKNOWN");
    }, 120_000);
  },
);
