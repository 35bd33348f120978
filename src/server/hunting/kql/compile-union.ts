// union: the rows of several tables or queries one after the other (UNION ALL). Columns are matched by name, in the
// order they first appear; kind=outer (the default) fills a table's missing column with "" or null, kind=inner keeps
// only the columns every table has. withsource= adds the table each row came from.
import type { TTabular, TUnion } from "./ast";
import type { TColumn } from "./base-tables";
import type { TLetEnv } from "./compile-expression";
import type { QueryCompiler, TRelation } from "./compile-kql";
import { KqlError, type TSourcePosition } from "./kql-error";
import { columnValue } from "./relation-columns";
import { ident, join, sql, textParam } from "./sql";

export function compileUnion(
  q: QueryCompiler,
  first: TRelation | null,
  union: TUnion,
  env: TLetEnv,
  pos: TSourcePosition,
): TRelation {
  const parts: { relation: TRelation; source: string }[] = [
    ...(first ? [{ relation: first, source: "union_arg0" }] : []),
    ...union.tables.map((table, index) => ({
      relation: q.compileTabular(table, env),
      source: sourceName(table, index + (first ? 1 : 0)),
    })),
  ];
  const columns: TColumn[] = [];
  for (const { relation } of parts) {
    for (const column of relation.columns) {
      const known = columns.find((other) => other.name === column.name);
      if (known && known.type !== column.type)
        throw new KqlError(
          `The tables of the union have a column '${column.name}' of two types: ${known.type} and ${column.type}`,
          pos,
        );
      if (!known) columns.push({ name: column.name, type: column.type, alias: q.newAlias() });
    }
  }
  const kept = union.isInner
    ? columns.filter((column) =>
        parts.every(({ relation }) => relation.columns.some((other) => other.name === column.name)),
      )
    : columns;
  const sourceColumn: TColumn | null = union.sourceColumn
    ? { name: union.sourceColumn, type: "string", alias: q.newAlias() }
    : null;
  if (sourceColumn && kept.some((column) => column.name === sourceColumn.name))
    throw new KqlError(`There is already a column '${sourceColumn.name}'`, pos);
  const selects = parts.map(({ relation, source }) => {
    const values = kept.map((column) => {
      const own = relation.columns.find((other) => other.name === column.name);
      const value = own
        ? columnValue(own)
        : column.type === "string"
          ? textParam("")
          : sql`NULL::${q.dialect.type(column.type)}`;
      return sql`${value} AS ${ident(column.alias)}`;
    });
    if (sourceColumn) values.unshift(sql`${textParam(source)} AS ${ident(sourceColumn.alias)}`);
    return sql`SELECT ${join(values)} FROM ${ident(relation.cte)}`;
  });
  return q.addStage(join(selects, " UNION ALL "), [...(sourceColumn ? [sourceColumn] : []), ...kept]);
}

/** What withsource= says for a table: its name, or union_argN for a query. */
function sourceName(table: TTabular, index: number): string {
  return table.operators.length === 0 && table.source.kind === "name" ? table.source.name : `union_arg${index}`;
}
