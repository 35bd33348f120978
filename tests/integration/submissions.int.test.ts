import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getSubmissionRoute, PATCH as assessRoute } from "@/app/api/v1/submissions/[id]/route";
import { GET as listSubmissionsRoute, POST as submitRoute } from "@/app/api/v1/submissions/route";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { ensurePolicy, uniqueTag } from "../factories/console";
import { insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";
import { itRejectsBadListQueries, listCaller } from "../support/list-route";

const POLICY = "email-reported-by-user";
let reader: string;
let operator: string;

beforeAll(async () => {
  await ensurePolicy(POLICY);
  [reader, operator] = await Promise.all([makeToken("reader"), makeToken("operator")]);
});

type TPost = { contentType?: string; token?: string; query?: string; headers?: Record<string, string> };

async function post(
  body: Buffer | string,
  { contentType = "message/rfc822", token = reader, query = "", headers = {} }: TPost = {},
) {
  const request = new Request(`http://localhost/api/v1/submissions${query ? `?${query}` : ""}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType, ...headers },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  const response = await submitRoute(request, routeContext());
  return { status: response.status, body: await response.json() };
}

async function queuedRuns(investigationId: number): Promise<number> {
  const [{ count }] = await prisma.$queryRaw<{ count: number }[]>`
    select count(*)::int as count from pgboss.job where name = 'investigation-run' and (data->>'investigationId')::int = ${investigationId}`;
  return count;
}

const postJson = (body: unknown, options: TPost = {}) =>
  post(JSON.stringify(body), { contentType: "application/json", ...options });

/** A phish as the reporter's mailbox holds it; `tag` keeps each test's sender domain (and so its run) apart. */
function phishEml(tag: string, options: { messageId?: string; subject?: string } = {}) {
  const invoice = Buffer.from(`invoice ${tag}`);
  return {
    invoice,
    raw: [
      `Authentication-Results: spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=lookalike-${tag}.example; dkim=none; dmarc=fail action=none; compauth=fail reason=000`,
      `From: "Payroll" <Payroll@Lookalike-${tag}.example>`,
      "To: alice@breakwater.test",
      `Subject: ${options.subject ?? `Your salary statement ${tag}`}`,
      `Message-ID: ${options.messageId ?? `<${tag}@lookalike-${tag}.example>`}`,
      "Date: Tue, 10 Mar 2026 09:14:55 +0000",
      'Content-Type: multipart/mixed; boundary="MIX"',
      "",
      "--MIX",
      "Content-Type: text/html",
      "",
      `<p>Open <a href="https://login.lookalike-${tag}.example/payroll">https://payroll.breakwater.test</a></p>`,
      "--MIX",
      'Content-Type: application/pdf; name="statement.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      invoice.toString("base64"),
      "--MIX--",
      "",
    ].join("\r\n"),
  };
}

