// KQL text → tokens. Comments are dropped here; strings, numbers, timespans and datetime(…) literals are decoded
// here, so the parser only sees values. Every token carries its line and column for error messages.
import { KqlError, type TSourcePosition } from "./kql-error";

export type TToken =
  | ({ kind: "ident"; text: string } & TTokenPlace)
  | ({ kind: "string"; value: string } & TTokenPlace)
  | ({ kind: "number"; text: string; isReal: boolean } & TTokenPlace)
  | ({ kind: "timespan"; milliseconds: number } & TTokenPlace)
  | ({ kind: "datetime"; value: Date } & TTokenPlace)
  | ({ kind: "punct"; text: string } & TTokenPlace)
  | ({ kind: "eof" } & TTokenPlace);

/** `start`/`end` are offsets in the text: the parser joins `project` `-` `away` only when nothing separates them. */
type TTokenPlace = TSourcePosition & { start: number; end: number };

// Longest first, so `==` is never read as two `=`.
const PUNCTUATION = [
  "==",
  "!=",
  "<>",
  "<=",
  ">=",
  "=~",
  "!~",
  "..",
  "|",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ";",
  ".",
  "=",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "!",
  ":",
  "~",
];

const MS_PER = {
  day: 86_400_000,
  hour: 3_600_000,
  minute: 60_000,
  second: 1_000,
  millisecond: 1,
  microsecond: 0.001,
  tick: 0.0001,
};

const TIMESPAN_UNITS: Record<string, number> = {
  d: MS_PER.day,
  day: MS_PER.day,
  days: MS_PER.day,
  h: MS_PER.hour,
  hr: MS_PER.hour,
  hrs: MS_PER.hour,
  hour: MS_PER.hour,
  hours: MS_PER.hour,
  m: MS_PER.minute,
  min: MS_PER.minute,
  minute: MS_PER.minute,
  minutes: MS_PER.minute,
  s: MS_PER.second,
  sec: MS_PER.second,
  second: MS_PER.second,
  seconds: MS_PER.second,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  microsecond: MS_PER.microsecond,
  microseconds: MS_PER.microsecond,
  tick: MS_PER.tick,
  ticks: MS_PER.tick,
};

const isDigit = (char: string | undefined) => char !== undefined && char >= "0" && char <= "9";
const isIdentStart = (char: string | undefined) => char !== undefined && /[A-Za-z_]/.test(char);
const isIdentPart = (char: string | undefined) => char !== undefined && /[A-Za-z0-9_]/.test(char);

