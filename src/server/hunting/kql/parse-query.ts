// Statements (`let …;`) and tabular expressions (`Table | operator | …`) of the supported KQL subset.
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import type {
  TJoinKey,
  TJoinKind,
  TKqlQuery,
  TLet,
  TNamedExpr,
  TOperator,
  TParsePart,
  TSortKey,
  TSource,
  TTabular,
  TUnion,
} from "./ast";
import { KqlError, notSupported, type TSourcePosition } from "./kql-error";
import { ExpressionParser } from "./parse-expression";
import { tokenize } from "./tokenize";

/** Kusto's own operators we do not run yet: named as "not supported yet", where a typo is "not an operator". */
const KNOWN_OPERATORS = new Set([
  "as",
  "consume",
  "evaluate",
  "facet",
  "find",
  "fork",
  "getschema",
  "invoke",
  "lookup",
  "mv-apply",
  "parse-kv",
  "parse-where",
  "partition",
  "project-keep",
  "project-reorder",
  "range",
  "reduce",
  "sample",
  "sample-distinct",
  "scan",
  "search",
  "serialize",
  "top-hitters",
  "top-nested",
  "print",
  "make-graph",
  "graph-match",
  "externaldata",
  "datatable",
]);

/** Tabular sources other than a table or a let: `union`, `search`, `datatable(…)`, …. */
const KNOWN_SOURCES = new Set([
  "union",
  "search",
  "find",
  "print",
  "range",
  "datatable",
  "externaldata",
  "evaluate",
  "view",
  "cluster",
  "database",
  "table",
]);

const JOIN_KINDS: Record<string, TJoinKind> = {
  innerunique: "innerunique",
  inner: "inner",
  leftouter: "leftouter",
  rightouter: "rightouter",
  fullouter: "fullouter",
  leftsemi: "leftsemi",
  semi: "leftsemi",
  leftanti: "leftanti",
  anti: "leftanti",
  leftantisemi: "leftanti",
  rightsemi: "rightsemi",
  rightanti: "rightanti",
  rightantisemi: "rightanti",
};

const TABLE_NAMES = new Set(HUNTING_TABLES.map((table) => table.name));

/** Parses a whole query: any `let` statements, then one tabular expression. Throws KqlError. */
export function parseKql(text: string): TKqlQuery {
  return new KqlParser(tokenize(text)).parseQuery();
}

class KqlParser extends ExpressionParser {
  private readonly tabularLets = new Set<string>();

  parseQuery(): TKqlQuery {
    const lets: TLet[] = [];
    for (;;) {
      if (this.takePunct(";")) continue;
      if (this.isWord("set") || this.isWord("declare") || this.isWord("alias") || this.isWord("pattern"))
        throw notSupported(`${(this.peek() as { text: string }).text} statements`, this.position());
      if (!this.isWord("let")) break;
      lets.push(this.parseLet());
    }
    if (this.peek().kind === "eof")
      throw new KqlError("The query is empty: start with a table, e.g. EmailEvents | take 10", this.position());
    const body = this.parseTabular();
    while (this.takePunct(";"));
    if (this.peek().kind !== "eof") {
      throw this.unexpected(
        this.isWord("let")
          ? "A let statement must come before the query"
          : "Expected the end of the query (one query at a time; operators start with |)",
      );
    }
    return { lets, body };
  }

  private parseLet(): TLet {
    this.next();
    const pos = this.position();
    const name = this.expectIdent("a name after let").text;
    this.expectPunct("=", `after let ${name}`);
    if (this.isWord("view") || (this.isPunct("(") && (this.isPunct(")", 1) || this.isPunct(":", 2)))) {
      throw notSupported("functions defined with let", this.position());
    }
    const isTabular = this.startsTabular();
    const letStatement: TLet = isTabular
      ? { kind: "tabular", name, pos, value: this.parseTabular() }
      : { kind: "scalar", name, pos, value: this.parseExpr() };
    if (isTabular) this.tabularLets.add(name);
    else this.tabularLets.delete(name);
    this.expectPunct(";", `after the let statement for ${name}`);
    return letStatement;
  }

  protected startsTabular(): boolean {
    let ahead = 0;
    while (this.isPunct("(", ahead)) ahead++;
    const token = this.peek(ahead);
    if (token.kind !== "ident") return false;
    if (this.isPunct("(", ahead + 1)) return token.text === "materialize" || KNOWN_SOURCES.has(token.text);
    return (
      this.isPunct("|", ahead + 1) ||
      TABLE_NAMES.has(token.text) ||
      this.tabularLets.has(token.text) ||
      KNOWN_SOURCES.has(token.text)
    );
  }

