// parse: columns cut out of a text by a pattern of skips (*), fixed strings and columns, as one regular expression
// anchored at the text's start; a text that does not fit leaves the columns empty (null for other types). Each
// column takes the shortest text that lets the rest fit, a typed number only digits, the last column the rest.
import type { TExpr, TOperator } from "./ast";
import type { TColumn } from "./base-tables";
import type { TLetEnv } from "./compile-expression";
import type { QueryCompiler, TRelation } from "./compile-kql";
import { KqlError } from "./kql-error";
import { KQL_TYPE_NAMES, type TKqlType } from "./kql-types";
import { columnList } from "./relation-columns";
import { ident, join, sql } from "./sql";

const escapeRegex = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");

const GROUPS: Partial<Record<TKqlType, string>> = {
  int: "([-+]?\\d+)",
  long: "([-+]?\\d+)",
  real: "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)",
};

/** The conversion from the matched text: the same function a query would call. */
const CONVERSIONS: Record<TKqlType, string | null> = {
  string: "tostring",
  int: "toint",
  long: "tolong",
  real: "toreal",
  datetime: "todatetime",
  dynamic: "parse_json",
  bool: null,
  timespan: null,
};

type TColumnPart = Extract<Extract<TOperator, { kind: "parse" }>["parts"][number], { kind: "column" }>;

export function compileParse(
  q: QueryCompiler,
  relation: TRelation,
  operator: Extract<TOperator, { kind: "parse" }>,
  env: TLetEnv,
): TRelation {
  const c = q.expressions(relation, env);
  const text = c.toText(c.compile(operator.source));
  const parts = operator.parts.at(-1)?.kind === "skip" ? operator.parts.slice(0, -1) : operator.parts;
  const columns: { part: TColumnPart; type: TKqlType }[] = [];
  let pattern = "";
  parts.forEach((part, index) => {
    if (part.kind === "skip") pattern += ".*?";
    else if (part.kind === "text")
      pattern += operator.isRegex ? `(?:${regexPart(part.value, operator.pos)})` : escapeRegex(part.value);
    else {
      const type = part.typeName ? KQL_TYPE_NAMES[part.typeName.name] : "string";
      if (!type || !CONVERSIONS[type])
        throw new KqlError(
          `parse cannot fill a column of type ${part.typeName!.name}: use string, int, long, real, datetime or dynamic`,
          part.typeName!.pos,
        );
      if (columns.some((column) => column.part.name === part.name))
        throw new KqlError(`The column name '${part.name}' is used twice in parse`, part.pos);
      columns.push({ part, type });
      // The last column takes the rest of the text: anchoring the end keeps the match from stopping short.
      pattern += GROUPS[type] ?? (index === parts.length - 1 ? "(.*)$" : "(.*?)");
    }
  });
  const matchAlias = q.newAlias();
  const matched = q.addStage(
    sql`SELECT ${columnList(relation.columns)}, ${q.dialect.anchoredGroups(text, pattern)} AS ${ident(matchAlias)} FROM ${ident(relation.cte)}`,
    relation.columns,
  );

  const kept = relation.columns.filter((column) => !columns.some(({ part }) => part.name === column.name));
  const added = columns.map(({ part, type }, index) => {
    const group = q.dialect.groupOf(ident(matchAlias), index + 1);
    const value = c.withColumns(new Map([[part.name, { sql: group, type: "string" as const }]]));
    const call: TExpr = {
      kind: "call",
      name: CONVERSIONS[type]!,
      args: [{ kind: "column", name: part.name, pos: part.pos }],
      pos: part.pos,
    };
    const typed = value.compile(call);
    const column: TColumn = {
      name: part.name,
      type: typed.type === "null" ? "string" : typed.type,
      alias: q.newAlias(),
    };
    return { column, sql: sql`${typed.sql} AS ${ident(column.alias)}` };
  });
  const select = [...kept.map((column) => ident(column.alias)), ...added.map((entry) => entry.sql)];
  return q.addStage(sql`SELECT ${join(select)} FROM ${ident(matched.cte)}`, [
    ...kept,
    ...added.map((entry) => entry.column),
  ]);
}

/** kind=regex: the strings are regular expressions; their own groups would shift the columns' numbers. */
function regexPart(value: string, pos: TExpr["pos"]): string {
  if (/(^|[^\\])\((?!\?)/.test(value))
    throw new KqlError("In parse kind=regex, write groups as (?: ) so that they do not count as columns", pos);
  return value;
}
