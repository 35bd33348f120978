import { beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { simulatePhishCampaign, type PhishCampaignSummary } from "@/server/simulator/simulate-phish-campaign";

const NOW = new Date("2026-03-10T12:00:00Z");
let summary: PhishCampaignSummary;

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await simulateOrg({ seed: 2, mailboxes: 60, days: 2, now: new Date("2026-03-10T00:00:00Z") });
  summary = await simulatePhishCampaign({ seed: 8, recipients: 50, now: NOW });
}, 120_000);

const campaignRows = () => prisma.emailEvent.findMany({ where: { senderFromAddress: summary.senderAddress } });

describe("the phish-campaign scenario", () => {
  it("sends one message per recipient from a lookalike of the organisation's domain, in the hour before now", async () => {
    expect(summary.senderDomain).toMatch(/^(contoso-|c0ntoso)[a-z-]*\.example$/);
    expect(summary.urlDomain).toMatch(/contoso|c0ntoso/);
    const rows = await campaignRows();
    expect(rows).toHaveLength(50);
    expect(summary).toMatchObject({ recipients: 50, inserted: 50, delivered: 50 - summary.junked - summary.blocked });
    expect(new Set(rows.map((row) => row.networkMessageId)).size).toBe(50);
    expect(new Set(rows.map((row) => row.bodyFingerprint))).toEqual(new Set([summary.bodyFingerprint]));
    expect(
      await prisma.mailbox.count({ where: { address: { in: rows.map((row) => row.recipientEmailAddress) } } }),
    ).toBe(50);
    for (const row of rows) expect(row.timestamp.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 3_600_000);
    const byAction = (action: string) => rows.filter((row) => row.deliveryAction === action);
    expect([byAction("Delivered").length, byAction("Junked").length, byAction("Blocked").length]).toEqual([
      summary.delivered,
      summary.junked,
      summary.blocked,
    ]);
    expect(summary.blocked).toBeGreaterThan(0);
    expect(
      byAction("Blocked").every((row) => row.threatTypes === "Phish" && row.latestDeliveryLocation === "Quarantine"),
    ).toBe(true);
  });

  it("carries one URL in every copy and one file in some, judged malicious only where it was blocked", async () => {
    const ids = (await campaignRows()).map((row) => row.networkMessageId);
    const urls = await prisma.emailUrlInfo.findMany({ where: { networkMessageId: { in: ids } } });
    expect(urls).toHaveLength(50);
    expect(new Set(urls.map((url) => url.url))).toEqual(new Set([summary.url]));
    expect(await prisma.emailUrlInfo.count({ where: { url: summary.url } })).toBe(50);
    const files = await prisma.emailAttachmentInfo.findMany({ where: { sha256: summary.sha256 } });
    expect(files).toHaveLength(summary.withAttachment);
    expect(new Set(files.map((file) => file.fileName))).toEqual(new Set([summary.fileName]));
    expect(files.filter((file) => file.threatTypes === "Malware")).toHaveLength(summary.blocked);
  });

  it("records the clicks, some clicked through", async () => {
    const clicks = await prisma.urlClickEvent.findMany({ where: { url: summary.url } });
    expect(clicks.length).toBeGreaterThan(0);
    expect(
      clicks
        .filter((click) => click.isClickedThrough)
        .map((click) => click.accountUpn)
        .sort(),
    ).toEqual([...summary.clicks].sort());
    expect(clicks.every((click) => click.actionType === "ClickAllowed")).toBe(true);
  });

  it("has one recipient report a delivered copy, which stores the submission and starts the user-reported message run", async () => {
    const reported = summary.reported!;
    const copy = await prisma.emailEvent.findFirstOrThrow({
      where: { networkMessageId: reported.networkMessageId, recipientEmailAddress: reported.reporter },
    });
    expect(copy).toMatchObject({ deliveryAction: "Delivered", internetMessageId: reported.internetMessageId });
    const submission = await prisma.submission.findUniqueOrThrow({ where: { id: reported.submissionId } });
    expect(submission).toMatchObject({
      reporter: reported.reporter,
      source: "eml",
      networkMessageId: reported.networkMessageId,
      internetMessageId: reported.internetMessageId,
      sender: summary.senderAddress,
      senderDomain: summary.senderDomain,
      bodyFingerprint: summary.bodyFingerprint,
      investigationId: reported.investigationId,
    });
    const details = submission.details as {
      urls: { url: string }[];
      attachments: { sha256: string }[];
      senderIPv4: string;
      authentication: Record<string, string>;
    };
    expect(details.urls.map((link) => link.url)).toContain(summary.url);
    expect(details.attachments.map((file) => file.sha256)).toEqual([summary.sha256]);
    expect(details.authentication).toEqual({
      spf: expect.any(String),
      dkim: expect.any(String),
      dmarc: expect.any(String),
      compAuth: "fail",
    });
    expect(details.senderIPv4).toBe(copy.senderIPv4);
    const investigation = await prisma.investigation.findUniqueOrThrow({ where: { id: reported.investigationId } });
    expect(investigation).toMatchObject({ playbook: "UserReportedMessage", users: [reported.reporter] });
  });

  it("is found whole by the run: every copy in the Similar URLs cluster, every copy with the file in Similar files", async () => {
    const { investigationId } = summary.reported!;
    await runInvestigation(investigationId, { isLastAttempt: false });
    const investigation = await prisma.investigation.findUniqueOrThrow({
      where: { id: investigationId },
      include: { clusters: true },
    });
    expect(investigation.status).toBe("PendingAction");
    const count = (kind: string) => investigation.clusters.find((cluster) => cluster.kind === kind)?.messageCount;
    expect([count("similarUrls"), count("similarMessages"), count("similarFiles")]).toEqual([
      50,
      50,
      summary.withAttachment,
    ]);
    const inbox = investigation.clusters.find((cluster) => cluster.kind === "similarUrls")!.countsByLocation;
    expect(inbox).toEqual({
      "Inbox/folder": summary.delivered,
      "Junk folder": summary.junked,
      Quarantine: summary.blocked,
    });
  });

  it("writes nothing twice when run again, and delivers without a report when asked", async () => {
    const clicks = await prisma.urlClickEvent.count({ where: { url: summary.url } });
    const again = await simulatePhishCampaign({ seed: 8, recipients: 50, now: NOW, report: false });
    expect(again).toMatchObject({ inserted: 0, reported: null, url: summary.url, sha256: summary.sha256 });
    expect(await prisma.emailEvent.count({ where: { senderFromAddress: summary.senderAddress } })).toBe(50);
    expect(await prisma.urlClickEvent.count({ where: { url: summary.url } })).toBe(clicks);
    expect(await prisma.submission.count()).toBe(1);
  });
});
