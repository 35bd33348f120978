// join: kind=innerunique (Kusto's default: the left side first keeps one row per key), inner, leftouter,
// rightouter, fullouter, and the semi and anti joins that keep one side's columns. Hints are parsed and ignored.
import type { TOperator } from "./ast";
import type { TColumn } from "./base-tables";
import type { TLetEnv } from "./compile-expression";
import type { QueryCompiler, TRelation } from "./compile-kql";
import { columnList, columnValue, findColumn, uniqueName } from "./relation-columns";
import { KqlError } from "./kql-error";
import { commonType } from "./kql-types";
import { ident, join, keyword, sql, type TSql } from "./sql";

const JOIN_SQL = {
  inner: "JOIN",
  innerunique: "JOIN",
  leftouter: "LEFT JOIN",
  rightouter: "RIGHT JOIN",
  fullouter: "FULL JOIN",
} as const;

export function compileJoin(
  q: QueryCompiler,
  leftInput: TRelation,
  operator: Extract<TOperator, { kind: "join" }>,
  env: TLetEnv,
): TRelation {
  const right = q.compileTabular(operator.right, env);
  const pairs = operator.keys.map((key) => {
    const leftColumn = findColumn(leftInput, key.left, key.pos, " on the left side of the join");
    const rightColumn = findColumn(right, key.right, key.pos, " on the right side of the join");
    if (!commonType(leftColumn.type, rightColumn.type))
      throw new KqlError(
        `Join keys must have one type: ${key.left} is ${leftColumn.type}, ${key.right} is ${rightColumn.type}`,
        key.pos,
      );
    return { left: leftColumn, right: rightColumn };
  });
  const left =
    operator.joinKind === "innerunique"
      ? q.addStage(
          sql`SELECT DISTINCT ON (${join(pairs.map((pair) => ident(pair.left.alias)))}) ${columnList(leftInput.columns)} FROM ${ident(leftInput.cte)}`,
          leftInput.columns,
        )
      : leftInput;
  // Two stored uuids compare as such, so that an index on either side can serve the join; else their text.
  const on = join(
    pairs.map(({ left, right }) => {
      const value = (column: TColumn) =>
        left.isStoredUuid && right.isStoredUuid ? ident(column.alias) : columnValue(column);
      return sql`l.${value(left)} = r.${value(right)}`;
    }),
    " AND ",
  );
  const from = (relation: TRelation, side: "l" | "r") => sql`${ident(relation.cte)} AS ${keyword(side)}`;

  if (operator.joinKind.endsWith("semi") || operator.joinKind.endsWith("anti")) {
    const isLeft = operator.joinKind.startsWith("left");
    const [kept, other] = isLeft ? [from(left, "l"), from(right, "r")] : [from(right, "r"), from(left, "l")];
    const keptColumns = isLeft ? left.columns : right.columns;
    const exists = keyword(operator.joinKind.endsWith("anti") ? "NOT EXISTS" : "EXISTS");
    const select = join(keptColumns.map((column) => sql`${keyword(isLeft ? "l" : "r")}.${ident(column.alias)}`));
    return q.addStage(
      sql`SELECT ${select} FROM ${kept} WHERE ${exists} (SELECT 1 FROM ${other} WHERE ${on})`,
      keptColumns,
    );
  }

  // Kusto keeps both sides' columns; a right column whose name the left has gets a number: NetworkMessageId1.
  const taken = new Set(left.columns.map((column) => column.name));
  const output: { column: TColumn; sql: TSql }[] = [];
  for (const [side, relation] of [
    ["l", left],
    ["r", right],
  ] as const) {
    // An outer join fills the other side's columns with nulls where nothing matched.
    const mayBeNull =
      operator.joinKind === "fullouter" || operator.joinKind === (side === "l" ? "rightouter" : "leftouter");
    for (const column of relation.columns) {
      const name = side === "l" ? column.name : uniqueName(column.name, taken);
      taken.add(name);
      const alias = q.newAlias();
      output.push({
        column: { ...column, name, alias, isNotNull: column.isNotNull && !mayBeNull },
        sql: sql`${keyword(side)}.${ident(column.alias)} AS ${ident(alias)}`,
      });
    }
  }
  const kind = keyword(JOIN_SQL[operator.joinKind as keyof typeof JOIN_SQL]);
  return q.addStage(
    sql`SELECT ${join(output.map((entry) => entry.sql))} FROM ${from(left, "l")} ${kind} ${from(right, "r")} ON ${on}`,
    output.map((entry) => entry.column),
  );
}
