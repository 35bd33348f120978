// Postfix's SMTP access policy delegation protocol (SMTPD_POLICY_README): a request is `name=value` lines ended by an
// empty line, many requests per connection; the answer is `action=...` and an empty line. Pure: bytes in, events out.

/** One request's attributes. A Map, not an object: a client may send `__proto__=` or `constructor=`. */
export type TPolicyRequest = ReadonlyMap<string, string>;

/** A request, or one that was too large and was skipped up to its empty line: it is still owed one answer. */
export type TPolicyEvent = { type: "request"; request: TPolicyRequest } | { type: "tooLarge" };

export type TPolicyLimits = { maxRequestBytes: number; maxAttributes: number };

// Postfix 3.7 sends about 35 attributes, each well under 1 KiB (a client certificate's subject is the longest): a
// request past these limits comes from something else, and must not make the service buffer without end.
export const POLICY_LIMITS: TPolicyLimits = { maxRequestBytes: 32 * 1024, maxAttributes: 128 };

const LF = 0x0a;
const CR = 0x0d;
const EQUALS = 0x3d;

export type TPolicyParser = {
  /** Takes the next bytes of the connection, cut anywhere, and returns the requests they complete, in order. */
  push(chunk: Uint8Array): TPolicyEvent[];
};

export function createPolicyParser(limits: TPolicyLimits = POLICY_LIMITS): TPolicyParser {
  let attributes = new Map<string, string>();
  let requestBytes = 0;
  let isSkipping = false;
  // The current line so far, kept only while the request is within its limits; its length and first byte are kept
  // even when skipping, to tell an empty line ("" or "\r") from the tail of a long one.
  let pieces: Uint8Array[] = [];
  let lineLength = 0;
  let lineFirstByte = -1;

  function endLine(events: TPolicyEvent[]): void {
    const isEmpty = lineLength === 0 || (lineLength === 1 && lineFirstByte === CR);
    const line = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
    pieces = [];
    lineLength = 0;
    lineFirstByte = -1;
    if (isEmpty) {
      if (isSkipping) events.push({ type: "tooLarge" });
      // Stray empty lines between requests are no request: nothing is owed for them.
      else if (attributes.size) events.push({ type: "request", request: attributes });
      attributes = new Map();
      requestBytes = 0;
      isSkipping = false;
      return;
    }
    if (isSkipping) return;
    if (attributes.size >= limits.maxAttributes) {
      skip();
      return;
    }
    addAttribute(line);
  }

  function addAttribute(line: Uint8Array): void {
    const end = line[line.length - 1] === CR ? line.length - 1 : line.length;
    const equals = line.indexOf(EQUALS);
    // Postfix never sends a line without a name and "=": such a line is ignored, not fatal to the connection.
    if (equals <= 0) return;
    const bytes = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
    attributes.set(bytes.toString("utf8", 0, equals), bytes.toString("utf8", equals + 1, end));
  }

  function skip(): void {
    isSkipping = true;
    attributes = new Map();
    pieces = [];
  }

  function take(chunk: Uint8Array, start: number, end: number): void {
    if (end === start) return;
    if (lineLength === 0) lineFirstByte = chunk[start];
    lineLength += end - start;
    requestBytes += end - start;
    if (isSkipping) return;
    if (requestBytes > limits.maxRequestBytes) {
      skip();
      return;
    }
    pieces.push(chunk.subarray(start, end));
  }

  return {
    push(chunk) {
      const events: TPolicyEvent[] = [];
      let start = 0;
      for (let newline = chunk.indexOf(LF); newline !== -1; newline = chunk.indexOf(LF, start)) {
        take(chunk, start, newline);
        requestBytes += 1;
        endLine(events);
        start = newline + 1;
      }
      // The rest is copied: the caller may reuse its buffer once push returns.
      if (start < chunk.length) take(Uint8Array.from(chunk.subarray(start)), 0, chunk.length - start);
      return events;
    },
  };
}

/** The answer to one request. A line break inside it would end the answer early and desynchronise the connection. */
export function formatPolicyAnswer(action: string): string {
  return `action=${action.replace(/[\r\n]+/g, " ")}\n\n`;
}
