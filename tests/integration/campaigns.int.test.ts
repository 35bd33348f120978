import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCampaignsRoute } from "@/app/api/v1/campaigns/route";
import { GET as getSubmissionRoute, PATCH as assessRoute } from "@/app/api/v1/submissions/[id]/route";
import { GET as listSubmissionsRoute, POST as submitRoute } from "@/app/api/v1/submissions/route";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { findOtherReports } from "@/server/playbooks/user-reported-message/hunting-steps";
import { clusterSimilarUrls } from "@/server/playbooks/user-reported-message/cluster-steps";
import { runStep } from "../support/run-step";
import { ensurePolicy, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, routeContext } from "../factories/users";
import { itRejectsBadListQueries, listCaller } from "../support/list-route";

let reader: string;
let operator: string;

beforeAll(async () => {
  await ensurePolicy("email-reported-by-user");
  [reader, operator] = await Promise.all([makeToken("reader"), makeToken("operator")]);
});

// A body fingerprint (a campaign key) drops digits, so a hex tag's digits do not tell two tests' reports apart: tags
// that differ only in digits once linked another test's report into this one's campaign. Letters only, then.
const letterTag = () => uniqueTag().replace(/\d/g, (digit) => "ghijklmnop"[Number(digit)]);

type TEml = { from: string; replyTo?: string; subject: string; body: string; links: string[] };

/** A report as a user's Report button sends it; every part of it is the caller's, so tests choose what two reports share. */
function eml({ from, replyTo, subject, body, links }: TEml): string {
  return [
    `From: ${from}`,
    ...(replyTo ? [`Reply-To: ${replyTo}`] : []),
    "To: staff@breakwater.test",
    `Subject: ${subject}`,
    `Message-ID: <${uniqueTag()}.${uniqueTag()}@${from.split("@")[1]}>`,
    "Date: Thu, 03 Dec 2026 08:00:00 +0000",
    "Content-Type: text/html",
    "",
    `<p>${body}</p>${links.map((link) => `<a href="${link}">Open the document</a>`).join(" ")}`,
    "",
  ].join("\r\n");
}

async function report(message: TEml, reporter: string) {
  const request = new Request(`http://localhost/api/v1/submissions?reporter=${encodeURIComponent(reporter)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${reader}`, "content-type": "message/rfc822" },
    body: eml(message),
  });
  const response = await submitRoute(request, routeContext());
  expect(response.status).toBe(201);
  return (await response.json()) as { submissionId: string; investigationId: number };
}

const submission = (id: string) =>
  prisma.submission.findUniqueOrThrow({ where: { id }, select: { campaignId: true, investigationId: true } });
const subjectOf = (submissionId: string) => ({ id: 0, users: [], input: { submissionId }, createdAt: new Date() });

/** Two reports of one campaign: other senders, subjects and bodies, the same Reply-To and link host. */
function campaignPair(tag: string) {
  const replyTo = `payroll-desk-${tag}@mailbox-${tag}.example`;
  const host = `secure-docs-${tag}.example`;
  return {
    host,
    replyTo,
    first: {
      from: `HR <hr@northwind-${tag}.example>`,
      replyTo,
      subject: `Salary review ${tag}`,
      body: "Please confirm your salary details today.",
      links: [`https://${host}/review?u=1`],
    },
    second: {
      from: `Finance <finance@fabrikam-${tag}.example>`,
      replyTo,
      subject: `Bonus statement ${tag}`,
      body: "Your bonus statement is waiting for your signature.",
      links: [`https://${host}/bonus`],
    },
  };
}

