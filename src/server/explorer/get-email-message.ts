import "server-only";
import { z } from "zod";
import { splitThreats } from "@/lib/email-threats";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";

/** A distribution list can reach thousands of mailboxes; the page shows this many and says how many there are. */
export const MAX_RECIPIENTS = 500;
const MAX_CHILD_ROWS = 500;

const ZStringRecord = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const ZAuthentication = z
  .object({ SPF: z.string(), DKIM: z.string(), DMARC: z.string(), CompAuth: z.string() })
  .partial();

/** DetectionMethods and ConfidenceLevel are JSON text in Defender ({"Phish":["URL detonation"]}); "" means none. */
function parseJsonRecord(text: string): Record<string, string | string[]> {
  if (!text) return {};
  try {
    const parsed = ZStringRecord.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: fall through and keep the text rather than lose it.
  }
  return { Other: text };
}

/** Everything known about one message: its headers, every recipient, its URLs and files, and what happened after delivery. */
export async function findEmailMessage(networkMessageId: string) {
  const events = await prisma.emailEvent.findMany({
    where: { networkMessageId },
    orderBy: [{ timestamp: "asc" }, { recipientEmailAddress: "asc" }],
    take: MAX_RECIPIENTS,
  });
  const first = events[0];
  if (!first) return null;
  const [recipientCount, urls, attachments, postDelivery] = await Promise.all([
    events.length < MAX_RECIPIENTS ? events.length : prisma.emailEvent.count({ where: { networkMessageId } }),
    prisma.emailUrlInfo.findMany({ where: { networkMessageId }, orderBy: { url: "asc" }, take: MAX_CHILD_ROWS }),
    prisma.emailAttachmentInfo.findMany({
      where: { networkMessageId },
      orderBy: [{ fileName: "asc" }, { id: "asc" }],
      take: MAX_CHILD_ROWS * 4,
    }),
    prisma.emailPostDeliveryEvent.findMany({
      where: { networkMessageId },
      orderBy: [{ timestamp: "asc" }, { id: "asc" }],
      take: MAX_CHILD_ROWS,
    }),
  ]);

  // Attachment rows repeat per recipient; a reader wants each file once, with how many mailboxes got it.
  const files = new Map<
    string,
    {
      fileName: string;
      fileType: string;
      sha256: string;
      fileSize: number;
      threatTypes: string[];
      recipientCount: number;
    }
  >();
  for (const row of attachments) {
    const key = `${row.sha256} ${row.fileName}`;
    const file = files.get(key);
    if (file) file.recipientCount += 1;
    else
      files.set(key, {
        fileName: row.fileName,
        fileType: row.fileType,
        sha256: row.sha256,
        fileSize: row.fileSize,
        threatTypes: splitThreats(row.threatTypes),
        recipientCount: 1,
      });
  }

  const threatTypes = [...new Set(events.flatMap((event) => splitThreats(event.threatTypes)))];
  const authentication = ZAuthentication.safeParse(first.authenticationDetails);
  return {
    networkMessageId: first.networkMessageId,
    internetMessageId: first.internetMessageId,
    timestamp: first.timestamp,
    subject: first.subject,
    senderFromAddress: first.senderFromAddress,
    senderFromDomain: first.senderFromDomain,
    senderMailFromAddress: first.senderMailFromAddress,
    senderMailFromDomain: first.senderMailFromDomain,
    senderDisplayName: first.senderDisplayName,
    senderIPv4: first.senderIPv4,
    emailDirection: first.emailDirection,
    emailSize: first.emailSize,
    threatTypes,
    detectionMethods: parseJsonRecord(first.detectionMethods),
    confidenceLevel: parseJsonRecord(first.confidenceLevel),
    threatNames: first.threatNames ? first.threatNames.split(", ") : [],
    bulkComplaintLevel: first.bulkComplaintLevel,
    emailClusterId: first.emailClusterId?.toString() ?? null,
    orgLevelAction: first.orgLevelAction,
    orgLevelPolicy: first.orgLevelPolicy,
    userLevelAction: first.userLevelAction,
    userLevelPolicy: first.userLevelPolicy,
    authenticationDetails: authentication.success ? authentication.data : {},
    recipientCount,
    recipients: events.map((event) => ({
      id: event.id.toString(),
      recipientEmailAddress: event.recipientEmailAddress,
      timestamp: event.timestamp,
      deliveryAction: event.deliveryAction,
      deliveryLocation: event.deliveryLocation,
      latestDeliveryLocation: event.latestDeliveryLocation,
      latestDeliveryAction: event.latestDeliveryAction,
      threatTypes: splitThreats(event.threatTypes),
      additionalActions: event.additionalActions,
    })),
    urls: urls.map((url) => ({
      id: url.id.toString(),
      url: url.url,
      urlDomain: url.urlDomain,
      urlLocation: url.urlLocation,
    })),
    attachments: [...files.values()],
    timeline: postDelivery.map((event) => ({
      id: event.id.toString(),
      timestamp: event.timestamp,
      action: event.action,
      actionType: event.actionType,
      actionTrigger: event.actionTrigger,
      actionResult: event.actionResult,
      recipientEmailAddress: event.recipientEmailAddress,
      deliveryLocation: event.deliveryLocation,
      threatTypes: splitThreats(event.threatTypes),
      actionId: event.actionId,
    })),
  };
}

export type TEmailMessage = NonNullable<Awaited<ReturnType<typeof findEmailMessage>>>;

/** For the API: the message, or a 404. */
export async function getEmailMessage(networkMessageId: string): Promise<TEmailMessage> {
  const message = await findEmailMessage(networkMessageId);
  if (!message) throw notFound("Message");
  return message;
}
