// Scalar expressions, by precedence from loosest to tightest: or, and, comparisons and string operators
// (non-associative, as in Kusto), + -, * / %, unary minus, member access, then literals, names and calls.
import type { TExpr, TListItem, TTabular } from "./ast";
import { KqlError } from "./kql-error";
import { TokenCursor } from "./token-cursor";
import type { TToken } from "./tokenize";

const COMPARISONS = new Set(["==", "!=", "<>", "<", "<=", ">", ">=", "=~", "!~"]);

/** Binary string operators; each also has a `!` form (`!has`, `!contains`, …). */
const STRING_OPERATORS = new Set([
  "has",
  "has_cs",
  "hasprefix",
  "hasprefix_cs",
  "hassuffix",
  "hassuffix_cs",
  "contains",
  "contains_cs",
  "startswith",
  "startswith_cs",
  "endswith",
  "endswith_cs",
]);

const LIST_OPERATORS = new Set(["in", "has_any", "has_all"]);

const INT64_MAX = 9_223_372_036_854_775_807n;

export abstract class ExpressionParser extends TokenCursor {
  /** Parses a tabular expression (for `x in (T | project y)`); the query parser provides it. */
  protected abstract parseTabular(): TTabular;

  /** Whether the tokens ahead start a tabular expression rather than a scalar one. */
  protected abstract startsTabular(): boolean;

  parseExpr(): TExpr {
    return this.nested(() => this.parseOr());
  }

  private parseOr(): TExpr {
    let left = this.parseAnd();
    while (this.isWord("or")) {
      const pos = this.position();
      this.next();
      left = { kind: "binary", op: "or", left, right: this.parseAnd(), pos };
    }
    return left;
  }

  private parseAnd(): TExpr {
    let left = this.parseComparison();
    while (this.isWord("and")) {
      const pos = this.position();
      this.next();
      left = { kind: "binary", op: "and", left, right: this.parseComparison(), pos };
    }
    return left;
  }

  private parseComparison(): TExpr {
    const left = this.parseAdditive();
    const pos = this.position();
    const token = this.peek();
    if (token.kind === "punct" && COMPARISONS.has(token.text)) {
      this.next();
      return { kind: "binary", op: token.text === "<>" ? "!=" : token.text, left, right: this.parseAdditive(), pos };
    }
    const op = this.readWordOperator();
    if (!op) return left;
    const bare = op.replace(/^!/, "").replace(/~$/, "");
    if (LIST_OPERATORS.has(bare)) return { kind: "inList", op, left, items: this.parseList(op), pos };
    if (bare === "between") {
      this.expectPunct("(", `after ${op}`);
      const low = this.parseAdditive();
      this.expectPunct("..", "between the two ends of a range, as in between (1 .. 10)");
      const high = this.parseAdditive();
      this.expectPunct(")", "to close the range");
      return { kind: "between", isNegated: op.startsWith("!"), left, low, high, pos };
    }
    if (bare === "matches") {
      this.expectWord("regex", "after matches");
      return { kind: "binary", op: "matches regex", left, right: this.parseAdditive(), pos };
    }
    return { kind: "binary", op, left, right: this.parseAdditive(), pos };
  }

  /** `has`, `!has`, `in`, `!in`, `in~`, `!in~`, `between`, `matches`, …; null when the next token is none. */
  private readWordOperator(): string | null {
    const negated = this.isPunct("!") && this.isIdent(1) && this.isAdjacent(1);
    const wordAt = negated ? 1 : 0;
    const word = this.peek(wordAt);
    if (word.kind !== "ident") return null;
    const known =
      STRING_OPERATORS.has(word.text) ||
      LIST_OPERATORS.has(word.text) ||
      word.text === "between" ||
      word.text === "matches";
    if (!known || (negated && word.text === "matches")) return null;
    const isCaseless = word.text === "in" && this.isPunct("~", wordAt + 1) && this.isAdjacent(wordAt + 1);
    for (let i = 0; i <= wordAt + (isCaseless ? 1 : 0); i++) this.next();
    return `${negated ? "!" : ""}${word.text}${isCaseless ? "~" : ""}`;
  }

  private parseList(op: string): TListItem[] {
    this.expectPunct("(", `after ${op}, as in ${op} ("a", "b")`);
    const items: TListItem[] = [];
    if (!this.isPunct(")")) {
      do {
        if (this.startsTabular()) {
          const pos = this.position();
          items.push({ kind: "tabular", query: this.nested(() => this.parseTabular()), pos });
        } else {
          items.push({ kind: "scalar", expr: this.parseExpr() });
        }
      } while (this.takePunct(","));
    }
    this.expectPunct(")", `to close the list after ${op}`);
    return items;
  }

  private parseAdditive(): TExpr {
    let left = this.parseMultiplicative();
    while (this.isPunct("+") || this.isPunct("-")) {
      const pos = this.position();
      const op = (this.next() as { text: string }).text;
      left = { kind: "binary", op, left, right: this.parseMultiplicative(), pos };
    }
    return left;
  }

  private parseMultiplicative(): TExpr {
    let left = this.parseUnary();
    while (this.isPunct("*") || this.isPunct("/") || this.isPunct("%")) {
      const pos = this.position();
      const op = (this.next() as { text: string }).text;
      left = { kind: "binary", op, left, right: this.parseUnary(), pos };
    }
    return left;
  }

