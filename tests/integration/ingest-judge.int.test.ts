import { randomUUID } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { ingestEmailEvents } from "@/server/ingestion/ingest-email-events";
import type { TEmailEventInput } from "@/server/ingestion/ingestion.schemas";
import { attachJournalCopies } from "@/server/mail-system/journal/journal-content";
import { parseEml } from "@/server/submissions/parse-eml";

// Messages the mail system let through with no verdict of its own: the detection engine judges them on the way in,
// from what an EmailEvents row carries (the API) or from the whole message (the journal copy).

const RECEIVED = new Date(Date.now() - 3_600_000).toISOString();

function row(overrides: Partial<TEmailEventInput> = {}): TEmailEventInput {
  const networkMessageId = randomUUID();
  return {
    timestamp: RECEIVED,
    networkMessageId,
    internetMessageId: `<${networkMessageId}@ingest-judge.test>`,
    senderFromAddress: "colleague@partner-ingest.example",
    senderMailFromAddress: "colleague@partner-ingest.example",
    senderDisplayName: "Jane Partner",
    senderIPv4: "198.51.100.20",
    recipientEmailAddress: "alice@contoso-ingest.test",
    subject: "Minutes of Tuesday's meeting",
    emailDirection: "Inbound",
    deliveryAction: "Delivered",
    deliveryLocation: "Inbox/folder",
    authenticationDetails: { spf: "pass", dkim: "pass", dmarc: "pass", compAuth: "pass" },
    emailSize: 12_000,
    urls: [],
    attachments: [],
    ...overrides,
  };
}

// A credential lure as a mail system reports it: a brand's name from a look-alike domain that failed DMARC, a link to
// an IP-literal host.
const phishRow = () =>
  row({
    senderFromAddress: "security@paypa1-account-verify.com",
    senderMailFromAddress: "bounce@paypa1-account-verify.com",
    senderDisplayName: "PayPal Security",
    subject: "Your account has been suspended - verify your password now",
    authenticationDetails: { spf: "fail", dkim: "none", dmarc: "fail", compAuth: "fail" },
    urls: [{ url: "http://203.0.113.50/paypal/login.php" }],
  });

const stored = (networkMessageId: string) => prisma.emailEvent.findFirstOrThrow({ where: { networkMessageId } });
const phishIds = async () =>
  (await runHuntingQuery('EmailEvents | where ThreatTypes has "Phish" | project NetworkMessageId')).rows.map(
    (found) => found.NetworkMessageId,
  );

