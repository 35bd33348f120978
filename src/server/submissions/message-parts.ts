import "server-only";
import type { Attachment } from "mailparser";
import { uudecode } from "./uudecode";

export type TMessageParts = {
  /** What is really attached, with x-uuencode decoded. */
  attachments: Attachment[];
  /** Bodies mailparser filed as attachments: a bare `Content-Type: text` part (RFC 1049 mail, old list software). */
  texts: string[];
  /** Alternative renderings that are not files: an invitation's text/calendar, Apple's text/watch-html. Links are read from them. */
  alternatives: { contentType: string; text: string }[];
};

const UUENCODINGS = ["x-uuencode", "x-uue", "uuencode", "x-uu"];
const ALTERNATIVE_TYPES = ["text/calendar", "text/watch-html"];

/**
 * Sorts mailparser's attachments into files, bodies and alternative renderings. mailparser knows only text/plain and
 * text/html as bodies, so a part without a subtype or an inline calendar would otherwise be listed (and hashed, and
 * judged) as a file; and it leaves x-uuencode undecoded, so the hash of such a file was the hash of its encoding.
 */
export function messageParts(attachments: Attachment[]): TMessageParts {
  const parts: TMessageParts = { attachments: [], texts: [], alternatives: [] };
  for (const attachment of attachments) {
    const isFile = attachment.contentDisposition === "attachment";
    const content = decodedContent(attachment);
    if (attachment.contentType === "text" && !isFile) parts.texts.push(decodedText(content, attachment));
    else if (ALTERNATIVE_TYPES.includes(attachment.contentType) && !isFile)
      parts.alternatives.push({ contentType: attachment.contentType, text: decodedText(content, attachment) });
    else
      parts.attachments.push(
        content === attachment.content ? attachment : { ...attachment, content, size: content.length },
      );
  }
  return parts;
}

function decodedContent(attachment: Attachment): Buffer {
  const encoding = headerValue(attachment, "content-transfer-encoding").toLowerCase();
  if (!UUENCODINGS.includes(encoding)) return attachment.content;
  return uudecode(attachment.content) ?? attachment.content;
}

function decodedText(content: Buffer, attachment: Attachment): string {
  const contentType = attachment.headers.get("content-type") as { params?: Record<string, string> } | undefined;
  const charset = contentType?.params?.charset ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(content);
  } catch {
    return content.toString("latin1");
  }
}

function headerValue(attachment: Attachment, key: string): string {
  const value = attachment.headers.get(key);
  if (typeof value === "string") return value.trim();
  return value && typeof value === "object" && "value" in value ? String(value.value).trim() : "";
}