  private parseUnary(): TExpr {
    if (this.isPunct("-") || this.isPunct("+")) {
      const pos = this.position();
      const op = (this.next() as { text: "-" | "+" }).text;
      return this.nested(() => ({ kind: "unary", op, operand: this.parseUnary(), pos }));
    }
    return this.parsePostfix();
  }

  private parsePostfix(): TExpr {
    let expr = this.parsePrimary();
    for (;;) {
      const pos = this.position();
      if (this.isPunct(".") && this.isIdent(1)) {
        this.next();
        expr = { kind: "member", object: expr, key: this.expectIdent("a property name").text, pos };
      } else if (this.isPunct("[")) {
        this.next();
        const key = this.next();
        if (key.kind === "string") expr = { kind: "member", object: expr, key: key.value, pos };
        else if (key.kind === "number" && !key.isReal)
          expr = { kind: "member", object: expr, key: Number(key.text), pos };
        else if (key.kind === "punct" && key.text === "-" && this.peek().kind === "number")
          expr = { kind: "member", object: expr, key: -Number((this.next() as { text: string }).text), pos };
        else throw new KqlError("Expected a property name in quotes or an index between [ ]", pos);
        this.expectPunct("]", "after the index");
      } else {
        return expr;
      }
    }
  }

  private parsePrimary(): TExpr {
    const token = this.peek();
    const pos = this.position();
    switch (token.kind) {
      case "string":
        this.next();
        return { kind: "string", value: token.value, pos };
      case "number":
        this.next();
        return token.isReal
          ? { kind: "real", value: Number(token.text), pos }
          : { kind: "long", value: longText(token.text, pos), pos };
      case "timespan":
        this.next();
        return { kind: "timespan", milliseconds: token.milliseconds, pos };
      case "datetime":
        this.next();
        return { kind: "datetime", value: token.value, pos };
      case "ident":
        return this.parseName(token);
      case "punct":
        if (token.text === "(") {
          this.next();
          const inner = this.parseExpr();
          this.expectPunct(")", "to close the parenthesis");
          return inner;
        }
        if (token.text === "[" && this.peek(1).kind === "string" && this.isPunct("]", 2)) {
          // ['Column name']: Kusto's quoting for names that are not identifiers.
          this.next();
          const name = (this.next() as { value: string }).value;
          this.next();
          return { kind: "column", name, pos };
        }
    }
    throw this.unexpected("Expected a value, a column or a function");
  }

  private parseName(token: Extract<TToken, { kind: "ident" }>): TExpr {
    const pos = this.position();
    this.next();
    const name = token.text;
    if (name === "true" || name === "false") return { kind: "bool", value: name === "true", pos };
    if (name === "null") return { kind: "null", pos };
    if (!this.isPunct("(")) return { kind: "column", name, pos };
    this.next();
    if (name === "dynamic") {
      const value = this.parseDynamicValue();
      this.expectPunct(")", "to close dynamic(");
      return { kind: "dynamic", value, pos };
    }
    const args: TExpr[] = [];
    if (!this.isPunct(")")) {
      do {
        const argPos = this.position();
        if (this.isPunct("*") && (this.isPunct(",", 1) || this.isPunct(")", 1))) {
          this.next();
          args.push({ kind: "star", pos: argPos });
        } else {
          args.push(this.parseExpr());
        }
      } while (this.takePunct(","));
    }
    this.expectPunct(")", `to close ${name}(`);
    return { kind: "call", name, args, pos };
  }

  /** The inside of dynamic(…): JSON with Kusto's literals. */
  private parseDynamicValue(): unknown {
    return this.nested(() => {
      const token = this.next();
      if (token.kind === "string") return token.value;
      if (token.kind === "number") return Number(token.text);
      if (token.kind === "ident" && (token.text === "true" || token.text === "false")) return token.text === "true";
      if (token.kind === "ident" && token.text === "null") return null;
      if (token.kind === "punct" && token.text === "-" && this.peek().kind === "number")
        return -Number((this.next() as { text: string }).text);
      if (token.kind === "punct" && token.text === "[") {
        const items: unknown[] = [];
        if (!this.isPunct("]")) {
          do items.push(this.parseDynamicValue());
          while (this.takePunct(","));
        }
        this.expectPunct("]", "to close the array");
        return items;
      }
      if (token.kind === "punct" && token.text === "{") {
        const object: Record<string, unknown> = {};
        if (!this.isPunct("}")) {
          do {
            const key = this.next();
            if (key.kind !== "string" && key.kind !== "ident")
              throw new KqlError("Expected a property name in dynamic({…})", { line: key.line, column: key.column });
            this.expectPunct(":", "after the property name");
            object[key.kind === "string" ? key.value : key.text] = this.parseDynamicValue();
          } while (this.takePunct(","));
        }
        this.expectPunct("}", "to close the object");
        return object;
      }
      throw new KqlError("Expected a string, number, bool, null, [ ] or { } in dynamic(…)", {
        line: token.line,
        column: token.column,
      });
    });
  }
}

function longText(text: string, pos: TExpr["pos"]): string {
  const value = BigInt(text);
  if (value > INT64_MAX) throw new KqlError(`${text} is larger than a long can hold`, pos);
  return value.toString();
}
