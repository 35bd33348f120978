import "server-only";
import { MalformedEmlError } from "./malformed-eml-error";
import type { TMessageFinding } from "./message-findings";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const SCAN = 4096;

/**
 * The upload as mailparser can read it, or the typed 400 for what is not a message. Real mail that RFC 5322 calls
 * obsolete or broken is repaired, not refused, and what was repaired becomes a finding when it says something about
 * the sender: a byte-order mark and blank lines before the headers (clients that save that way), CR-only line endings
 * (classic Mac OS mailers; mailparser would read one endless header line), a first line that is a folded continuation
 * of nothing, and `Name :` with white space before the colon (RFC 5322 §4.5.2, which mailparser drops).
 */
export function normalizedMessage(raw: Buffer): { source: Buffer; findings: TMessageFinding[] } {
  const findings: TMessageFinding[] = [];
  let source = withoutLeadingBlankLines(raw);
  if (!source.toString("latin1", 0, SCAN).trim()) throw new MalformedEmlError("the upload is empty");
  source = withLineFeeds(source);
  const end = headerBlockEnd(source);
  if (source.subarray(0, end).includes(0)) throw new MalformedEmlError("it is binary data");
  const lines = source.toString("latin1", 0, end).split("\n");
  // An mbox "From sender date" line may come first; "From : a@b" is a header in obsolete syntax, not that line.
  const mbox = /^From (?![ \t]*:)/.test(lines[0]) ? 1 : 0;
  let first = mbox;
  while (first < lines.length && /^[ \t]/.test(lines[first])) first++;
  if (!isFieldLine(lines[first])) throw new MalformedEmlError("it does not start with a header block");
  if (first > mbox) {
    findings.push({
      id: "header_first_line_folded",
      evidence: "The message starts with a folded continuation line that belongs to no header (dropped)",
    });
  }
  const headers = lines.slice(first).map((line) => line.replace(/^([!-9;-~]+)[ \t]+:/, "$1:"));
  const rebuilt = Buffer.from(headers.join("\n"), "latin1");
  return { source: Buffer.concat([rebuilt, source.subarray(end)]), findings };
}

// A header name is printable ASCII without a colon (RFC 5322 §2.2); obsolete syntax allows white space before the colon.
const isFieldLine = (line: string | undefined) => /^[!-9;-~]+[ \t]*:/.test(line ?? "");

// Some clients save a message after blank lines (flanker's test messages are real examples): the headers start at the
// first line with text. A line that starts with white space and holds text is kept: it is a folded first line.
function withoutLeadingBlankLines(raw: Buffer): Buffer {
  let start = raw.subarray(0, 3).equals(BOM) ? 3 : 0;
  for (let at = start; at < raw.length && at < SCAN; at++) {
    const byte = raw[at];
    if (byte === 0x0a || byte === 0x0d) start = at + 1;
    else if (byte !== 0x20 && byte !== 0x09) break;
  }
  return start < raw.length ? raw.subarray(start) : raw;
}

// Only a message with no line feed at all is converted: in any other, a lone CR is data (binary parts, stray bytes).
function withLineFeeds(source: Buffer): Buffer {
  if (source.includes(0x0a) || !source.includes(0x0d)) return source;
  return Buffer.from(source.toString("latin1").replace(/\r/g, "\r\n"), "latin1");
}

/** Where the header block ends: the line break before the first empty line (CRLF or LF), or the end of the bytes. */
function headerBlockEnd(source: Buffer): number {
  const blankLine = /\r?\n\r?\n/.exec(source.toString("latin1", 0, Math.min(source.length, 1 << 20)));
  return blankLine ? blankLine.index : source.length;
}
