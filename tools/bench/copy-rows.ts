import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { quoteIdent, type Column, type ColumnValue } from "@/server/ingestion/columnar-insert";

// The fastest way PostgreSQL loads rows: COPY ... FROM STDIN in its text format. It is the yardstick the
// ingestion is measured against, so it skips nothing that would make the two write different rows.

const COPY_CHUNK_ROWS = 5_000;

/** Streams rows into a table with COPY; returns the number of rows PostgreSQL took. */
export async function copyRows<R>(
  client: pg.ClientBase,
  table: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
): Promise<number> {
  const names = columns.map((column) => quoteIdent(column.name)).join(", ");
  const stream = client.query(copyFrom(`COPY ${quoteIdent(table)} (${names}) FROM STDIN`));
  await pipeline(Readable.from(textChunks(rows, columns)), stream);
  return stream.rowCount;
}

function* textChunks<R>(rows: readonly R[], columns: readonly Column<R>[]): Generator<string> {
  for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
    let chunk = "";
    const end = Math.min(rows.length, start + COPY_CHUNK_ROWS);
    for (let i = start; i < end; i++) {
      let line = "";
      for (let c = 0; c < columns.length; c++) line += (c ? "\t" : "") + copyText(columns[c].value(rows[i]));
      chunk += `${line}\n`;
    }
    yield chunk;
  }
}

const SPECIAL = /[\\\t\n\r]/;

function copyText(value: ColumnValue): string {
  if (value === null) return "\\N";
  if (typeof value !== "string") return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}
