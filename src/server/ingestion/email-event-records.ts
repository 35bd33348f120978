import "server-only";
import type { Column } from "./columnar-insert";
import type { TEmailEvent } from "./ingestion.schemas";
import type { TStoredEmailEvent } from "./judge-email-events";

// How validated events become rows of EmailEvent, EmailUrlInfo and EmailAttachmentInfo. The values the server
// derives (domains, counts, ReportIds, Defender's text encodings) are made here, and only here, so that the
// ingestion and the COPY benchmark write exactly the same rows.

export type UrlRecord = {
  timestamp: string;
  networkMessageId: string;
  url: string;
  urlDomain: string;
  urlLocation: string;
};

export type AttachmentRecord = {
  timestamp: string;
  networkMessageId: string;
  senderFromAddress: string;
  recipientEmailAddress: string;
  fileName: string;
  fileType: string;
  sha256: string;
  fileSize: number;
  threatTypes: string;
};

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);

// Defender lists several threat types in one string, comma separated.
export const joinThreatTypes = (types: readonly string[]) => types.join(", ");

/** The EmailEvent ReportId: one per message and recipient, so a re-sent row keeps its id. */
export const emailEventReportId = (networkMessageId: string, recipient: string) => `${networkMessageId}-${recipient}`;

// Stored as UTC wall-clock time in timestamp(3) columns, the way Prisma stores DateTime.
const utc = (timestamp: string) => (timestamp.endsWith("Z") ? timestamp : new Date(timestamp).toISOString());

// Defender's JSON-in-text columns ({"Phish":["Spoof DMARC"]}); "" when there is nothing to say.
export const jsonOrEmpty = (record: object) => (Object.keys(record).length ? JSON.stringify(record) : "");

/** EmailClusterId: the copies of one campaign share their body fingerprint, so its first 60 bits name their cluster. */
export const emailClusterId = (bodyFingerprint: string | null | undefined) =>
  bodyFingerprint ? BigInt(`0x${bodyFingerprint.slice(0, 15)}`).toString() : null;

export const EMAIL_EVENT_COLUMNS: readonly Column<TStoredEmailEvent>[] = [
  { name: "timestamp", type: "timestamp(3)", value: (e) => utc(e.timestamp) },
  { name: "networkMessageId", type: "uuid", value: (e) => e.networkMessageId },
  { name: "internetMessageId", type: "text", value: (e) => e.internetMessageId },
  { name: "senderFromAddress", type: "text", value: (e) => e.senderFromAddress },
  { name: "senderFromDomain", type: "text", value: (e) => domainOf(e.senderFromAddress) },
  { name: "senderMailFromAddress", type: "text", value: (e) => e.senderMailFromAddress },
  { name: "senderMailFromDomain", type: "text", value: (e) => domainOf(e.senderMailFromAddress) },
  { name: "senderDisplayName", type: "text", value: (e) => e.senderDisplayName },
  { name: "senderIPv4", type: "text", value: (e) => e.senderIPv4 ?? null },
  { name: "recipientEmailAddress", type: "text", value: (e) => e.recipientEmailAddress },
  { name: "subject", type: "text", value: (e) => e.subject },
  { name: "emailDirection", type: "text", value: (e) => e.emailDirection },
  { name: "deliveryAction", type: "text", value: (e) => e.deliveryAction },
  { name: "deliveryLocation", type: "text", value: (e) => e.deliveryLocation },
  { name: "latestDeliveryLocation", type: "text", value: (e) => e.deliveryLocation },
  // Until something acts on the message after delivery, its latest action is the delivery itself.
  { name: "latestDeliveryAction", type: "text", value: (e) => e.deliveryAction },
  { name: "threatTypes", type: "text", value: (e) => joinThreatTypes(e.threatTypes) },
  { name: "threatNames", type: "text", value: (e) => e.threatNames.join(", ") },
  { name: "detectionMethods", type: "text", value: (e) => jsonOrEmpty(e.detectionMethods) },
  { name: "confidenceLevel", type: "text", value: (e) => jsonOrEmpty(e.confidenceLevel) },
  { name: "bulkComplaintLevel", type: "int4", value: (e) => e.bulkComplaintLevel ?? null },
  { name: "emailClusterId", type: "int8", value: (e) => emailClusterId(e.bodyFingerprint) },
  { name: "orgLevelAction", type: "text", value: (e) => e.orgLevelAction },
  { name: "orgLevelPolicy", type: "text", value: (e) => e.orgLevelPolicy },
  { name: "userLevelAction", type: "text", value: (e) => e.userLevelAction },
  { name: "userLevelPolicy", type: "text", value: (e) => e.userLevelPolicy },
  {
    name: "authenticationDetails",
    type: "jsonb",
    value: ({ authenticationDetails: a }) =>
      JSON.stringify({ SPF: a.spf, DKIM: a.dkim, DMARC: a.dmarc, CompAuth: a.compAuth }),
  },
  { name: "attachmentCount", type: "int4", value: (e) => e.attachments.length },
  { name: "urlCount", type: "int4", value: (e) => e.urls.length },
  { name: "emailSize", type: "int4", value: (e) => e.emailSize },
  { name: "bodyFingerprint", type: "text", value: (e) => e.bodyFingerprint ?? null },
  { name: "reportId", type: "text", value: (e) => emailEventReportId(e.networkMessageId, e.recipientEmailAddress) },
];

