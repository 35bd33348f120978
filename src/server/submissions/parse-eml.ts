import "server-only";
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from "mailparser";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";
import type { TArchiveListing, TDocumentContents } from "@/server/verdicts/email-input";
import { hasMacros, zipListing } from "./attachment-contents";
import { htmlToText } from "./html-text";
import { MalformedEmlError } from "./malformed-eml-error";
import { fromWithoutAddress, malformedAddresses, repeatedHeaders, type TMessageFinding } from "./message-findings";
import { authenticationResults, senderIPv4, type TAuthentication, type THeader } from "./message-headers";
import { messageParts } from "./message-parts";
import { messageUrls, type TMessageUrl } from "./message-urls";
import { isPdf, readPdf } from "./pdf-contents";
import { normalizedMessage } from "./raw-message";

export { MalformedEmlError } from "./malformed-eml-error";

export type TMessageAttachment = {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  archive?: TArchiveListing | null;
  hasMacros?: boolean;
  document?: TDocumentContents | null;
};

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
  /** How the message is written wrong (a From without address, a repeated Subject…): shown, and read by the engine. */
  findings: TMessageFinding[];
};

export const MAX_TEXT_BODY = 100_000;
export const MAX_HTML = 200_000;
const MAX_HEADERS = 300;
const MAX_HEADER_VALUE = 4000;
const MAX_RECIPIENTS = 1000;

/**
 * Reads a reported message (.eml, RFC 5322 / MIME). mailparser accepts anything as "a message with no headers", so
 * what counts as malformed is decided before it (raw-message.ts): no bytes, a NUL byte in the header block, a first
 * line that is not a header field; and, after parsing, no From header at all. What else real mail does wrong is read
 * best-effort and reported as a finding: a From without an address is judged with an empty sender.
 */
export async function parseEml(raw: Buffer): Promise<TParsedMessage> {
  const { source, findings } = normalizedMessage(raw);
  let mail: ParsedMail;
  try {
    // mailparser's own HTML-to-text and linkifying are slow on hostile HTML; html-text.ts does it in linear time.
    mail = await simpleParser(source, {
      keepCidLinks: true,
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
  } catch (error) {
    throw new MalformedEmlError(
      `the MIME structure could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const headers = unfoldedHeaders(mail);
  const fromText = headers.find((header) => header.key === "from")?.value;
  if (fromText === undefined) throw new MalformedEmlError("it has no From header");
  const from = firstAddress(mail.from);
  const parts = messageParts(mail.attachments);
  const subject = withoutNul(mail.subject ?? "");
  const html = withoutNul(mail.html || "");
  const ownText = [mail.text ?? "", ...parts.texts].filter((text) => text.trim()).join("\n");
  // With skipHtmlToText mailparser answers "" (not undefined) for an HTML-only message: its text is the HTML's then.
  const text = withoutNul(ownText || (html ? htmlToText(html) : ""));
  const alternativeText = withoutNul(
    parts.alternatives
      .map((part) => (part.contentType === "text/watch-html" ? htmlToText(part.text) : part.text))
      .join("\n"),
  );
  const senderAddress = from?.address.toLowerCase() ?? "";
  return {
    internetMessageId: mail.messageId ?? null,
    subject,
    senderAddress,
    senderDisplayName: withoutNul(from?.name ?? mail.from?.value[0]?.name ?? ""),
    senderDomain: senderAddress.slice(senderAddress.lastIndexOf("@") + 1),
    mailFromAddress: (
      firstAddress(mail.headers.get("return-path") as AddressObject | undefined)?.address ?? senderAddress
    ).toLowerCase(),
    recipients: recipients(mail),
    sentAt: sentAt(headers),
    senderIPv4: senderIPv4(headers),
    authentication: authenticationResults(headers),
    replyTo: addresses(mail.replyTo)
      .map((entry) => entry.address.toLowerCase())
      .slice(0, 10),
    headers: headers
      .slice(0, MAX_HEADERS)
      .map((header) => ({ key: header.key, value: withoutNul(header.value.slice(0, MAX_HEADER_VALUE)) })),
    contentType: withoutNul(
      headers
        .find((header) => header.key === "content-type")
        ?.value.toLowerCase()
        .slice(0, 500) ?? "text/plain",
    ),
    textBody: text.slice(0, MAX_TEXT_BODY),
    html: html.slice(0, MAX_HTML),
    // An invitation's links are in its calendar part; Apple Watch's rendering can carry links the others do not.
    urls: messageUrls(html, alternativeText ? `${text}\n${alternativeText}` : text),
    attachments: await readAttachments(parts.attachments),
    bodyFingerprint: bodyFingerprint(subject, text),
    findings: [
      ...findings,
      ...(from ? [] : [fromWithoutAddress(fromText)]),
      ...malformedAddresses(mail.headers),
      ...repeatedHeaders(mail.headerLines.map((line) => line.key)),
    ].map((finding) => ({ ...finding, evidence: withoutNul(finding.evidence) })),
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
    const document =
      !archive && isPdf(attachment.content) && documentsTried++ < MAX_DOCUMENTS_READ
        ? await readPdf(attachment.content)
        : null;
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

type TAddress = { address: string; name: string };

function addresses(header: AddressObject | AddressObject[] | undefined): TAddress[] {
  const flatten = (list: EmailAddress[]): EmailAddress[] =>
    list.flatMap((entry) => (entry.group ? flatten(entry.group) : [entry]));
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
  return mail.headerLines.map(({ key, line }) => ({
    key,
    value: line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim(),
  }));
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
