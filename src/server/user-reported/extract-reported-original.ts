import "server-only";
import { simpleParser } from "mailparser";

// The reported message inside a reporting mailbox item. A thin module on purpose: the parser's own
// extractReportedOriginal (issue 15, parser fidelity) replaces it once it lands, and only this file changes.
//
// Report buttons and add-ins forward the original as an attachment (message/rfc822, or an .eml file): that is the
// original byte for byte (transfer encoding removed). A user who forwards inline leaves only a quoted copy in the body; it is rebuilt as a
// plain message from the quoted headers, best-effort, and marked as such (its authentication and its HTML are gone).

export type TReportedOriginal = { raw: Buffer; isInlineForward: boolean };

export async function extractReportedOriginal(wrapper: Buffer): Promise<TReportedOriginal | null> {
  const attached = attachedMessage(wrapper, 0);
  if (attached) return { raw: attached, isInlineForward: false };
  const mail = await simpleParser(wrapper, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const inline = inlineForward(mail.text?.trim() ? mail.text : "");
  return inline ? { raw: inline, isInlineForward: true } : null;
}

// mailparser folds a message/rfc822 part sent inline (as nodemailer and some clients send it) into the wrapper's
// own text, losing the original's headers: the MIME tree is walked here instead, multiparts only, to the first
// message/rfc822 part (or .eml file), whose body is the original.
const MAX_DEPTH = 8;

function attachedMessage(entity: Buffer, depth: number): Buffer | null {
  if (depth > MAX_DEPTH) return null;
  const { headers, body } = splitEntity(entity);
  const contentType = headers.get("content-type") ?? "text/plain";
  const type = contentType.split(";")[0].trim().toLowerCase();
  const name = /(?:file)?name\*?=\s*"?([^";]+)/i.exec(`${contentType};${headers.get("content-disposition") ?? ""}`)?.[1] ?? "";
  if (depth > 0 && (type === "message/rfc822" || type === "message/global" || (/\.eml$/i.test(name) && type !== "text/html"))) {
    const decoded = decodeTransfer(body, headers.get("content-transfer-encoding") ?? "");
    return decoded.length ? decoded : null;
  }
  if (!type.startsWith("multipart/")) return null;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return null;
  for (const part of multipartParts(body, boundary[1] ?? boundary[2])) {
    const found = attachedMessage(part, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Headers (unfolded, names lower case, first one wins) and the body after the first empty line. */
function splitEntity(entity: Buffer): { headers: Map<string, string>; body: Buffer } {
  const text = entity.toString("latin1");
  const match = /\r?\n\r?\n/.exec(text);
  const headEnd = match ? match.index : text.length;
  const headers = new Map<string, string>();
  for (const line of text.slice(0, headEnd).replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0 && !headers.has(line.slice(0, colon).trim().toLowerCase())) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: entity.subarray(match ? headEnd + match[0].length : entity.length) };
}

function multipartParts(body: Buffer, boundary: string): Buffer[] {
  // latin1 keeps one character per byte, so string offsets are byte offsets.
  const text = body.toString("latin1");
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(--)?[ \\t]*(?=\\r?\\n|$)`, "g");
  const parts: Buffer[] = [];
  let start: number | null = null;
  for (let found = delimiter.exec(text); found; found = delimiter.exec(text)) {
    if (start !== null) parts.push(body.subarray(start, found.index));
    if (found[1]) break;
    const lineEnd = /\r?\n/.exec(text.slice(found.index + found[0].length));
    start = found.index + found[0].length + (lineEnd ? lineEnd[0].length : 0);
  }
  return parts;
}

function decodeTransfer(body: Buffer, encoding: string): Buffer {
  const kind = encoding.trim().toLowerCase();
  if (kind === "base64") return Buffer.from(body.toString("latin1").replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  if (kind === "quoted-printable") {
    const text = body.toString("latin1").replace(/=\r?\n/g, "");
    return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1");
  }
  return body;
}

// Gmail, Outlook, Apple Mail and Thunderbird's separators before a forwarded message's quoted headers.
const SEPARATOR = /^[>\s]*(?:-{2,}\s*(?:Forwarded message|Original Message|Message transféré|Weitergeleitete Nachricht)\s*-{2,}|Begin forwarded message:|_{10,})\s*$/im;
const QUOTED_HEADER = /^(From|Sent|Date|To|Cc|Subject|Reply-To)\s*:\s*(.*)$/i;

/** The quoted message after the first forward separator, as an RFC 5322 message; null without a quoted From. */
export function inlineForward(text: string): Buffer | null {
  const separator = SEPARATOR.exec(text);
  if (!separator) return null;
  const lines = text.slice(separator.index + separator[0].length).replace(/\r\n?/g, "\n").split("\n");
  // Quoted with "> " by some clients: the quote marks go.
  const isQuoted = lines.filter((line) => line.trim()).every((line) => line.startsWith(">"));
  const unquoted = isQuoted ? lines.map((line) => line.replace(/^> ?/, "")) : lines;
  let index = 0;
  while (index < unquoted.length && !unquoted[index].trim()) index++;
  const headers = new Map<string, string>();
  for (; index < unquoted.length && unquoted[index].trim(); index++) {
    const match = QUOTED_HEADER.exec(unquoted[index].trim());
    if (!match) break;
    headers.set(match[1].toLowerCase(), match[2].trim());
  }
  const from = headers.get("from");
  if (!from || !/@/.test(from)) return null;
  const date = Date.parse(headers.get("date") ?? headers.get("sent") ?? "");
  const header = (name: string, value: string | undefined) => (value ? [`${name}: ${oneLine(value)}`] : []);
  const lines822 = [
    ...header("From", normaliseAddressList(from)),
    ...header("To", headers.has("to") ? normaliseAddressList(headers.get("to")!) : undefined),
    ...header("Cc", headers.has("cc") ? normaliseAddressList(headers.get("cc")!) : undefined),
    ...header("Reply-To", headers.has("reply-to") ? normaliseAddressList(headers.get("reply-to")!) : undefined),
    ...header("Subject", headers.get("subject")),
    ...header("Date", Number.isNaN(date) ? undefined : new Date(date).toUTCString()),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
  ];
  const body = unquoted.slice(index).join("\r\n").trim();
  return Buffer.from(`${lines822.join("\r\n")}\r\n\r\n${body}\r\n`, "utf8");
}

const oneLine = (value: string) => value.replace(/[\r\n]+/g, " ").slice(0, 2000);

// Outlook quotes addresses as "Name [mailto:a@b]" or "Name <a@b>"; the former becomes the latter.
function normaliseAddressList(value: string): string {
  return value.replace(/\[mailto:([^\]]+)\]/gi, "<$1>");
}
