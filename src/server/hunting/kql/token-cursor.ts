// Walking the tokens: look ahead, take, expect. KQL keywords are lowercase and case-sensitive, as in Kusto.
import { KqlError, type TSourcePosition } from "./kql-error";
import type { TToken } from "./tokenize";

// Deep enough for any real query, shallow enough that hostile nesting fails with a KqlError, not a stack overflow.
const MAX_DEPTH = 120;

export class TokenCursor {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: TToken[]) {}

  peek(ahead = 0): TToken {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): TToken {
    const token = this.peek();
    if (token.kind !== "eof") this.index++;
    return token;
  }

  isPunct(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === "punct" && token.text === text;
  }

  isWord(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === "ident" && token.text === word;
  }

  isIdent(ahead = 0): boolean {
    return this.peek(ahead).kind === "ident";
  }

  /** Two tokens written with nothing between them, as in `project-away`, `!has`, `in~`. */
  isAdjacent(ahead: number): boolean {
    return this.peek(ahead).start === this.peek(ahead - 1).end;
  }

  takePunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.next();
    return true;
  }

  takeWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.next();
    return true;
  }

  expectPunct(text: string, context: string): TToken {
    if (!this.isPunct(text)) throw this.unexpected(`Expected '${text}' ${context}`);
    return this.next();
  }

  expectWord(word: string, context: string): TToken {
    if (!this.isWord(word)) throw this.unexpected(`Expected '${word}' ${context}`);
    return this.next();
  }

  expectIdent(context: string): Extract<TToken, { kind: "ident" }> {
    const token = this.peek();
    if (token.kind !== "ident") throw this.unexpected(`Expected ${context}`);
    this.next();
    return token;
  }

  position(ahead = 0): TSourcePosition {
    const { line, column } = this.peek(ahead);
    return { line, column };
  }

  unexpected(reason: string): KqlError {
    return new KqlError(`${reason}, found ${describe(this.peek())}`, this.position());
  }

  /** Runs a nested parse, refusing nesting deeper than any real query needs. */
  nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new KqlError("The query is nested too deeply", this.position());
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }
}

export function describe(token: TToken): string {
  switch (token.kind) {
    case "eof":
      return "the end of the query";
    case "string":
      return "a string";
    case "number":
    case "timespan":
    case "datetime":
      return `a ${token.kind === "number" ? "number" : token.kind}`;
    default:
      return `'${token.text}'`;
  }
}