export function tokenize(text: string): TToken[] {
  const tokens: TToken[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;

  const positionAt = (at: number): TSourcePosition => {
    // Columns are counted from the line's start; `line` is kept current as whitespace and strings are crossed.
    return { line, column: at - lineStart + 1 };
  };
  const fail = (reason: string, at: number): never => {
    throw new KqlError(reason, positionAt(at));
  };
  const advanceLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      if (text[i] === "\n") {
        line++;
        lineStart = i + 1;
      }
    }
  };

  while (offset < text.length) {
    const char = text[offset];
    if (
      char === "\n" ||
      char === " " ||
      char === "\t" ||
      char === "\r" ||
      char === "\f" ||
      char === "\v" ||
      char === "\u00a0" ||
      char === "\ufeff"
    ) {
      advanceLines(offset, offset + 1);
      offset++;
      continue;
    }
    if (text.startsWith("//", offset)) {
      const newline = text.indexOf("\n", offset);
      offset = newline === -1 ? text.length : newline;
      continue;
    }
    const start = offset;
    const place = () => ({ ...positionAt(start), start, end: offset });

    const stringStart = readStringStart(text, offset);
    if (stringStart) {
      const startLine = line;
      const startColumn = start - lineStart + 1;
      const { value, end } = readString(text, stringStart.quoteAt, stringStart.isVerbatim, () =>
        fail("This string is never closed", start),
      );
      advanceLines(start, end);
      offset = end;
      tokens.push({ kind: "string", value, line: startLine, column: startColumn, start, end });
      continue;
    }
    if (isDigit(char)) {
      tokens.push(readNumber());
      continue;
    }
    if (isIdentStart(char) || (char === "$" && isIdentStart(text[offset + 1]))) {
      offset++;
      while (isIdentPart(text[offset])) offset++;
      const word = text.slice(start, offset);
      const literal =
        word === "datetime" || word === "timespan" || word === "time" ? readParenthesisedLiteral(word) : null;
      tokens.push(literal ?? { kind: "ident", text: word, ...place() });
      continue;
    }
    const punct = PUNCTUATION.find((symbol) => text.startsWith(symbol, offset));
    if (!punct) fail(`Unexpected character '${char}'`, offset);
    offset += punct!.length;
    tokens.push({ kind: "punct", text: punct!, ...place() });
  }
  tokens.push({ kind: "eof", ...positionAt(offset), start: offset, end: offset });
  return tokens;

  function readNumber(): TToken {
    const start = offset;
    while (isDigit(text[offset])) offset++;
    let isReal = false;
    if (text[offset] === "." && isDigit(text[offset + 1])) {
      isReal = true;
      offset++;
      while (isDigit(text[offset])) offset++;
    }
    if (
      (text[offset] === "e" || text[offset] === "E") &&
      (isDigit(text[offset + 1]) || (/[+-]/.test(text[offset + 1] ?? "") && isDigit(text[offset + 2])))
    ) {
      isReal = true;
      offset += 2;
      while (isDigit(text[offset])) offset++;
    }
    const number = text.slice(start, offset);
    if (isIdentStart(text[offset])) {
      const unitStart = offset;
      while (isIdentPart(text[offset])) offset++;
      const unit = text.slice(unitStart, offset);
      const perUnit = TIMESPAN_UNITS[unit.toLowerCase()];
      if (perUnit === undefined)
        fail(`'${number}${unit}' is not a number or a timespan (use units d, h, m, s, ms)`, start);
      return { kind: "timespan", milliseconds: Number(number) * perUnit, ...positionAt(start), start, end: offset };
    }
    return { kind: "number", text: number, isReal, ...positionAt(start), start, end: offset };
  }

  /** datetime(2024-01-31 10:00), timespan(1d): their argument is free text, not tokens. */
  function readParenthesisedLiteral(word: string): TToken | null {
    let open = offset;
    while (text[open] === " " || text[open] === "\t") open++;
    if (text[open] !== "(") return null;
    const start = offset - word.length;
    const close = text.indexOf(")", open);
    if (close === -1) fail(`${word}( is never closed`, start);
    let inner = text.slice(open + 1, close).trim();
    if (/^(["']).*\1$/s.test(inner)) inner = inner.slice(1, -1);
    if (word === "datetime" && /^[A-Za-z_]/.test(inner)) return null; // datetime(x): a conversion of a column or a let
    offset = close + 1;
    const place = { ...positionAt(start), start, end: offset };
    if (word === "datetime") {
      const value = parseDatetime(inner);
      if (!value)
        fail(`'${inner}' is not a datetime: use e.g. datetime(2024-01-31) or datetime(2024-01-31T10:00:00Z)`, start);
      return { kind: "datetime", value: value!, ...place };
    }
    const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$/.exec(inner);
    const perUnit = match ? TIMESPAN_UNITS[match[2].toLowerCase()] : undefined;
    if (!match || perUnit === undefined)
      fail(`'${inner}' is not a timespan: use e.g. ${word}(1d) or ${word}(30m)`, start);
    return { kind: "timespan", milliseconds: Number(match![1]) * perUnit!, ...place };
  }
}

function readStringStart(text: string, offset: number): { quoteAt: number; isVerbatim: boolean } | null {
  let at = offset;
  // h"…" / H@"…" are obfuscated strings: only their logging differs in Kusto, so they read as plain strings.
  if ((text[at] === "h" || text[at] === "H") && /["'@]/.test(text[at + 1] ?? "")) at++;
  const isVerbatim = text[at] === "@";
  if (isVerbatim) at++;
  return text[at] === '"' || text[at] === "'" ? { quoteAt: at, isVerbatim } : null;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'" };

function readString(
  text: string,
  quoteAt: number,
  isVerbatim: boolean,
  unterminated: () => never,
): { value: string; end: number } {
  const quote = text[quoteAt];
  let value = "";
  let at = quoteAt + 1;
  while (at < text.length) {
    const char = text[at];
    if (char === quote) {
      // In a verbatim string a doubled quote stands for one quote.
      if (isVerbatim && text[at + 1] === quote) {
        value += quote;
        at += 2;
        continue;
      }
      return { value, end: at + 1 };
    }
    if (!isVerbatim && char === "\n") break;
    if (!isVerbatim && char === "\\") {
      const next = text[at + 1];
      if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
        value += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
        at += 6;
        continue;
      }
      if (next === undefined) break;
      value += ESCAPES[next] ?? next;
      at += 2;
      continue;
    }
    value += char;
    at++;
  }
  return unterminated();
}

const DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]00:?00)?$/i;

/** The ISO forms published queries use, always read as UTC (Kusto has no other zone). */
export function parseDatetime(text: string): Date | null {
  const match = DATETIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "0"] = match;
  const milliseconds = Math.floor(Number(`0.${fraction}`) * 1000);
  const date = new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), milliseconds),
  );
  const isExact =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day);
  return isExact && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60 ? date : null;
}
