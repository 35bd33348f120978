import "server-only";
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from "mailparser";
import { AppError } from "@/server/http/app-error";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";
import { htmlToText } from "./html-text";
import type { TArchiveListing, TDocumentContents } from "@/server/verdicts/email-input";
import { hasMacros, zipListing } from "./attachment-contents";
import { authenticationResults, senderIPv4, type TAuthentication, type THeader } from "./message-headers";
import { messageUrls, type TMessageUrl } from "./message-urls";
import { isPdf, readPdf } from "./pdf-contents";

export type TMessageAttachment = { fileName: string; contentType: string; size: number; sha256: string; archive?: TArchiveListing | null; hasMacros?: boolean; document?: TDocumentContents | null };

export type TParsedMessage = {
  /** With angle brackets, as EmailEvent.internetMessageId stores it: "<abc@host>". */
  internetMessageId: string | null;
  subject: string;
  senderAddress: string;
  senderDisplayName: string;
  senderDomain: string;
  mailFromAddress: string;
  recipients: string[];
  sentAt: Date | null;
  senderIPv4: string | null;
  authentication: TAuthentication;
  replyTo: string[];
  /** Every header, unfolded, in order (capped): what the detection engine reads authentication and bulk marks from. */
  headers: THeader[];
  /** The top-level Content-Type with its parameters, lower case. */
  contentType: string;
  textBody: string;
  html: string;
  urls: TMessageUrl[];
  attachments: TMessageAttachment[];
  bodyFingerprint: string;
};

export const MAX_TEXT_BODY = 100_000;
export const MAX_HTML = 200_000;
const MAX_HEADERS = 300;
const MAX_HEADER_VALUE = 4000;
const MAX_RECIPIENTS = 1000;

/** The upload is not an email message; the route answers 400 with this message. */
export class MalformedEmlError extends AppError {
  constructor(reason: string) {
    super("BAD_REQUEST", `Invalid body: not an email message (${reason})`, [{ path: "body", message: reason }]);
    this.name = "MalformedEmlError";
  }
}

/**
 * Reads a reported message (.eml, RFC 5322 / MIME). mailparser accepts anything as "a message with no headers", so
 * what counts as malformed is decided here, before it: no bytes; a NUL byte in the header block (binary, not a text
 * message); a first line that is not a header field (a message starts with its headers; an mbox "From " line
 * before them is allowed); and, after parsing, no address in From, without which there is no sender to investigate.
 */