  protected parseTabular(): TTabular {
    return this.nested(() => {
      const source = this.parseSource();
      const operators: TOperator[] = [];
      while (this.takePunct("|")) operators.push(this.parseOperator());
      const render = operators.findIndex((operator) => operator.kind === "render");
      if (render !== -1 && render !== operators.length - 1)
        throw new KqlError("render must be the last operator of the query", operators[render].pos);
      return { source, operators };
    });
  }

  private parseSource(): TSource {
    const pos = this.position();
    if (this.takePunct("(")) {
      const query = this.parseTabular();
      this.expectPunct(")", "to close the parenthesis");
      return { kind: "subquery", query, pos };
    }
    const name = this.expectIdent("a table name, e.g. EmailEvents").text;
    if (name === "materialize" && this.takePunct("(")) {
      const query = this.parseTabular();
      this.expectPunct(")", "to close materialize(");
      return { kind: "subquery", query, pos };
    }
    if (name === "union") return { kind: "union", union: this.parseUnion(), pos };
    if (KNOWN_SOURCES.has(name)) throw notSupported(name, pos);
    if (this.isPunct("(")) throw notSupported(`${name}()`, pos);
    return { kind: "name", name, pos };
  }

  private parseOperator(): TOperator {
    const pos = this.position();
    let name = this.expectIdent("an operator after |, e.g. where").text;
    // project-away, mv-expand: Kusto spells some operators with a hyphen, which tokenizes as a minus.
    while (this.isPunct("-") && this.isAdjacent(0) && this.isIdent(1) && this.isAdjacent(1)) {
      this.next();
      name += `-${(this.next() as { text: string }).text}`;
    }
    switch (name) {
      case "where":
      case "filter":
        return { kind: "where", predicate: this.parseExpr(), pos };
      case "project":
        return { kind: "project", items: this.parseNamedList(), pos };
      case "extend":
        return { kind: "extend", items: this.parseNamedList(true), pos };
      case "project-away":
        return { kind: "project-away", patterns: this.parseColumnPatterns(), pos };
      case "project-rename":
        return { kind: "project-rename", items: this.parseRenames(), pos };
      case "summarize":
        return this.parseSummarize(pos);
      case "sort":
      case "order":
        this.expectWord("by", `after ${name}`);
        return { kind: "sort", keys: this.parseSortKeys(), pos };
      case "top": {
        const count = this.parseExpr();
        this.expectWord("by", "after top N");
        return { kind: "top", count, keys: this.parseSortKeys(), pos };
      }
      case "take":
      case "limit":
        return { kind: "take", count: this.parseExpr(), pos };
      case "distinct":
        return { kind: "distinct", columns: this.takePunct("*") ? null : this.parseColumnNames(), pos };
      case "count":
        return { kind: "count", pos };
      case "join":
        return this.parseJoin(pos);
      case "render":
        return this.parseRender(pos);
      case "mv-expand":
        return this.parseMvExpand(pos);
      case "parse":
        return this.parseParse(pos);
      case "union":
        return { kind: "union", union: this.parseUnion(), pos };
      case "make-series":
        return this.parseMakeSeries(pos);
      case "evaluate":
        return this.parseEvaluate(pos);
    }
    if (KNOWN_OPERATORS.has(name)) throw notSupported(name, pos);
    throw new KqlError(`\`${name}\` is not a KQL operator`, pos);
  }

  /** `isExtend`: `(A, B) = f()` names the results of a function of several (series_decompose_anomalies). */
  private parseNamedList(isExtend = false): TNamedExpr[] {
    const items: TNamedExpr[] = [];
    do {
      const pos = this.position();
      if (this.isPunct("(") && this.isIdent(1) && (this.isPunct(",", 2) || this.isPunct(")", 2))) {
        if (!isExtend) throw notSupported("naming several columns at once outside extend", pos);
        this.next();
        const names = this.parseColumnNames().map((column) => column.name);
        this.expectPunct(")", "after the column names");
        this.expectPunct("=", "after (Name, …)");
        items.push({ name: null, names, expr: this.parseExpr(), pos });
        continue;
      }
      const name = this.readAssignedName();
      items.push({ name, expr: this.parseExpr(), pos });
    } while (this.takePunct(","));
    return items;
  }

  /** `Name =` or `['Name'] =` before an expression; null when the item has no name. */
  private readAssignedName(): string | null {
    const token = this.peek();
    if (token.kind === "ident" && this.isPunct("=", 1)) {
      this.next();
      this.next();
      return token.text;
    }
    if (this.isPunct("[") && this.peek(1).kind === "string" && this.isPunct("]", 2) && this.isPunct("=", 3)) {
      this.next();
      const name = (this.next() as { value: string }).value;
      this.next();
      this.next();
      return name;
    }
    return null;
  }