describe("POST /api/v1/submissions with a message/rfc822 body", () => {
  it("stores the submission, raises the informational alert and starts a user-reported message run", async () => {
    const tag = uniqueTag();
    const { raw, invoice } = phishEml(tag);
    const { status, body } = await post(raw, { query: `reporter=Alice@Breakwater.test` });
    expect(status).toBe(201);
    expect(Object.keys(body).sort()).toEqual(["alertId", "investigationId", "submissionId"]);

    const submission = await prisma.submission.findUniqueOrThrow({ where: { id: body.submissionId } });
    expect(submission).toMatchObject({
      reporter: "alice@breakwater.test",
      source: "eml",
      networkMessageId: null,
      internetMessageId: `<${tag}@lookalike-${tag}.example>`,
      subject: `Your salary statement ${tag}`,
      sender: `payroll@lookalike-${tag}.example`,
      senderDomain: `lookalike-${tag}.example`,
      verdict: "Unknown",
      alertId: body.alertId,
      investigationId: body.investigationId,
    });
    expect(submission.details).toMatchObject({
      senderDisplayName: "Payroll",
      mailFromAddress: `payroll@lookalike-${tag}.example`,
      recipients: ["alice@breakwater.test"],
      sentAt: "2026-03-10T09:14:55.000Z",
      senderIPv4: "203.0.113.9",
      authentication: { spf: "fail", dkim: "none", dmarc: "fail", compAuth: "fail" },
      // The link, with the address it shows; then that shown address too, as a URL in the message's text.
      urls: [
        {
          url: `https://login.lookalike-${tag}.example/payroll`,
          domain: `login.lookalike-${tag}.example`,
          linkText: "https://payroll.breakwater.test",
        },
        { url: "https://payroll.breakwater.test/", domain: "payroll.breakwater.test", linkText: null },
      ],
      attachments: [
        {
          fileName: "statement.pdf",
          contentType: "application/pdf",
          size: invoice.length,
          sha256: createHash("sha256").update(invoice).digest("hex"),
        },
      ],
    });

    const alert = await prisma.alert.findUniqueOrThrow({ where: { id: body.alertId } });
    expect(alert).toMatchObject({
      policyId: POLICY,
      severity: "Informational",
      status: "InProgress",
      userAddress: "alice@breakwater.test",
      investigationId: body.investigationId,
    });
    expect(alert.title).toBe(`Email reported by user as malware or phish: Your salary statement ${tag}`);
    expect(alert.details).toMatchObject({
      submissionId: body.submissionId,
      sender: `payroll@lookalike-${tag}.example`,
    });

    const investigation = await prisma.investigation.findUniqueOrThrow({ where: { id: body.investigationId } });
    expect(investigation).toMatchObject({
      playbook: "UserReportedMessage",
      status: "Starting",
      users: ["alice@breakwater.test"],
      detectionSource: "User submission",
    });
    expect(investigation.name).toBe(`User-reported message: Your salary statement ${tag}`);
    expect(investigation.input).toEqual({
      submissionId: body.submissionId,
      internetMessageId: `<${tag}@lookalike-${tag}.example>`,
      networkMessageId: null,
      bodyFingerprint: submission.bodyFingerprint,
      senderDomain: `lookalike-${tag}.example`,
    });
  });

  it("joins the open run when the same message, or one with the same body from the same domain, is reported again", async () => {
    const tag = uniqueTag();
    const first = await post(phishEml(tag).raw, { query: "reporter=alice@breakwater.test" });
    const runs = await prisma.investigation.count();
    const again = await post(phishEml(tag).raw, { query: "reporter=bob@breakwater.test" });
    const lookalike = await post(phishEml(tag, { messageId: `<other-${tag}@lookalike-${tag}.example>` }).raw, {
      query: "reporter=carol@breakwater.test",
    });
    expect([again.status, lookalike.status]).toEqual([201, 201]);
    expect(again.body.investigationId).toBe(first.body.investigationId);
    expect(lookalike.body.investigationId).toBe(first.body.investigationId);
    expect(await prisma.investigation.count()).toBe(runs);
    expect(new Set([first.body.alertId, again.body.alertId, lookalike.body.alertId]).size).toBe(3);

    const run = await prisma.investigation.findUniqueOrThrow({
      where: { id: first.body.investigationId },
      include: { alerts: true, log: true },
    });
    expect(run.users).toEqual(["alice@breakwater.test", "bob@breakwater.test", "carol@breakwater.test"]);
    expect(run.alerts.map((alert) => alert.id).sort()).toEqual(
      [first.body.alertId, again.body.alertId, lookalike.body.alertId].sort(),
    );
    expect(run.log.map((entry) => entry.message)).toContain(
      `Reported again by bob@breakwater.test (submission ${again.body.submissionId}): joined this open run instead of starting a second`,
    );
    // Queued once, by the first report; the later ones ride on that run.
    expect(await queuedRuns(first.body.investigationId)).toBe(1);
  });

  it("starts a new run once the earlier one has ended longer ago than the recent-run window, and links to it before", async () => {
    const tag = uniqueTag();
    const first = await post(phishEml(tag).raw, { query: "reporter=alice@breakwater.test" });
    await prisma.investigation.update({
      where: { id: first.body.investigationId },
      data: { status: "NoThreatsFound", endedAt: new Date(Date.now() - 5 * 60_000) },
    });
    const soon = await post(phishEml(tag).raw, { query: "reporter=bob@breakwater.test" });
    expect(soon.body.investigationId).toBe(first.body.investigationId);
    await prisma.investigation.update({
      where: { id: first.body.investigationId },
      data: { endedAt: new Date(Date.now() - 2 * 3_600_000) },
    });
    const later = await post(phishEml(tag).raw, { query: "reporter=carol@breakwater.test" });
    expect(later.body.investigationId).not.toBe(first.body.investigationId);
  });

  it("matches the stored copy by Message-ID, preferring the reporter's own", async () => {
    const tag = uniqueTag();
    const [stored] = await insertEmails([
      {
        timestamp: new Date(),
        sender: `payroll@lookalike-${tag}.example`,
        recipients: ["zed@breakwater.test", "alice@breakwater.test"],
      },
    ]);
    const { body } = await post(phishEml(tag, { messageId: stored.internetMessageId }).raw, {
      query: "reporter=alice@breakwater.test",
    });
    const submission = await prisma.submission.findUniqueOrThrow({ where: { id: body.submissionId } });
    expect(submission.networkMessageId).toBe(stored.networkMessageId);
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: body.investigationId } })).input).toMatchObject(
      { networkMessageId: stored.networkMessageId },
    );
  });

  it("still stores and investigates the report when the alert policy is switched off", async () => {
    await prisma.alertPolicy.update({ where: { id: POLICY }, data: { isEnabled: false } });
    try {
      const { status, body } = await post(phishEml(uniqueTag()).raw, { query: "reporter=alice@breakwater.test" });
      expect(status).toBe(201);
      expect(body.alertId).toBeNull();
      expect(await prisma.investigation.findUniqueOrThrow({ where: { id: body.investigationId } })).toMatchObject({
        playbook: "UserReportedMessage",
      });
    } finally {
      await prisma.alertPolicy.update({ where: { id: POLICY }, data: { isEnabled: true } });
    }
  });

  it("judges the original of a message forwarded as an attachment, and keeps who forwarded it", async () => {
    const tag = uniqueTag();
    const original = Buffer.from(
      phishEml(tag).raw.replace(
        "To: alice@breakwater.test",
        `To: alice@breakwater.test\r\nReply-To: payroll-desk-${tag}@gmail.com`,
      ),
    );
    const forward = await new MailComposer({
      from: "Alice <alice@breakwater.test>",
      to: "phish-reports@breakwater.test",
      subject: `FW: Your salary statement ${tag}`,
      text: "This looks wrong",
      attachments: [{ filename: "original.eml", content: original, contentType: "message/rfc822" }],
    })
      .compile()
      .build();
    const { status, body } = await post(forward, { query: "reporter=alice@breakwater.test" });
    expect(status).toBe(201);
    const submission = await prisma.submission.findUniqueOrThrow({
      where: { id: body.submissionId },
      include: { message: true },
    });
    expect(submission).toMatchObject({
      subject: `Your salary statement ${tag}`,
      sender: `payroll@lookalike-${tag}.example`,
      replyTo: [`payroll-desk-${tag}@gmail.com`],
      findings: [],
      wrapper: {
        kind: "forward",
        senderAddress: "alice@breakwater.test",
        senderDisplayName: "Alice",
        subject: `FW: Your salary statement ${tag}`,
        originalType: "message/rfc822",
      },
    });
    expect((submission.details as { urls: { url: string }[] }).urls[0].url).toBe(
      `https://login.lookalike-${tag}.example/payroll`,
    );
    // rspamd scans, and an assessment teaches it, the original's bytes.
    expect(Buffer.from(submission.message!.raw).equals(original)).toBe(true);
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: body.investigationId } })).input).toMatchObject(
      { senderDomain: `lookalike-${tag}.example` },
    );
    // The run's sender step says where replies go and who forwarded the original.
    await runInvestigation(body.investigationId, { isLastAttempt: false });
    const step = await prisma.investigationStep.findUniqueOrThrow({
      where: { investigationId_key: { investigationId: body.investigationId, key: "sender" } },
    });
    expect(step.findings).toEqual(
      expect.arrayContaining([
        `Replies go to payroll-desk-${tag}@gmail.com`,
        `The original came attached to a message from alice@breakwater.test ("FW: Your salary statement ${tag}"); the original is what was judged`,
      ]),
    );
  });

  it("stores a real phish whose From has no address, with its Reply-To and the finding (phishing_pot 1301)", async () => {
    const raw = readFileSync(path.join(import.meta.dirname, "../fixtures/eml/phishing-pot/sample-1301.eml"));
    const { status, body } = await post(raw, { query: "reporter=alice@breakwater.test" });
    expect(status).toBe(201);
    const { body: shown } = await get(body.submissionId);
    expect(shown).toMatchObject({
      sender: "",
      replyTo: ["ericdnalson@gmail.com"],
      wrapper: null,
      findings: [expect.objectContaining({ id: "from_no_address" })],
    });
    // The run judges it with what the parser stored: the finding, and replies going to a free mailbox.
    await runInvestigation(body.investigationId, { isLastAttempt: false });
    const { detection } = await prisma.submission.findUniqueOrThrow({ where: { id: body.submissionId } });
    const signals = (detection as { signals: { id: string; evidence: string }[] }).signals;
    expect(signals).toContainEqual(expect.objectContaining({ id: "sender.no_address" }));
    expect(signals).toContainEqual({
      id: "auth.reply_to_freemail",
      category: "authentication",
      weight: 2.5,
      threatType: "Phish",
      evidence: "Replies go to ericdnalson@gmail.com, a free mailbox, while the From names no address",
    });
    // Judged to the end, and nobody to block: the From names no address.
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: body.investigationId } })).status).not.toBe(
      "Failed",
    );
    expect(
      await prisma.action.findMany({ where: { investigationId: body.investigationId, type: "blockSender" } }),
    ).toEqual([]);
  });

  it.each([
    ["binary data", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]), /binary/],
    ["plain text", "just some text, no headers", /header block/],
    ["a message without a sender", "Subject: hi\r\n\r\nbody", /From header/],
    ["an empty body", "", /empty/],
  ])("answers 400 for %s", async (_name, raw, message) => {
    const { status, body } = await post(raw, { query: "reporter=alice@breakwater.test" });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
  });

  it("answers 400 naming query.reporter when a token reports without saying who reported", async () => {
    const { status, body } = await post(phishEml(uniqueTag()).raw);
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toBe("query.reporter");
    expect(
      (await post(phishEml(uniqueTag()).raw, { query: "reporter=not-an-address" })).body.error.issues[0].path,
    ).toBe("query.reporter");
  });

  it("answers 413 past 10 MiB, whether the length is declared or only counted", async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, "a");
    const declared = await post(big, {
      query: "reporter=alice@breakwater.test",
      headers: { "content-length": String(big.length) },
    });
    const counted = await post(big, { query: "reporter=alice@breakwater.test" });
    for (const { status, body } of [declared, counted]) {
      expect(status).toBe(413);
      expect(body.error.message).toMatch(/10 MiB/);
    }
  });

  // No token at all falls back to the session, which needs Next's request scope: the e2e tests cover that path.
  it("answers 415 for another content type and 401 for a bad token", async () => {
    const wrongType = await post("From: a@b.example\r\n\r\nx", {
      contentType: "text/plain",
      query: "reporter=alice@breakwater.test",
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.message).toMatch(/message\/rfc822/);
    expect(
      (await post(phishEml(uniqueTag()).raw, { token: "bw_not-a-token", query: "reporter=alice@breakwater.test" }))
        .status,
    ).toBe(401);
  });
});

