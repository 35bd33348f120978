// A parsed query → one SQL statement: each pipeline stage is a CTE over the previous one (PostgreSQL inlines CTEs
// used once, so the planner still sees one query), lets are compiled where they are used, and column names are
// kept beside the SQL rather than in it: every SQL identifier is a schema name or a generated one (_s3, c12).
import type { TKqlQuery, TSource, TTabular } from "./ast";
import { baseTableSelect, findTable, type TColumn } from "./base-tables";
import { POSTGRES, type TDialect } from "./dialect";
import { ExpressionCompiler, type TExpressionContext, type TLetBinding, type TLetEnv } from "./compile-expression";
import { applyOperator } from "./compile-operators";
import { compileUnion } from "./compile-union";
import { BagKeysNeeded, MAX_BAG_KEYS } from "./compile-bag-unpack";
import { KqlError, type TSourcePosition } from "./kql-error";
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import { columnTyped, columnValue } from "./relation-columns";
import { ident, join, sql, type TSql } from "./sql";
import type { TTyped } from "./kql-types";

export type { TColumn } from "./base-tables";

/** `sql` selects every result row (the caller adds the row limit); `columns` name them, in order. */
export type TCompiledQuery = { sql: TSql; columns: TColumn[]; chart: string | null };

/**
 * A stage's result: the CTE that holds it and the columns a query can still see there. `isGrouped`: it is (or
 * filters or reshapes) a summarize or distinct, whose every row comes from reading all of its input.
 */
export type TRelation = { cte: string; columns: TColumn[]; isGrouped?: boolean };

/**
 * The same parsed query compiles for either store: `dialect` spells what PostgreSQL and ClickHouse write differently.
 * `bagKeys`: the properties each evaluate bag_unpack found in the rows, in order (see BagKeysNeeded).
 */
export function compileKql(query: TKqlQuery, dialect: TDialect = POSTGRES, bagKeys: string[][] = []): TCompiledQuery {
  let env: TLetEnv = new Map();
  for (const statement of query.lets) {
    const binding: TLetBinding =
      statement.kind === "scalar"
        ? { kind: "scalar", expr: statement.value, env }
        : { kind: "tabular", query: statement.value, env };
    env = new Map(env).set(statement.name, binding);
  }
  const compiler = new QueryCompiler(dialect, bagKeys);
  return compiler.finish(compiler.compileTabular(query.body, env, true));
}

// Far more steps than any real query; a let-built query that doubles at each let reaches it fast and stops there.
const MAX_STAGES = 1_000;
const MAX_PARAMETERS = 30_000;

export class QueryCompiler {
  private readonly ctes: TSql[] = [];
  private aliasCount = 0;
  private readonly context: TExpressionContext;
  chart: string | null = null;

  private bagUnpacks = 0;

  constructor(
    readonly dialect: TDialect = POSTGRES,
    private readonly bagKeys: string[][] = [],
  ) {
    this.context = {
      listSubquery: (query, env, pos, isCaseless) => this.listSubquery(query, env, pos, isCaseless),
      steps: { count: 0 },
      dialect,
    };
  }

  newAlias(): string {
    return `c${++this.aliasCount}`;
  }

  addStage(body: TSql, columns: TColumn[], isGrouped = false): TRelation {
    const cte = `_s${this.ctes.length + 1}`;
    this.ctes.push(sql`${ident(cte)} AS (${body})`);
    return { cte, columns, isGrouped };
  }

  compileTabular(query: TTabular, env: TLetEnv, isOutermost = false): TRelation {
    let relation = this.compileSource(query.source, env);
    for (const operator of query.operators) {
      if (operator.kind === "render" && !isOutermost)
        throw new KqlError("render can only end the whole query, not a let or a subquery", operator.pos);
      relation = applyOperator(this, relation, operator, env);
      if (this.ctes.length > MAX_STAGES)
        throw new KqlError("The query has too many steps: is a tabular let used over and over?", operator.pos);
    }
    return relation;
  }