  private parseColumnNames(): { name: string; pos: TSourcePosition }[] {
    const columns: { name: string; pos: TSourcePosition }[] = [];
    do {
      const pos = this.position();
      columns.push({ name: this.readColumnName(), pos });
    } while (this.takePunct(","));
    return columns;
  }

  private readColumnName(): string {
    if (this.isPunct("[") && this.peek(1).kind === "string" && this.isPunct("]", 2)) {
      this.next();
      const name = (this.next() as { value: string }).value;
      this.next();
      return name;
    }
    return this.expectIdent("a column name").text;
  }

  /** Column names for project-away, where `*` is a wildcard: `Sender*`, `*Id`. */
  private parseColumnPatterns(): { pattern: string; pos: TSourcePosition }[] {
    const patterns: { pattern: string; pos: TSourcePosition }[] = [];
    do {
      const pos = this.position();
      let pattern = "";
      do {
        const token = this.next();
        if (token.kind === "ident" || (token.kind === "punct" && token.text === "*"))
          pattern += token.kind === "ident" ? token.text : "*";
        else throw new KqlError("Expected a column name", { line: token.line, column: token.column });
      } while ((this.isIdent() || this.isPunct("*")) && this.isAdjacent(0));
      patterns.push({ pattern, pos });
    } while (this.takePunct(","));
    return patterns;
  }

  private parseRenames(): { name: string; from: string; pos: TSourcePosition }[] {
    const items: { name: string; from: string; pos: TSourcePosition }[] = [];
    do {
      const pos = this.position();
      const name = this.readColumnName();
      this.expectPunct("=", "in project-rename NewName = OldName");
      items.push({ name, from: this.readColumnName(), pos });
    } while (this.takePunct(","));
    return items;
  }

  private parseSummarize(pos: TSourcePosition): TOperator {
    this.skipHints();
    const isOperatorEnd = () =>
      this.isWord("by") || this.isPunct("|") || this.isPunct(")") || this.isPunct(";") || this.peek().kind === "eof";
    const aggregates = isOperatorEnd() ? [] : this.parseNamedList();
    const by = this.takeWord("by") ? this.parseNamedList() : [];
    if (aggregates.length === 0 && by.length === 0)
      throw this.unexpected("Expected an aggregation such as count() or by after summarize");
    return { kind: "summarize", aggregates, by, pos };
  }

  /** hint.strategy = shuffle and friends change how Kusto distributes work; here they change nothing. */
  private skipHints(): void {
    while (this.isWord("hint") && this.isPunct(".", 1)) {
      this.next();
      this.next();
      this.expectIdent("a hint name");
      this.expectPunct("=", "after the hint name");
      const value = this.next();
      if (value.kind !== "ident" && value.kind !== "string" && value.kind !== "number")
        throw new KqlError("Expected a hint value", { line: value.line, column: value.column });
    }
  }

  private parseSortKeys(): TSortKey[] {
    const keys: TSortKey[] = [];
    do {
      const expr = this.parseExpr();
      // Kusto sorts descending unless told otherwise.
      const isDescending = !this.takeWord("asc");
      if (isDescending) this.takeWord("desc");
      let nulls: TSortKey["nulls"] = null;
      if (this.takeWord("nulls")) {
        if (this.takeWord("first")) nulls = "first";
        else if (this.takeWord("last")) nulls = "last";
        else throw this.unexpected("Expected first or last after nulls");
      }
      keys.push({ expr, isDescending, nulls });
    } while (this.takePunct(","));
    return keys;
  }

  private parseJoin(pos: TSourcePosition): TOperator {
    let joinKind: TJoinKind = "innerunique";
    for (;;) {
      this.skipHints();
      if (!this.isWord("kind")) break;
      this.next();
      this.expectPunct("=", "after kind");
      const kindPos = this.position();
      const kind = this.expectIdent("a join kind, e.g. inner or leftouter").text;
      if (!(kind in JOIN_KINDS))
        throw new KqlError(
          `\`${kind}\` is not a join kind: use inner, innerunique, leftouter, rightouter, fullouter, leftsemi, leftanti, rightsemi or rightanti`,
          kindPos,
        );
      joinKind = JOIN_KINDS[kind];
    }
    const rightPos = this.position();
    let right: TTabular;
    if (this.takePunct("(")) {
      right = this.parseTabular();
      this.expectPunct(")", "to close the right side of the join");
    } else {
      right = {
        source: {
          kind: "name",
          name: this.expectIdent("the table to join with, or a query in ( )").text,
          pos: rightPos,
        },
        operators: [],
      };
    }
    this.expectWord("on", "after the right side of the join");
    const keys: TJoinKey[] = [];
    do keys.push(this.parseJoinKey());
    while (this.takePunct(",") || this.takeWord("and"));
    return { kind: "join", joinKind, right, keys, pos };
  }