describe("POST /api/v1/submissions with a NetworkMessageId", () => {
  it("builds the summary from the stored copy the reporter received", async () => {
    const tag = uniqueTag();
    const [stored] = await insertEmails([
      {
        timestamp: new Date("2026-03-10T08:00:00Z"),
        sender: `billing@lookalike-${tag}.example`,
        senderDisplayName: "Billing",
        senderIPv4: "198.51.100.40",
        recipients: ["zed@breakwater.test", "alice@breakwater.test"],
        subject: `Overdue invoice ${tag}`,
        authenticationDetails: { SPF: "SoftFail", DKIM: "None", DMARC: "Fail", CompAuth: "fail" },
        urls: [`https://pay.lookalike-${tag}.example/invoice`],
        attachments: [{ fileName: "invoice.html", fileType: "html" }],
      },
    ]);
    const { status, body } = await postJson({
      networkMessageId: stored.networkMessageId.toUpperCase(),
      reporter: "alice@breakwater.test",
    });
    expect(status).toBe(201);
    const submission = await prisma.submission.findUniqueOrThrow({ where: { id: body.submissionId } });
    expect(submission).toMatchObject({
      source: "networkMessageId",
      networkMessageId: stored.networkMessageId,
      internetMessageId: stored.internetMessageId,
      subject: `Overdue invoice ${tag}`,
      sender: `billing@lookalike-${tag}.example`,
      senderDomain: `lookalike-${tag}.example`,
    });
    expect(submission.details).toMatchObject({
      senderDisplayName: "Billing",
      senderIPv4: "198.51.100.40",
      recipients: ["zed@breakwater.test", "alice@breakwater.test"],
      authentication: { spf: "softfail", dkim: "none", dmarc: "fail", compAuth: "fail" },
      urls: [
        { url: `https://pay.lookalike-${tag}.example/invoice`, domain: `pay.lookalike-${tag}.example`, linkText: null },
      ],
      attachments: [{ fileName: "invoice.html", contentType: "html", size: 48_213 }],
      textBody: "",
    });
    const investigation = await prisma.investigation.findUniqueOrThrow({ where: { id: body.investigationId } });
    expect(investigation.input).toMatchObject({
      submissionId: body.submissionId,
      networkMessageId: stored.networkMessageId,
      internetMessageId: stored.internetMessageId,
    });
  });

  it("answers 400 naming the field for a bad id or a missing reporter, and 404 for an unknown message", async () => {
    const badId = await postJson({ networkMessageId: "not-a-uuid", reporter: "alice@breakwater.test" });
    expect(badId.status).toBe(400);
    expect(badId.body.error.issues[0].path).toBe("body.networkMessageId");
    const [stored] = await insertEmails([{ timestamp: new Date() }]);
    expect((await postJson({ networkMessageId: stored.networkMessageId })).body.error.issues[0].path).toBe(
      "body.reporter",
    );
    expect(
      (await postJson({ networkMessageId: stored.networkMessageId, reporter: "a@b.example", extra: 1 })).status,
    ).toBe(400);
    expect((await post("{not json", { contentType: "application/json" })).status).toBe(400);
    const unknown = await postJson({ networkMessageId: randomUUID(), reporter: "alice@breakwater.test" });
    expect(unknown.status).toBe(404);
  });
});

