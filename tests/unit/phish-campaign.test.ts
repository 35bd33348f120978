import { createHash } from "node:crypto";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";
import { ZEmailEventBatch } from "@/server/ingestion/ingestion.schemas";
import { buildPhishEml } from "@/server/simulator/phish/build-phish-eml";
import { lookalikeSenderDomains, lookalikeUrlHosts } from "@/server/simulator/phish/phish-content";
import { planPhishCampaign } from "@/server/simulator/phish/plan-phish-campaign";

const NOW = new Date("2026-03-10T12:00:00Z");
const MAILBOXES = Array.from({ length: 400 }, (_, index) => `user${index}@contoso.test`);
const plan = (seed: number, recipients = 300) =>
  planPhishCampaign({ seed, orgDomain: "contoso.test", mailboxes: MAILBOXES, recipients, now: NOW });

describe("lookalike domains", () => {
  it("imitate the organisation's domain under .example, one with a homoglyph", () => {
    expect(lookalikeSenderDomains("contoso.test")).toEqual([
      "contoso-secure.example",
      "c0ntoso.example",
      "contoso-helpdesk.example",
      "contoso-it.example",
    ]);
    expect(lookalikeUrlHosts("contoso.test")).toContain("login.contoso-verify.example");
    expect(lookalikeSenderDomains("xyz.test")).toContain("xyz-secure.example");
  });
});

describe("planPhishCampaign", () => {
  it("is the same for the same seed and differs for another", () => {
    expect(plan(4)).toEqual(plan(4));
    const other = new Set(plan(5).copies.map((copy) => copy.networkMessageId));
    expect(plan(4).copies.filter((copy) => other.has(copy.networkMessageId))).toEqual([]);
  });

  it("sends one message per recipient with one URL, one file and one fingerprint, in the hour before now", () => {
    const { copies, url, attachment } = plan(4);
    ZEmailEventBatch.parse(copies);
    expect(new Set(copies.map((copy) => copy.recipientEmailAddress)).size).toBe(300);
    expect(new Set(copies.map((copy) => copy.networkMessageId)).size).toBe(300);
    expect(new Set(copies.map((copy) => copy.internetMessageId)).size).toBe(300);
    expect(new Set(copies.flatMap((copy) => copy.urls!.map((link) => link.url)))).toEqual(new Set([url]));
    expect(new Set(copies.flatMap((copy) => copy.attachments!.map((file) => file.sha256)))).toEqual(
      new Set([attachment.sha256]),
    );
    expect(attachment.sha256).toBe(createHash("sha256").update(attachment.content).digest("hex"));
    expect(new Set(copies.map((copy) => copy.bodyFingerprint)).size).toBe(1);
    expect(new Set(copies.map((copy) => copy.subject)).size).toBe(1);
    for (const copy of copies) {
      const at = Date.parse(copy.timestamp);
      expect(at >= NOW.getTime() - 3_600_000 && at < NOW.getTime()).toBe(true);
    }
    const withFile = copies.filter((copy) => copy.attachments!.length).length / copies.length;
    expect(withFile).toBeGreaterThan(0.5);
    expect(withFile).toBeLessThan(0.75);
  });

  it("delivers most copies, junks some and blocks the last few, whose file alone carries the Malware verdict", () => {
    const { copies } = plan(4);
    const byAction = (action: string) => copies.filter((copy) => copy.deliveryAction === action);
    expect(byAction("Delivered").length).toBeGreaterThan(200);
    expect(byAction("Junked").length).toBeGreaterThan(0);
    const blocked = byAction("Blocked");
    expect(blocked.length).toBeGreaterThan(0);
    expect(copies.slice(-blocked.length)).toEqual(blocked);
    expect(
      blocked.every(
        (copy) => copy.threatTypes!.includes("Phish") && copy.attachments![0].threatTypes!.includes("Malware"),
      ),
    ).toBe(true);
    const fileVerdicts = copies
      .filter((copy) => copy.deliveryAction !== "Blocked")
      .flatMap((copy) => copy.attachments!.flatMap((file) => file.threatTypes ?? []));
    expect(fileVerdicts).toEqual([]);
  });

  it("has a few delivered recipients click, some of them through, and reports a delivered copy with the file", () => {
    const { copies, clicks, reportedCopy, url } = plan(4);
    const delivered = new Set(
      copies.filter((copy) => copy.deliveryAction === "Delivered").map((copy) => copy.recipientEmailAddress),
    );
    expect(clicks.length).toBeGreaterThan(5);
    expect(
      clicks.every(
        (click) => delivered.has(click.accountUpn) && click.url === url && click.actionType === "ClickAllowed",
      ),
    ).toBe(true);
    expect(clicks.some((click) => click.isClickedThrough)).toBe(true);
    expect(clicks.some((click) => !click.isClickedThrough)).toBe(true);
    expect(reportedCopy.deliveryAction).toBe("Delivered");
    expect(reportedCopy.attachments).toHaveLength(1);
  });

  it("refuses fewer than three recipients or more than there are mailboxes", () => {
    expect(() => plan(1, 2)).toThrow(RangeError);
    expect(() => plan(1, 401)).toThrow(/only 400 mailboxes/);
    expect(
      plan(1, 3)
        .copies.map((copy) => copy.deliveryAction)
        .sort(),
    ).toEqual(["Blocked", "Delivered", "Junked"]);
  });
});

describe("buildPhishEml", () => {
  it("is the reported copy as its mailbox holds it: same Message-ID, sender, link, file and fingerprint", async () => {
    const campaign = plan(4);
    const copy = campaign.reportedCopy;
    const mail = await simpleParser(await buildPhishEml(campaign, copy));
    expect(mail.messageId).toBe(copy.internetMessageId);
    expect(mail.from?.value[0]).toMatchObject({ address: campaign.sender.address, name: campaign.sender.displayName });
    expect(mail.subject).toBe(copy.subject);
    expect(mail.date?.toISOString()).toBe(new Date(Math.floor(Date.parse(copy.timestamp) / 1000) * 1000).toISOString());
    expect(mail.html).toContain(`href="${campaign.url.replace(/&/g, "&amp;")}"`);
    expect(mail.html).toContain(`>${campaign.lure.displayedUrl}</a>`);
    expect(
      mail.attachments.map((file) => [file.filename, createHash("sha256").update(file.content).digest("hex")]),
    ).toEqual([[campaign.attachment.fileName, campaign.attachment.sha256]]);
    expect(bodyFingerprint(mail.subject!, mail.text!)).toBe(copy.bodyFingerprint);
    const auth = copy.authenticationDetails;
    expect(mail.headers.get("authentication-results")).toContain(
      `spf=${auth.spf} (sender IP is ${campaign.sender.ip})`,
    );
    expect(mail.headers.get("authentication-results")).toContain(
      `dmarc=${auth.dmarc} action=none header.from=${campaign.sender.domain}`,
    );
    expect(String(mail.headers.get("received"))).toContain(`[${campaign.sender.ip}]`);
  });
});
