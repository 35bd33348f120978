import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { createRandom, type Random } from "@/lib/random";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";
import type { TEmailEventInput } from "@/server/ingestion/ingestion.schemas";
import { attachmentPage, pickLure, renderBody, type PhishLure } from "./phish-content";

export type PhishCampaignInput = {
  seed: number;
  /** The organisation's domain, which the sender and the link imitate. */
  orgDomain: string;
  /** Addresses to choose the recipients from: the organisation's mailboxes. */
  mailboxes: readonly string[];
  recipients: number;
  /** The campaign arrives in the hour before this. */
  now: Date;
};

export type PhishCampaignPlan = {
  lure: PhishLure;
  sender: { address: string; domain: string; displayName: string; mailFromAddress: string; ip: string };
  url: string;
  attachment: { fileName: string; fileType: string; content: Buffer; sha256: string };
  subject: string;
  /** One row per recipient, each its own message (NetworkMessageId and Message-ID), in the order they arrived. */
  copies: TEmailEventInput[];
  clicks: Prisma.UrlClickEventCreateManyInput[];
  /** The delivered copy its recipient reports as phish. */
  reportedCopy: TEmailEventInput;
};

export const MIN_RECIPIENTS = 3;
const WINDOW_MS = 3_600_000;
const ATTACHMENT_SHARE = 0.6;
const CLICK_SHARE = 0.05;

/**
 * A bulk credential-phishing campaign: the same subject, body, link and (on a share of the copies) file to each
 * recipient. Most copies were delivered; filtering junked some; the last few were blocked once detonation judged the
 * link and the file, which is why only those copies carry the file's Malware verdict. A pure function of its input.
 */
export function planPhishCampaign({
  seed,
  orgDomain,
  mailboxes,
  recipients,
  now,
}: PhishCampaignInput): PhishCampaignPlan {
  if (!Number.isInteger(recipients) || recipients < MIN_RECIPIENTS)
    throw new RangeError(`recipients must be a whole number ≥ ${MIN_RECIPIENTS}`);
  if (recipients > mailboxes.length)
    throw new RangeError(`${recipients} recipients wanted but only ${mailboxes.length} mailboxes to choose from`);
  const random = createRandom(seed);
  const lure = pickLure(random.fork("lure"), orgDomain);
  const details = random.fork("details");
  const sender = {
    address: `${lure.theme.localPart}@${lure.senderDomain}`,
    domain: lure.senderDomain,
    displayName: lure.theme.displayName,
    mailFromAddress: `bounce-${details.hex(8)}@mail.${lure.senderDomain}`,
    ip: `192.0.2.${details.int(100, 254)}`,
  };
  const url = `https://${lure.urlHost}/reset?id=${details.hex(16)}`;
  const fileName = `${lure.theme.fileStem}-${details.int(1000, 9999)}.html`;
  const content = Buffer.from(attachmentPage(lure.theme.displayName, url));
  const attachment = {
    fileName,
    fileType: "html",
    content,
    sha256: createHash("sha256").update(content).digest("hex"),
  };

  const targets = random.fork("recipients").sample(mailboxes, recipients);
  const blocked = Math.max(1, Math.round(targets.length * 0.04));
  const junked = Math.max(1, Math.round(targets.length * 0.12));
  const arrival = random.fork("arrival");
  const junkedIndexes = new Set(arrival.sample([...targets.keys()].slice(0, targets.length - blocked), junked));
  const start = now.getTime() - WINDOW_MS;
  const copies = targets.map((recipient, index): TEmailEventInput => {
    const isBlocked = index >= targets.length - blocked;
    const hasFile = isBlocked || arrival.chance(ATTACHMENT_SHARE);
    const networkMessageId = arrival.uuid();
    const { text, html } = renderBody(lure, url, fileName, recipient);
    return {
      timestamp: new Date(start + Math.floor(((index + arrival.next()) * WINDOW_MS) / targets.length)).toISOString(),
      networkMessageId,
      internetMessageId: `<${arrival.hex(24).toUpperCase()}@${sender.domain}>`,
      senderFromAddress: sender.address,
      senderMailFromAddress: sender.mailFromAddress,
      senderDisplayName: sender.displayName,
      senderIPv4: sender.ip,
      recipientEmailAddress: recipient,
      subject: lure.theme.subject,
      emailDirection: "Inbound",
      ...(isBlocked
        ? {
            deliveryAction: "Blocked",
            deliveryLocation: "Quarantine",
            threatTypes: ["Phish"],
            detectionMethods: { Phish: ["URL detonation reputation", "Impersonation domain"] },
          }
        : junkedIndexes.has(index)
          ? {
              deliveryAction: "Junked",
              deliveryLocation: "Junk folder",
              threatTypes: ["Spam"],
              detectionMethods: { Spam: ["Advanced filter"] },
            }
          : { deliveryAction: "Delivered", deliveryLocation: "Inbox/folder", threatTypes: [], detectionMethods: {} }),
      authenticationDetails: lure.authentication,
      emailSize: 4_096 + Buffer.byteLength(html) + (hasFile ? Math.ceil((content.length * 4) / 3) : 0),
      bodyFingerprint: bodyFingerprint(lure.theme.subject, text),
      urls: [{ url, urlLocation: "Body" }],
      attachments: hasFile
        ? [
            {
              fileName,
              fileType: "html",
              sha256: attachment.sha256,
              fileSize: content.length,
              threatTypes: isBlocked ? ["Malware"] : [],
            },
          ]
        : [],
    };
  });

  const delivered = copies.filter((copy) => copy.deliveryAction === "Delivered");
  const reporting = random.fork("report");
  const withFile = delivered.filter((copy) => copy.attachments?.length);
  return {
    lure,
    sender,
    url,
    attachment,
    subject: lure.theme.subject,
    copies,
    clicks: plannedClicks(random.fork("clicks"), delivered, url, now),
    reportedCopy: reporting.pick(withFile.length ? withFile : delivered),
  };
}

// A few recipients follow the link before anything blocks it; a third of those click through the warning too.
function plannedClicks(
  random: Random,
  delivered: TEmailEventInput[],
  url: string,
  now: Date,
): Prisma.UrlClickEventCreateManyInput[] {
  const clickers = random.sample(delivered, Math.max(1, Math.round(delivered.length * CLICK_SHARE)));
  const clickedThrough = Math.ceil(clickers.length / 3);
  return clickers.map((copy, index) => ({
    timestamp: new Date(Math.min(now.getTime() - 1_000, Date.parse(copy.timestamp) + random.int(1, 20) * 60_000)),
    url,
    actionType: "ClickAllowed",
    accountUpn: copy.recipientEmailAddress,
    workload: "Email",
    networkMessageId: copy.networkMessageId,
    ipAddress: `198.51.100.${random.int(1, 254)}`,
    isClickedThrough: index < clickedThrough,
    urlChain: url,
    reportId: `click-${copy.networkMessageId}-${copy.recipientEmailAddress}`,
  }));
}