describe("campaigns across reports", () => {
  it("links two reports with the same Reply-To and link host but other senders into one campaign", async () => {
    const tag = letterTag();
    const pair = campaignPair(tag);
    const first = await report(pair.first, `amy-${tag}@breakwater.test`);
    const second = await report(pair.second, `ben-${tag}@breakwater.test`);
    const [one, two] = await Promise.all([submission(first.submissionId), submission(second.submissionId)]);
    expect(one.campaignId).not.toBeNull();
    expect(two.campaignId).toBe(one.campaignId);
    // Other content, so a run of its own on its own links, though the first run is still open; the campaign links them.
    expect(second.investigationId).not.toBe(first.investigationId);

    // The second report's hunting step lists the first, and says what links them.
    const found = await runStep("UserReportedMessage", findOtherReports, subjectOf(second.submissionId));
    expect(found.findings[0]).toMatch(/^1 other report\(s\) of similar messages \(campaign #\d+/);
    expect(found.findings[1]).toContain(
      `amy-${tag}@breakwater.test reported “Salary review ${tag}” from hr@northwind-${tag}.example`,
    );
    expect(found.findings[1]).toContain(`submission ${first.submissionId}`);
    expect(found.findings[1]).toContain(`Reply-To ${pair.replyTo}`);
    expect(found.findings[1]).toContain(`link host ${pair.host}`);
    expect(found.evidence?.map((item) => item.entity)).toEqual([first.submissionId]);

    // The link host links two reports: its cluster search runs though nothing judged it malicious yet.
    const clusters = await runStep("UserReportedMessage", clusterSimilarUrls, subjectOf(second.submissionId));
    expect(clusters.findings).toContain(
      `Messages with links to ${pair.host} (in 2 reports): no copies in the tenant store`,
    );

    // The Campaigns route lists it with both reports, senders, the host and the first report's investigation.
    const response = await listCampaignsRoute(
      apiRequest(`/api/v1/campaigns?q=${tag}`, { token: reader }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    const page = await response.json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: one.campaignId,
      reports: 2,
      recipients: 3,
      senderCount: 2,
      linkHosts: [pair.host],
      investigationId: first.investigationId,
      subject: `Salary review ${tag}`,
    });
    expect(page.items[0].senders.sort()).toEqual([`finance@fabrikam-${tag}.example`, `hr@northwind-${tag}.example`]);
  });

  it("runs the second report's investigation to its end with the first under Other users' reports of similar messages", async () => {
    const tag = letterTag();
    const pair = campaignPair(tag);
    const first = await report(pair.first, `cy-${tag}@breakwater.test`);
    const second = await report(pair.second, `di-${tag}@breakwater.test`);
    await runInvestigation(second.investigationId, { isLastAttempt: false });
    const step = await prisma.investigationStep.findFirstOrThrow({
      where: { investigationId: second.investigationId, key: "other-reports" },
    });
    expect(step.status).toBe("Completed");
    expect((step.findings as string[]).join("\n")).toContain(
      `cy-${tag}@breakwater.test reported “Salary review ${tag}” from hr@northwind-${tag}.example`,
    );
    const evidence = await prisma.evidence.findMany({
      where: { investigationId: second.investigationId, kind: "submission" },
    });
    expect(evidence.map((item) => item.entity)).toEqual([first.submissionId]);
  });

  it("lets a copy of the same message reported again join the open run of its campaign", async () => {
    const tag = letterTag();
    const pair = campaignPair(tag);
    const first = await report(pair.first, `mo-${tag}@breakwater.test`);
    const again = await report({ ...pair.first }, `ned-${tag}@breakwater.test`);
    expect(again.investigationId).toBe(first.investigationId);
    expect((await submission(again.submissionId)).campaignId).toBe((await submission(first.submissionId)).campaignId);
  });

  it("does not link two reports that share only a URL shortener", async () => {
    const tag = letterTag();
    const shortLink = `https://bit.ly/${tag}`;
    const first = await report(
      { from: `a@alpha-${tag}.example`, subject: `Parcel ${tag}`, body: "Your parcel is held.", links: [shortLink] },
      `eve-${tag}@breakwater.test`,
    );
    const second = await report(
      { from: `b@beta-${tag}.example`, subject: `Invoice ${tag}`, body: "The invoice is overdue.", links: [shortLink] },
      `fay-${tag}@breakwater.test`,
    );
    const [one, two] = await Promise.all([submission(first.submissionId), submission(second.submissionId)]);
    expect([one.campaignId, two.campaignId]).toEqual([null, null]);
    expect(second.investigationId).not.toBe(first.investigationId);
    expect((await runStep("UserReportedMessage", findOtherReports, subjectOf(second.submissionId))).findings).toEqual([
      "No other user reported a similar message",
    ]);
    // The same two reports through a host that is not shared are one campaign: it is the shortener that kept them apart.
    const host = `https://parcel-${tag}.example/track`;
    const third = await report(
      { from: `c@gamma-${tag}.example`, subject: `Parcel ${tag} again`, body: "Held again.", links: [host] },
      `gil-${tag}@breakwater.test`,
    );
    const fourth = await report(
      { from: `d@delta-${tag}.example`, subject: `Tracking ${tag}`, body: "Track it.", links: [host] },
      `hal-${tag}@breakwater.test`,
    );
    expect((await submission(fourth.submissionId)).campaignId).toBe((await submission(third.submissionId)).campaignId);
    expect((await submission(fourth.submissionId)).campaignId).not.toBeNull();
  });

  it("does not link reports whose shared key is older than the window", async () => {
    const tag = letterTag();
    const pair = campaignPair(tag);
    const first = await report(pair.first, `ida-${tag}@breakwater.test`);
    await prisma.submissionKey.updateMany({
      where: { submissionId: first.submissionId },
      data: { createdAt: new Date(Date.now() - 8 * 24 * 3600_000) },
    });
    const second = await report(pair.second, `jo-${tag}@breakwater.test`);
    expect((await submission(second.submissionId)).campaignId).toBeNull();
  });

  it("shows an analyst's assessment of one report on the campaign's other reports, with what links them", async () => {
    const tag = letterTag();
    const pair = campaignPair(tag);
    const first = await report(pair.first, `kim-${tag}@breakwater.test`);
    const second = await report(pair.second, `lu-${tag}@breakwater.test`);
    const assessed = await assessRoute(
      apiRequest(`/api/v1/submissions/${first.submissionId}`, {
        method: "PATCH",
        token: operator,
        body: { assessment: "Phish" },
      }),
      routeContext({ id: first.submissionId }),
    );
    expect(assessed.status).toBe(200);

    const detail = await (
      await getSubmissionRoute(
        apiRequest(`/api/v1/submissions/${second.submissionId}`, { token: reader }),
        routeContext({ id: second.submissionId }),
      )
    ).json();
    expect(detail.assessment).toBeNull();
    expect(detail.campaign.assessment).toMatchObject({
      submissionId: first.submissionId,
      assessment: "Malicious",
      threatType: "Phish",
    });
    expect(detail.campaign.assessment.shared).toEqual(
      expect.arrayContaining([
        { kind: "replyTo", value: pair.replyTo },
        { kind: "urlHost", value: pair.host },
      ]),
    );

    const list = await (
      await listSubmissionsRoute(apiRequest(`/api/v1/submissions?q=${tag}`, { token: reader }), routeContext())
    ).json();
    const row = list.items.find((item: { id: string }) => item.id === second.submissionId);
    expect(row.campaignAssessment).toMatchObject({ submissionId: first.submissionId, assessment: "Malicious" });

    // What it taught includes the Reply-To, so a later report with only that in common is judged by it too.
    expect(
      await prisma.learnedVerdict.findUnique({ where: { kind_value: { kind: "replyTo", value: pair.replyTo } } }),
    ).toMatchObject({ assessment: "Phish", submissionId: first.submissionId });
    const campaigns = await (
      await listCampaignsRoute(apiRequest(`/api/v1/campaigns?q=${tag}`, { token: reader }), routeContext())
    ).json();
    expect(campaigns.items[0]).toMatchObject({ verdict: "Malicious", threatType: "Phish", reports: 2 });
  });
});

describe("GET /api/v1/campaigns", () => {
  itRejectsBadListQueries(
    listCaller(listCampaignsRoute, "/api/v1/campaigns", () => reader),
    [
      ["sort=subject", "query.sort"],
      ["pageSize=101", "query.pageSize"],
      ["period=1y", "query.period"],
    ],
  );
});