export async function parseEml(raw: Buffer): Promise<TParsedMessage> {
  const source = withoutBom(raw);
  checkHeaderBlock(source);
  let mail: ParsedMail;
  try {
    // mailparser's own HTML-to-text and linkifying are slow on hostile HTML; html-text.ts does it in linear time.
    mail = await simpleParser(source, { keepCidLinks: true, skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    throw new MalformedEmlError(`the MIME structure could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const from = firstAddress(mail.from);
  if (!from) throw new MalformedEmlError("the From header has no email address");
  const headers = unfoldedHeaders(mail);
  const subject = withoutNul(mail.subject ?? "");
  const html = withoutNul(mail.html || "");
  // With skipHtmlToText mailparser answers "" (not undefined) for an HTML-only message: its text is the HTML's then.
  const text = withoutNul(mail.text?.trim() ? mail.text : html ? htmlToText(html) : "");
  const senderAddress = from.address.toLowerCase();
  return {
    internetMessageId: mail.messageId ?? null,
    subject,
    senderAddress,
    senderDisplayName: withoutNul(from.name),
    senderDomain: senderAddress.slice(senderAddress.lastIndexOf("@") + 1),
    mailFromAddress: (firstAddress(mail.headers.get("return-path") as AddressObject | undefined)?.address ?? senderAddress).toLowerCase(),
    recipients: recipients(mail),
    sentAt: sentAt(headers),
    senderIPv4: senderIPv4(headers),
    authentication: authenticationResults(headers),
    replyTo: addresses(mail.replyTo).map((entry) => entry.address.toLowerCase()).slice(0, 10),
    headers: headers.slice(0, MAX_HEADERS).map((header) => ({ key: header.key, value: withoutNul(header.value.slice(0, MAX_HEADER_VALUE)) })),
    contentType: withoutNul(headers.find((header) => header.key === "content-type")?.value.toLowerCase().slice(0, 500) ?? "text/plain"),
    textBody: text.slice(0, MAX_TEXT_BODY),
    html: html.slice(0, MAX_HTML),
    urls: messageUrls(html, text),
    attachments: await readAttachments(mail.attachments),
    bodyFingerprint: bodyFingerprint(subject, text),
  };
}

// One message's PDFs are read one after another, and only the first few: each is bounded (pdf-contents.ts), and a
// message of fifty PDFs must not cost fifty times that.
const MAX_DOCUMENTS_READ = 3;

async function readAttachments(attachments: ParsedMail["attachments"]): Promise<TMessageAttachment[]> {
  const read: TMessageAttachment[] = [];
  let documentsTried = 0;
  for (const attachment of attachments) {
    const archive = zipListing(attachment.content);
    const document = !archive && isPdf(attachment.content) && documentsTried++ < MAX_DOCUMENTS_READ ? await readPdf(attachment.content) : null;
    read.push({
      fileName: withoutNul(attachment.filename ?? ""),
      contentType: attachment.contentType,
      size: attachment.content.length,
      sha256: createHash("sha256").update(attachment.content).digest("hex"),
      archive: archive && { entries: archive.entries.map(withoutNul), isEncrypted: archive.isEncrypted },
      hasMacros: hasMacros(attachment.content, archive),
      ...(document ? { document } : {}),
    });
  }
  return read;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// Some clients save a message after blank lines (flanker's test messages are real examples): the headers start at the
// first line with text.
function withoutBom(raw: Buffer): Buffer {
  let start = raw.subarray(0, 3).equals(BOM) ? 3 : 0;
  while (start < raw.length && start < 4096 && (raw[start] === 0x20 || raw[start] === 0x09 || raw[start] === 0x0d || raw[start] === 0x0a)) start++;
  return start < raw.length ? raw.subarray(start) : raw;
}

function checkHeaderBlock(raw: Buffer): void {
  if (!raw.toString("latin1", 0, 4096).trim()) throw new MalformedEmlError("the upload is empty");
  const blankLine = /\r?\n\r?\n/.exec(raw.toString("latin1", 0, Math.min(raw.length, 1 << 20)));
  const headerBlock = raw.subarray(0, blankLine ? blankLine.index : raw.length);
  if (headerBlock.includes(0)) throw new MalformedEmlError("it is binary data");
  const lines = headerBlock.toString("latin1", 0, 4096).split(/\r?\n/);
  const first = lines[0].startsWith("From ") ? lines[1] : lines[0];
  if (!/^[!-9;-~]+[ \t]*:/.test(first ?? "")) throw new MalformedEmlError("it does not start with a header block");
}

type TAddress = { address: string; name: string };

function addresses(header: AddressObject | AddressObject[] | undefined): TAddress[] {
  const flatten = (list: EmailAddress[]): EmailAddress[] => list.flatMap((entry) => (entry.group ? flatten(entry.group) : [entry]));
  return [header ?? []]
    .flat()
    .flatMap((object) => flatten(object.value ?? []))
    .filter((entry): entry is TAddress => typeof entry.address === "string" && /^[^@\s]+@[^@\s]+$/.test(entry.address));
}

const firstAddress = (header: AddressObject | undefined): TAddress | undefined => addresses(header)[0];

function recipients(mail: ParsedMail): string[] {
  const all = [...addresses(mail.to), ...addresses(mail.cc)].map((entry) => entry.address.toLowerCase());
  return [...new Set(all)].slice(0, MAX_RECIPIENTS);
}

function unfoldedHeaders(mail: ParsedMail): THeader[] {
  return mail.headerLines.map(({ key, line }) => ({ key, value: line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim() }));
}

// mailparser answers "now" for a missing or unreadable Date header; a reported message's sent time is unknown then.
function sentAt(headers: THeader[]): Date | null {
  const value = headers.find((header) => header.key === "date")?.value;
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

// PostgreSQL text and jsonb cannot hold U+0000; a NUL in a body or a decoded header would turn the report into a 500.
function withoutNul(text: string): string {
  return text.replaceAll("\u0000", "");
}