  /** `Key`, or `$left.A == $right.B` (either side first). */
  private parseJoinKey(): TJoinKey {
    const pos = this.position();
    if (!this.isWord("$left") && !this.isWord("$right")) {
      const name = this.readColumnName();
      return { left: name, right: name, pos };
    }
    const first = this.readSideColumn();
    this.expectPunct("==", "between the two join columns");
    const second = this.readSideColumn();
    if (first.side === second.side)
      throw new KqlError("A join condition compares a $left column with a $right column", pos);
    return first.side === "$left"
      ? { left: first.name, right: second.name, pos }
      : { left: second.name, right: first.name, pos };
  }

  private readSideColumn(): { side: string; name: string } {
    const side = this.next();
    if (side.kind !== "ident" || (side.text !== "$left" && side.text !== "$right"))
      throw new KqlError("Expected $left.Column or $right.Column", { line: side.line, column: side.column });
    this.expectPunct(".", `after ${side.text}`);
    return { side: side.text, name: this.readColumnName() };
  }

  private parseMvExpand(pos: TSourcePosition): TOperator {
    let bagKind: "bag" | "array" = "bag";
    let indexName: string | null = null;
    for (;;) {
      if ((this.isWord("kind") || this.isWord("bagexpansion")) && this.isPunct("=", 1)) {
        this.next();
        this.next();
        const kindPos = this.position();
        const kind = this.expectIdent("bag or array").text;
        if (kind !== "bag" && kind !== "array")
          throw new KqlError(`\`${kind}\` is not an expansion kind: use bag or array`, kindPos);
        bagKind = kind;
      } else if (this.isWord("with_itemindex") && this.isPunct("=", 1)) {
        this.next();
        this.next();
        indexName = this.expectIdent("a name for the index column").text;
      } else {
        break;
      }
    }
    const items: Extract<TOperator, { kind: "mv-expand" }>["items"] = [];
    do {
      const itemPos = this.position();
      const name = this.readAssignedName();
      const expr = this.parseExpr();
      let typeName: { name: string; pos: TSourcePosition } | null = null;
      if (this.takeWord("to")) {
        this.expectWord("typeof", "after to");
        this.expectPunct("(", "after typeof");
        const typePos = this.position();
        typeName = { name: this.expectIdent("a type name, e.g. string").text, pos: typePos };
        this.expectPunct(")", "to close typeof(");
      }
      items.push({ name, expr, pos: itemPos, typeName });
    } while (this.takePunct(","));
    const limit = this.takeWord("limit") ? this.parseExpr() : null;
    return { kind: "mv-expand", items, bagKind, indexName, limit, pos };
  }

  /** `[Name =] Aggregation [default = Value], … on Expr [from Start] [to End] step Step [by …]`. */
  private parseMakeSeries(pos: TSourcePosition): TOperator {
    const aggregates: Extract<TOperator, { kind: "make-series" }>["aggregates"] = [];
    do {
      const itemPos = this.position();
      const name = this.readAssignedName();
      const expr = this.parseExpr();
      let fallback = null;
      if (this.takeWord("default")) {
        this.expectPunct("=", "after default");
        fallback = this.parseExpr();
      }
      aggregates.push({ name, expr, pos: itemPos, fallback });
    } while (this.takePunct(","));
    this.expectWord("on", "after the aggregations of make-series");
    const on = this.parseExpr();
    const from = this.takeWord("from") ? this.parseExpr() : null;
    const to = this.takeWord("to") ? this.parseExpr() : null;
    this.expectWord("step", "in make-series … on Timestamp from … to … step 1d");
    const step = this.parseExpr();
    const by = this.takeWord("by") ? this.parseNamedList() : [];
    return { kind: "make-series", aggregates, on, from, to, step, by, pos };
  }