async function get(id: string) {
  const response = await getSubmissionRoute(
    apiRequest(`/api/v1/submissions/${id}`, { token: reader }),
    routeContext({ id }),
  );
  return { status: response.status, body: await response.json() };
}

async function assess(id: string, assessment: string, token: string) {
  const response = await assessRoute(
    apiRequest(`/api/v1/submissions/${id}`, { method: "PATCH", token, body: { assessment } }),
    routeContext({ id }),
  );
  return { status: response.status, body: await response.json() };
}

describe("GET and PATCH /api/v1/submissions/{id}", () => {
  it("answers one submission with its details, 404 for an unknown id and 400 for a malformed one", async () => {
    const { body: created } = await post(phishEml(uniqueTag()).raw, { query: "reporter=alice@breakwater.test" });
    const { status, body } = await get(created.submissionId);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: created.submissionId,
      alertId: created.alertId,
      investigationId: created.investigationId,
      assessment: null,
    });
    expect(body.details.urls).toHaveLength(2);
    expect((await get(randomUUID())).status).toBe(404);
    expect((await get("42")).body.error.issues[0].path).toBe("params.id");
  });

  it("lets an operator set the assessment, audited with before and after; a reader gets 403", async () => {
    const { body: created } = await post(phishEml(uniqueTag()).raw, { query: "reporter=alice@breakwater.test" });
    expect((await assess(created.submissionId, "Malicious", reader)).status).toBe(403);
    const { status, body } = await assess(created.submissionId, "Malicious", operator);
    expect(status).toBe(200);
    expect(body).toMatchObject({ assessment: "Malicious", assessedByName: "token factory operator" });
    expect(body.assessedAt).toEqual(expect.any(String));
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "submission.assess", targetId: created.submissionId },
    });
    expect(audit).toMatchObject({
      actorName: "token factory operator",
      targetType: "submission",
      before: { assessment: null, assessedByName: null, assessedAt: null },
    });
    expect(audit.after).toMatchObject({ assessment: "Malicious", assessedByName: "token factory operator" });
    expect((await assess(created.submissionId, "Harmless", operator)).body.error.issues[0].path).toBe(
      "body.assessment",
    );
    expect((await assess(randomUUID(), "Clean", operator)).status).toBe(404);
  });
});

