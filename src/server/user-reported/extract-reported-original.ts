import "server-only";
import { simpleParser } from "mailparser";
import { extractReportedOriginal as attachedOriginal } from "@/server/submissions/reported-original";

// The reported message inside a reporting mailbox item. Report buttons and add-ins forward the original as an
// attachment: the parser finds it (the same function the submission route uses). A user who forwards inline leaves
// only a quoted copy in the body; it is rebuilt as a plain message from the quoted headers, best-effort, and marked as
// such (its authentication and its HTML are gone).

export type TReportedOriginal = { raw: Buffer; isInlineForward: boolean };

export async function extractReportedOriginal(wrapper: Buffer): Promise<TReportedOriginal | null> {
  const attached = await attachedOriginal(wrapper);
  if (attached) return { raw: attached.original, isInlineForward: false };
  const mail = await simpleParser(wrapper, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const inline = inlineForward(mail.text?.trim() ? mail.text : "");
  return inline ? { raw: inline, isInlineForward: true } : null;
}

// Gmail, Outlook, Apple Mail and Thunderbird's separators before a forwarded message's quoted headers.
const SEPARATOR =
  /^[>\s]*(?:-{2,}\s*(?:Forwarded message|Original Message|Message transféré|Weitergeleitete Nachricht)\s*-{2,}|Begin forwarded message:|_{10,})\s*$/im;
const QUOTED_HEADER = /^(From|Sent|Date|To|Cc|Subject|Reply-To)\s*:\s*(.*)$/i;

/** The quoted message after the first forward separator, as an RFC 5322 message; null without a quoted From. */
export function inlineForward(text: string): Buffer | null {
  const separator = SEPARATOR.exec(text);
  if (!separator) return null;
  const lines = text
    .slice(separator.index + separator[0].length)
    .replace(/\r\n?/g, "\n")
    .split("\n");
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