  /** `[kind=inner|outer] [withsource=Name] [isfuzzy=…] T, (query), …` after union. */
  private parseUnion(): TUnion {
    let isInner = false;
    let sourceColumn: string | null = null;
    for (;;) {
      if (this.isWord("kind") && this.isPunct("=", 1)) {
        this.next();
        this.next();
        const kindPos = this.position();
        const kind = this.expectIdent("inner or outer").text;
        if (kind !== "inner" && kind !== "outer")
          throw new KqlError(`\`${kind}\` is not a union kind: use inner or outer`, kindPos);
        isInner = kind === "inner";
      } else if (this.isWord("withsource") && this.isPunct("=", 1)) {
        this.next();
        this.next();
        sourceColumn = this.expectIdent("a name for the column of table names").text;
      } else if (this.isWord("isfuzzy") && this.isPunct("=", 1)) {
        this.next();
        this.next();
        this.next();
      } else {
        break;
      }
    }
    const tables: TTabular[] = [];
    do {
      const pos = this.position();
      if (this.takePunct("(")) {
        tables.push(this.parseTabular());
        this.expectPunct(")", "to close the query in the union");
      } else {
        tables.push({
          source: { kind: "name", name: this.expectIdent("a table name or a query in ( )").text, pos },
          operators: [],
        });
      }
    } while (this.takePunct(","));
    return { isInner, sourceColumn, tables };
  }

  private parseParse(pos: TSourcePosition): TOperator {
    let isRegex = false;
    if (this.isWord("kind") && this.isPunct("=", 1)) {
      this.next();
      this.next();
      const kindPos = this.position();
      const kind = this.expectIdent("simple, regex or relaxed").text;
      if (kind !== "simple" && kind !== "regex" && kind !== "relaxed")
        throw new KqlError(`\`${kind}\` is not a parse kind: use simple, regex or relaxed`, kindPos);
      isRegex = kind === "regex";
    }
    const source = this.parseExpr();
    this.expectWord("with", "after the text parse reads");
    const parts: TParsePart[] = [];
    while (!this.isPunct("|") && !this.isPunct(")") && !this.isPunct(";") && this.peek().kind !== "eof") {
      const partPos = this.position();
      const token = this.next();
      if (token.kind === "punct" && token.text === "*") parts.push({ kind: "skip" });
      else if (token.kind === "string") parts.push({ kind: "text", value: token.value });
      else if (token.kind === "ident") {
        let typeName: { name: string; pos: TSourcePosition } | null = null;
        if (this.takePunct(":")) {
          const typePos = this.position();
          typeName = { name: this.expectIdent("a type name, e.g. long").text, pos: typePos };
        }
        parts.push({ kind: "column", name: token.text, typeName, pos: partPos });
      } else throw new KqlError("Expected *, a string or a column name in the parse pattern", partPos);
    }
    if (!parts.some((part) => part.kind === "column"))
      throw new KqlError("parse needs at least one column to fill", pos);
    return { kind: "parse", isRegex, source, parts, pos };
  }

  /** evaluate bag_unpack(…), the one plugin that runs here; the others are named as not supported yet. */
  private parseEvaluate(pos: TSourcePosition): TOperator {
    this.skipHints();
    const pluginPos = this.position();
    const plugin = this.expectIdent("a plugin after evaluate, e.g. bag_unpack").text;
    if (plugin !== "bag_unpack") throw notSupported(`evaluate ${plugin}`, pluginPos);
    this.expectPunct("(", "after bag_unpack");
    const bag = this.parseExpr();
    let prefix: string | null = null;
    if (this.takePunct(",")) {
      const token = this.next();
      if (token.kind !== "string")
        throw new KqlError("The prefix of bag_unpack must be a string", { line: token.line, column: token.column });
      prefix = token.value;
    }
    this.expectPunct(")", "to close bag_unpack(");
    let schema: Extract<TOperator, { kind: "bag_unpack" }>["schema"] = null;
    if (this.takePunct(":")) {
      this.expectPunct("(", "before the output columns");
      schema = [];
      do {
        const name = this.readColumnName();
        this.expectPunct(":", `after ${name}`);
        const typePos = this.position();
        schema.push({ name, typeName: { name: this.expectIdent("a type name, e.g. string").text, pos: typePos } });
      } while (this.takePunct(","));
      this.expectPunct(")", "after the output columns");
    }
    return { kind: "bag_unpack", bag, prefix, schema, pos };
  }

  private parseRender(pos: TSourcePosition): TOperator {
    const chart = this.expectIdent("a chart type after render, e.g. timechart").text;
    if (this.takeWord("with")) {
      // Chart properties (title, axes, …) are the page's business; skip them, balanced.
      this.expectPunct("(", "after render … with");
      let depth = 1;
      while (depth > 0) {
        const token = this.next();
        if (token.kind === "eof") throw new KqlError("render … with ( is never closed", pos);
        if (token.kind === "punct" && token.text === "(") depth++;
        if (token.kind === "punct" && token.text === ")") depth--;
      }
    }
    return { kind: "render", chart, pos };
  }
}
