import { createHash, randomUUID } from "node:crypto";
import { prisma } from "@/server/db";

// Mail rows written straight into the tenant store with createMany: the Explorer tests need exact control over
// timestamps, verdicts and post-delivery history, which the ingestion API (rightly) does not let a client set.

export type TAttachmentSpec = {
  fileName: string;
  fileType?: string;
  sha256?: string;
  fileSize?: number;
  threatTypes?: string[];
};
export type TPostDeliverySpec = {
  action: string;
  actionType: string;
  actionTrigger?: string;
  deliveryLocation: string;
  minutesAfter?: number;
};

export type TEmailSpec = {
  timestamp: Date;
  sender?: string;
  senderDisplayName?: string;
  mailFrom?: string;
  senderIPv4?: string | null;
  recipients?: string[];
  subject?: string;
  direction?: "Inbound" | "Outbound" | "Intra-org";
  deliveryAction?: "Delivered" | "Junked" | "Blocked" | "Replaced";
  deliveryLocation?: string;
  latestDeliveryLocation?: string;
  threatTypes?: string[];
  detectionMethods?: Record<string, string[]>;
  authenticationDetails?: { SPF: string; DKIM: string; DMARC: string; CompAuth: string };
  additionalActions?: string[];
  bodyFingerprint?: string;
  urls?: string[];
  attachments?: TAttachmentSpec[];
  postDelivery?: TPostDeliverySpec[];
};

export type TInsertedEmail = TEmailSpec & { networkMessageId: string; internetMessageId: string; recipients: string[] };

export const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");
export const hoursAgo = (hours: number, now = new Date()) => new Date(now.getTime() - hours * 3_600_000);

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);
const PASS = { SPF: "pass", DKIM: "pass", DMARC: "pass", CompAuth: "pass" };

/** Inserts messages (one EmailEvent per recipient) with their URLs, attachments and post-delivery events. */
export async function insertEmails(specs: TEmailSpec[]): Promise<TInsertedEmail[]> {
  const emails = specs.map((spec) => {
    const networkMessageId = randomUUID();
    return {
      ...spec,
      networkMessageId,
      internetMessageId: `<${networkMessageId}@factory.test>`,
      recipients: spec.recipients ?? ["user@breakwater.test"],
    };
  });
  const reportId = () => randomUUID();
  await prisma.emailEvent.createMany({
    data: emails.flatMap((email) => {
      const sender = email.sender ?? "news@fabrikam.example";
      const mailFrom = email.mailFrom ?? sender;
      return email.recipients.map((recipient) => ({
        timestamp: email.timestamp,
        networkMessageId: email.networkMessageId,
        internetMessageId: email.internetMessageId,
        senderFromAddress: sender,
        senderFromDomain: domainOf(sender),
        senderMailFromAddress: mailFrom,
        senderMailFromDomain: domainOf(mailFrom),
        senderDisplayName: email.senderDisplayName ?? "Factory Sender",
        senderIPv4: email.senderIPv4 === undefined ? "198.51.100.7" : email.senderIPv4,
        recipientEmailAddress: recipient,
        subject: email.subject ?? "Hello",
        emailDirection: email.direction ?? "Inbound",
        deliveryAction: email.deliveryAction ?? "Delivered",
        deliveryLocation: email.deliveryLocation ?? "Inbox/folder",
        latestDeliveryLocation: email.latestDeliveryLocation ?? email.deliveryLocation ?? "Inbox/folder",
        threatTypes: (email.threatTypes ?? []).join(", "),
        detectionMethods: email.detectionMethods ? JSON.stringify(email.detectionMethods) : "",
        authenticationDetails: email.authenticationDetails ?? PASS,
        attachmentCount: email.attachments?.length ?? 0,
        urlCount: email.urls?.length ?? 0,
        emailSize: 24_000,
        additionalActions: email.additionalActions ?? [],
        bodyFingerprint: email.bodyFingerprint ?? null,
        reportId: `${email.networkMessageId}-${recipient}`,
      }));
    }),
  });
  await prisma.emailUrlInfo.createMany({
    data: emails.flatMap((email) =>
      (email.urls ?? []).map((url) => ({
        timestamp: email.timestamp,
        networkMessageId: email.networkMessageId,
        url,
        urlDomain: new URL(url).hostname,
        reportId: email.networkMessageId,
      })),
    ),
  });
  await prisma.emailAttachmentInfo.createMany({
    data: emails.flatMap((email) =>
      email.recipients.flatMap((recipient) =>
        (email.attachments ?? []).map((file) => ({
          timestamp: email.timestamp,
          networkMessageId: email.networkMessageId,
          senderFromAddress: email.sender ?? "news@fabrikam.example",
          recipientEmailAddress: recipient,
          fileName: file.fileName,
          fileType: file.fileType ?? file.fileName.split(".").pop() ?? "bin",
          sha256: file.sha256 ?? sha256Of(file.fileName),
          fileSize: file.fileSize ?? 48_213,
          threatTypes: (file.threatTypes ?? []).join(", "),
          reportId: reportId(),
        })),
      ),
    ),
  });
  await prisma.emailPostDeliveryEvent.createMany({
    data: emails.flatMap((email) =>
      email.recipients.flatMap((recipient) =>
        (email.postDelivery ?? []).map((event) => ({
          timestamp: new Date(email.timestamp.getTime() + (event.minutesAfter ?? 30) * 60_000),
          networkMessageId: email.networkMessageId,
          internetMessageId: email.internetMessageId,
          recipientEmailAddress: recipient,
          action: event.action,
          actionType: event.actionType,
          actionTrigger: event.actionTrigger ?? "Automation",
          actionResult: "Success",
          deliveryLocation: event.deliveryLocation,
          threatTypes: (email.threatTypes ?? []).join(", "),
          reportId: reportId(),
        })),
      ),
    ),
  });
  return emails;
}
