import "server-only";

export type ColumnValue = string | number | boolean | null;

/** One table column: its name, the PostgreSQL type of its parameter array, and how a row gives its value. */
export type Column<R> = { name: string; type: string; value: (row: R) => ColumnValue };

/** Rows turned into one array per column, the shape `unnest($1::t1[], $2::t2[], ...)` takes. */
export function toColumnArrays<R>(rows: readonly R[], columns: readonly Column<R>[]): ColumnValue[][] {
  const arrays = columns.map(() => new Array<ColumnValue>(rows.length));
  for (let i = 0; i < rows.length; i++) {
    for (let c = 0; c < columns.length; c++) arrays[c][i] = columns[c].value(rows[i]);
  }
  return arrays;
}

type InsertOptions = { conflictTarget: readonly string[]; returning?: string };

// A whole batch is one statement with one parameter per column, however many rows: PostgreSQL plans it once and
// the 65,535-parameter limit of a multi-row VALUES never applies.
export function unnestInsertSql<R>(table: string, columns: readonly Column<R>[], { conflictTarget, returning }: InsertOptions): string {
  const names = columns.map((column) => quoteIdent(column.name)).join(", ");
  const params = columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(", ");
  const conflict = conflictTarget.map(quoteIdent).join(", ");
  return (
    `INSERT INTO ${quoteIdent(table)} (${names}) SELECT * FROM unnest(${params}) ` +
    `ON CONFLICT (${conflict}) DO NOTHING${returning ? ` RETURNING ${quoteIdent(returning)}` : ""}`
  );
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