describe("judging ingested mail", () => {
  it("fills the threat columns of an API row with no verdict; hunting finds the phish and not the benign message", async () => {
    const phish = phishRow();
    const benign = row();
    expect(await ingestEmailEvents([phish, benign])).toMatchObject({ inserted: 2 });

    const judged = await stored(phish.networkMessageId);
    expect(judged.threatTypes).toBe("Phish");
    expect(judged.threatNames).not.toBe("");
    expect(JSON.parse(judged.detectionMethods)).toEqual({ Phish: expect.arrayContaining([expect.any(String)]) });
    expect(JSON.parse(judged.confidenceLevel)).toEqual({ Phish: expect.stringMatching(/^(High|Normal|Low)$/) });
    expect(judged.bulkComplaintLevel).toBe(0);
    expect(judged.latestDeliveryAction).toBe("Delivered");

    const clean = await stored(benign.networkMessageId);
    expect([clean.threatTypes, clean.threatNames, clean.detectionMethods, clean.confidenceLevel]).toEqual([
      "",
      "",
      "",
      "",
    ]);
    expect(clean.bulkComplaintLevel).toBe(0);

    const found = await phishIds();
    expect(found).toContain(phish.networkMessageId);
    expect(found).not.toContain(benign.networkMessageId);
    const columns = await runHuntingQuery(
      `EmailEvents | where NetworkMessageId == "${phish.networkMessageId}" | project ThreatNames, ConfidenceLevel, BulkComplaintLevel, OrgLevelAction, UserLevelPolicy, EmailClusterId`,
    );
    expect(columns.rows).toEqual([
      {
        ThreatNames: judged.threatNames,
        ConfidenceLevel: judged.confidenceLevel,
        BulkComplaintLevel: 0,
        OrgLevelAction: "",
        UserLevelPolicy: "",
        EmailClusterId: null,
      },
    ]);
  });

  it("keeps every verdict column a caller sent, and judges no outbound mail", async () => {
    const sent = phishRow();
    const callers = {
      ...sent,
      deliveryAction: "Blocked" as const,
      deliveryLocation: "Quarantine" as const,
      threatTypes: ["Spam" as const],
      detectionMethods: { Spam: ["Advanced filter" as const] },
      confidenceLevel: { Spam: "Low" as const },
      threatNames: ["SPAM_RULE_42"],
      bulkComplaintLevel: 6,
      orgLevelAction: "Block",
      orgLevelPolicy: "Tenant Allow/Block List",
      userLevelAction: "MoveToJmf",
      userLevelPolicy: "Blocked senders of alice",
    };
    const outbound = { ...phishRow(), emailDirection: "Outbound" as const };
    await ingestEmailEvents([callers, outbound]);

    const kept = await stored(callers.networkMessageId);
    expect(kept).toMatchObject({
      threatTypes: "Spam",
      detectionMethods: JSON.stringify({ Spam: ["Advanced filter"] }),
      confidenceLevel: JSON.stringify({ Spam: "Low" }),
      threatNames: "SPAM_RULE_42",
      bulkComplaintLevel: 6,
      orgLevelAction: "Block",
      orgLevelPolicy: "Tenant Allow/Block List",
      userLevelAction: "MoveToJmf",
      userLevelPolicy: "Blocked senders of alice",
      latestDeliveryAction: "Blocked",
    });
    expect(await stored(outbound.networkMessageId)).toMatchObject({
      threatTypes: "",
      threatNames: "",
      bulkComplaintLevel: null,
    });
  });

  it("judges journal copies from their whole content and gives their rows' cluster and verdict", async () => {
    const lure = {
      ...phishRow(),
      authenticationDetails: { spf: "none", dkim: "none", dmarc: "none", compAuth: "none" } as const,
      urls: [],
    };
    const newsletter = { ...row(), authenticationDetails: lure.authenticationDetails };
    // As the log follower stores them: no content and no verdict yet.
    await ingestEmailEvents([lure, newsletter], { judge: false });

    const lureCopy = await new MailComposer({
      from: `PayPal Security <${lure.senderFromAddress}>`,
      to: lure.recipientEmailAddress,
      subject: lure.subject,
      messageId: lure.internetMessageId,
      headers: {
        "Authentication-Results":
          "mx.contoso-ingest.test; spf=fail smtp.mailfrom=paypa1-account-verify.com; dkim=none; dmarc=fail header.from=paypa1-account-verify.com",
      },
      html: '<p>Your PayPal account is suspended. <a href="http://203.0.113.50/paypal/login.php">Verify your password</a> within 24 hours or it will be closed.</p><form action="http://203.0.113.50/p"><input type="password"></form>',
    })
      .compile()
      .build();
    const newsletterCopy = await new MailComposer({
      from: `Jane Partner <${newsletter.senderFromAddress}>`,
      to: newsletter.recipientEmailAddress,
      subject: newsletter.subject,
      messageId: newsletter.internetMessageId,
      headers: {
        "Authentication-Results":
          "mx.contoso-ingest.test; spf=pass smtp.mailfrom=partner-ingest.example; dkim=pass header.d=partner-ingest.example; dmarc=pass header.from=partner-ingest.example",
      },
      text: "Hi Alice, the minutes of Tuesday's meeting are below. Best, Jane",
    })
      .compile()
      .build();
    const copies = await Promise.all(
      [lureCopy, newsletterCopy].map(async (source) => {
        const message = await parseEml(source);
        return {
          message: { ...message, internetMessageId: message.internetMessageId! },
          receivedAt: new Date(RECEIVED),
        };
      }),
    );
    expect(await attachJournalCopies(copies)).toBe(2);

    const judged = await stored(lure.networkMessageId);
    expect(judged.threatTypes).toBe("Phish");
    expect(judged.threatNames).not.toBe("");
    expect(judged.emailClusterId).not.toBeNull();
    const clean = await stored(newsletter.networkMessageId);
    expect(clean.threatTypes).toBe("");
    expect(clean.emailClusterId).not.toBeNull();

    const found = await phishIds();
    expect(found).toContain(lure.networkMessageId);
    expect(found).not.toContain(newsletter.networkMessageId);
    // Read again (a crash before the copies were moved): nothing changes.
    expect(await attachJournalCopies(copies)).toBe(0);
  });
});
