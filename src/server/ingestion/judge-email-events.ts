import "server-only";
import { emailFrom, type TEmail } from "@/server/verdicts/email-input";
import { judgeEmails } from "@/server/verdicts/judge-emails";
import { threatColumns } from "@/server/verdicts/threat-columns";
import type { TEmailEvent } from "./ingestion.schemas";

/** A row as stored: the engine's detection methods are its own words, wider than the API's list. */
export type TStoredEmailEvent = Omit<TEmailEvent, "detectionMethods"> & {
  detectionMethods: Partial<Record<string, string[]>>;
};

/**
 * The mail system's verdict wins when it sent one: a row naming a threat (or a confidence, threat names or a bulk
 * complaint level) keeps what was sent. A row that names none is what the mail system let through as clean, and gets
 * Breakwater's own verdict. Only inbound mail is judged: the engine weighs what an outsider sends the organisation.
 */
export function hasCallerVerdict(event: TEmailEvent): boolean {
  return (
    event.threatTypes.length > 0 ||
    Object.keys(event.detectionMethods).length > 0 ||
    event.threatNames.length > 0 ||
    Object.keys(event.confidenceLevel).length > 0 ||
    event.bulkComplaintLevel != null
  );
}

const needsJudging = (event: TEmailEvent) => event.emailDirection === "Inbound" && !hasCallerVerdict(event);

/** The batch's rows with the engine's verdict filled in where it is wanted; one judgement per message, shared by its recipients. */
export async function judgeEmailEvents(events: readonly TEmailEvent[]): Promise<TStoredEmailEvent[]> {
  const messages = new Map<string, { first: TEmailEvent; recipients: string[] }>();
  for (const event of events) {
    if (!needsJudging(event)) continue;
    const message = messages.get(event.networkMessageId);
    if (message) message.recipients.push(event.recipientEmailAddress);
    else messages.set(event.networkMessageId, { first: event, recipients: [event.recipientEmailAddress] });
  }
  if (!messages.size) return [...events];
  const list = [...messages.values()];
  const verdicts = await judgeEmails(
    list.map(({ first, recipients }) => ({
      email: emailOfEvent(first, recipients),
      receivedAt: new Date(first.timestamp),
      bodyFingerprint: first.bodyFingerprint ?? null,
    })),
  );
  const columns = new Map(list.map(({ first }, index) => [first.networkMessageId, threatColumns(verdicts[index])]));
  return events.map((event) => (needsJudging(event) ? { ...event, ...columns.get(event.networkMessageId)! } : event));
}

/** What an ingested row tells the engine: no body or headers, so authentication comes from the row's columns. */
export function emailOfEvent(event: TEmailEvent, recipients: string[]): TEmail {
  return emailFrom({
    subject: event.subject,
    senderAddress: event.senderFromAddress,
    senderDisplayName: event.senderDisplayName,
    mailFromAddress: event.senderMailFromAddress,
    replyTo: [],
    recipients,
    senderIPv4: event.senderIPv4 ?? null,
    headers: [],
    authentication: event.authenticationDetails,
    contentType: "",
    textBody: "",
    html: "",
    urls: event.urls.map(({ url }) => ({ url, domain: new URL(url).hostname, linkText: null })),
    attachments: event.attachments.map((file) => ({
      fileName: file.fileName,
      contentType: "",
      size: file.fileSize,
      sha256: file.sha256,
    })),
  });
}