  private compileSource(source: TSource, env: TLetEnv): TRelation {
    if (source.kind === "subquery") return this.compileTabular(source.query, env);
    if (source.kind === "union") return compileUnion(this, null, source.union, env, source.pos);
    const binding = env.get(source.name);
    if (binding?.kind === "tabular") return this.compileTabular(binding.query, binding.env);
    if (binding?.kind === "scalar")
      throw new KqlError(`${source.name} is a value (a scalar let), not a table`, source.pos);
    const table = findTable(source.name);
    if (!table) throw unknownTable(source.name, source.pos);
    const base = baseTableSelect(table, this.dialect);
    return this.addStage(base.sql, base.columns);
  }

  /** The next bag_unpack's properties; when the runner has not found them yet, the statement that finds them. */
  nextBagKeys(statement: () => TSql): string[] {
    const keys = this.bagKeys[this.bagUnpacks++];
    if (!keys) throw new BagKeysNeeded(statement());
    if (keys.length > MAX_BAG_KEYS)
      throw new KqlError(`bag_unpack would make more than ${MAX_BAG_KEYS} columns: project the properties you need`, {
        line: 1,
        column: 1,
      });
    return keys;
  }

  /** A whole statement over the stages so far. */
  statementOf(select: TSql): TSql {
    return this.dialect.finalStatement(this.ctes, select, false);
  }

  /** An expression compiler over a relation's columns. */
  expressions(relation: TRelation, env: TLetEnv, isAggregate = false): ExpressionCompiler {
    const columns = new Map<string, TTyped>(relation.columns.map((column) => [column.name, columnTyped(column)]));
    return new ExpressionCompiler(columns, env, this.context, isAggregate);
  }

  /** `x in (T)`: T's first column, nulls left out so that `!in` keeps its meaning. */
  private listSubquery(query: TTabular, env: TLetEnv, pos: TSourcePosition, isCaseless: boolean): TTyped {
    const relation = this.compileTabular(query, env);
    const column = relation.columns[0];
    if (!column) throw new KqlError("This query has no column to compare with", pos);
    const select = (value: TSql) =>
      sql`SELECT ${value} FROM ${ident(relation.cte)} WHERE ${ident(column.alias)} IS NOT NULL`;
    if (isCaseless)
      return { sql: select(sql`lower((${columnValue(column)})::${this.dialect.type("string")})`), type: "string" };
    return {
      sql: select(columnValue(column)),
      type: column.type,
      ...(column.isStoredUuid ? { uuid: select(ident(column.alias)) } : {}),
    };
  }

  finish(relation: TRelation): TCompiledQuery {
    const compiled = this.finalSelect(relation);
    // PostgreSQL binds at most 65,535 parameters to a statement; refuse well before, with a message.
    if (compiled.sql.values.length > MAX_PARAMETERS)
      throw new KqlError(
        `The query is too large to run: it holds more than ${MAX_PARAMETERS.toLocaleString("en")} values`,
        { line: 1, column: 1 },
      );
    return compiled;
  }

  private finalSelect(relation: TRelation): TCompiledQuery {
    // Timespans leave as seconds: the driver cannot read PostgreSQL intervals, and the runner formats them as Kusto does.
    const list = relation.columns.map((column) =>
      column.type === "timespan"
        ? sql`${this.dialect.seconds(ident(column.alias))} AS ${ident(column.alias)}`
        : column.isStoredUuid
          ? sql`${columnValue(column)} AS ${ident(column.alias)}`
          : ident(column.alias),
    );
    const select = sql`SELECT ${join(list)} FROM ${ident(relation.cte)}`;
    // The caller's LIMIT would make PostgreSQL plan a grouped result for a few early rows (an index walk in group
    // order), far slower when, as usual, every group is wanted: its dialect plans such a result for all its rows.
    return {
      sql: this.dialect.finalStatement(this.ctes, select, relation.isGrouped === true),
      columns: relation.columns,
      chart: this.chart,
    };
  }
}

function unknownTable(name: string, pos: TSourcePosition): KqlError {
  const sameLetters = HUNTING_TABLES.find((table) => table.name.toLowerCase() === name.toLowerCase());
  if (sameLetters)
    return new KqlError(
      `There is no table '${name}': table names are case-sensitive, did you mean ${sameLetters.name}?`,
      pos,
    );
  return new KqlError(
    `There is no table or let named '${name}'. Advanced hunting covers ${HUNTING_TABLES.map((table) => table.name).join(", ")}`,
    pos,
  );
}