export const EMAIL_URL_COLUMNS: readonly Column<UrlRecord>[] = [
  { name: "timestamp", type: "timestamp(3)", value: (u) => u.timestamp },
  { name: "networkMessageId", type: "uuid", value: (u) => u.networkMessageId },
  { name: "url", type: "text", value: (u) => u.url },
  { name: "urlDomain", type: "text", value: (u) => u.urlDomain },
  { name: "urlLocation", type: "text", value: (u) => u.urlLocation },
  // URLs belong to the message, not to one recipient.
  { name: "reportId", type: "text", value: (u) => u.networkMessageId },
];

export const EMAIL_ATTACHMENT_COLUMNS: readonly Column<AttachmentRecord>[] = [
  { name: "timestamp", type: "timestamp(3)", value: (a) => a.timestamp },
  { name: "networkMessageId", type: "uuid", value: (a) => a.networkMessageId },
  { name: "senderFromAddress", type: "text", value: (a) => a.senderFromAddress },
  { name: "recipientEmailAddress", type: "text", value: (a) => a.recipientEmailAddress },
  { name: "fileName", type: "text", value: (a) => a.fileName },
  { name: "fileType", type: "text", value: (a) => a.fileType },
  { name: "sha256", type: "text", value: (a) => a.sha256 },
  { name: "fileSize", type: "int4", value: (a) => a.fileSize },
  { name: "threatTypes", type: "text", value: (a) => a.threatTypes },
  { name: "reportId", type: "text", value: (a) => emailEventReportId(a.networkMessageId, a.recipientEmailAddress) },
];

/** The URL and attachment rows of some events, each once: recipients of one message share its URLs. */
export function toChildRecords(events: readonly TEmailEvent[]): { urls: UrlRecord[]; attachments: AttachmentRecord[] } {
  const urls: UrlRecord[] = [];
  const attachments: AttachmentRecord[] = [];
  const seenUrls = new Set<string>();
  const seenAttachments = new Set<string>();
  for (const event of events) {
    const timestamp = utc(event.timestamp);
    const { networkMessageId, recipientEmailAddress } = event;
    for (const { url, urlLocation } of event.urls) {
      const key = `${networkMessageId} ${url}`;
      if (seenUrls.has(key)) continue;
      seenUrls.add(key);
      urls.push({ timestamp, networkMessageId, url, urlDomain: new URL(url).hostname, urlLocation });
    }
    for (const file of event.attachments) {
      const key = `${networkMessageId} ${recipientEmailAddress} ${file.sha256}`;
      if (seenAttachments.has(key)) continue;
      seenAttachments.add(key);
      attachments.push({
        timestamp,
        networkMessageId,
        senderFromAddress: event.senderFromAddress,
        recipientEmailAddress,
        fileName: file.fileName,
        fileType: file.fileType,
        sha256: file.sha256,
        fileSize: file.fileSize,
        threatTypes: joinThreatTypes(file.threatTypes),
      });
    }
  }
  return { urls, attachments };
}