describe("GET /api/v1/submissions", () => {
  const list = listCaller(listSubmissionsRoute, "/api/v1/submissions", () => reader);

  it("filters by the verdict shown (the analyst's over the playbook's) and by subject or sender", async () => {
    const tag = uniqueTag();
    const report = async (subject: string) =>
      (
        await post(phishEml(uniqueTag(), { subject: `${subject} ${tag}` }).raw, {
          query: "reporter=alice@breakwater.test",
        })
      ).body.submissionId as string;
    const [playbookMalicious, assessedMalicious, overruled] = [
      await report("first"),
      await report("second"),
      await report("third"),
    ];
    await prisma.submission.updateMany({
      where: { id: { in: [playbookMalicious, overruled] } },
      data: { verdict: "Malicious", threatType: "Phish" },
    });
    await assess(assessedMalicious, "Malicious", operator);
    await assess(overruled, "Clean", operator);

    const malicious = (await list(`q=${tag}&verdict=malicious`)).body;
    expect(malicious.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [playbookMalicious, assessedMalicious].sort(),
    );
    expect((await list(`q=${tag}&verdict=Clean`)).body.items.map((item: { id: string }) => item.id)).toEqual([
      overruled,
    ]);
    const bySubject = (await list(`q=SECOND ${tag}`)).body;
    expect(bySubject).toMatchObject({ total: 1, page: 1, pageSize: 25 });
    expect(bySubject.items[0]).toMatchObject({
      id: assessedMalicious,
      reporter: "alice@breakwater.test",
      assessment: "Malicious",
    });
    expect((await list(`q=lookalike&reporter=nobody-${tag}`)).body.total).toBe(0);
    expect((await list(`q=${tag}&sort=subject`)).body.items.map((item: { subject: string }) => item.subject)).toEqual([
      `first ${tag}`,
      `second ${tag}`,
      `third ${tag}`,
    ]);
  });

  itRejectsBadListQueries(list, [
    ["verdict=Evil", "query.verdict"],
    ["sort=details", "query.sort"],
    ["period=1y", "query.period"],
  ]);
});
