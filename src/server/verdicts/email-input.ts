// What the detection engine reads of a message: the parsed .eml (submissions, journal) or, when only the stored
// copy is known (a NetworkMessageId report, an Explorer selection), the same shape with what the store keeps.
import type { TMessageFinding } from "@/server/submissions/message-findings";
import type { TAuthentication, THeader } from "@/server/submissions/message-headers";

export type TArchiveListing = { entries: string[]; isEncrypted: boolean };

/** What a document attachment (PDF) says and where it links, read within bounds (pdf-contents.ts). */
export type TDocumentContents = { text: string; links: string[]; pages: number; isEncrypted: boolean };

export type TEmailAttachment = {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** The names inside a zip (nested archives listed as names only); null when not an archive or unreadable. */
  archive?: TArchiveListing | null;
  hasMacros?: boolean;
  /** Its text and links when it is a readable PDF; null or absent when not a PDF or not read. */
  document?: TDocumentContents | null;
};

export type TEmail = {
  subject: string;
  senderAddress: string;
  senderDisplayName: string;
  senderDomain: string;
  mailFromAddress: string;
  replyTo: string[];
  recipients: string[];
  senderIPv4: string | null;
  /** Every header in the message's order, unfolded; empty when only the stored copy is known. */
  headers: THeader[];
  /** The store's authentication columns, used only when there are no headers to read them from. */
  storedAuthentication: TAuthentication | null;
  /** The top-level Content-Type, lower case, with its parameters. */
  contentType: string;
  textBody: string;
  html: string;
  urls: { url: string; domain: string; linkText: string | null }[];
  attachments: TEmailAttachment[];
  /** What the parser found written wrong (a From without an address, a repeated Subject); none for a stored copy. */
  findings?: TMessageFinding[];
};

export const headerValues = (email: Pick<TEmail, "headers">, key: string): string[] =>
  email.headers.filter((header) => header.key === key).map((header) => header.value);

export const hasHeader = (email: Pick<TEmail, "headers">, key: string): boolean =>
  email.headers.some((header) => header.key === key);

/** A discussion list's post: the list names itself and says where to post or where its archive is. */
export const isListPost = (email: Pick<TEmail, "headers">): boolean =>
  hasHeader(email, "list-id") && (hasHeader(email, "list-post") || hasHeader(email, "list-archive"));

type TParsedLike = Omit<TEmail, "storedAuthentication" | "senderDomain"> & {
  senderDomain?: string;
  authentication: TAuthentication;
};

/** A parsed .eml or a stored copy's summary as the engine reads it; headers, when present, outrank the stored columns. */
export function emailFrom(message: TParsedLike): TEmail {
  return {
    ...message,
    senderDomain: message.senderDomain ?? message.senderAddress.slice(message.senderAddress.lastIndexOf("@") + 1),
    storedAuthentication: message.headers.length ? null : message.authentication,
  };
}
