import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type SimpleColumn<TRow> = { header: string; cell: (row: TRow) => ReactNode; className?: string };

type SimpleTableProps<TRow> = {
  label: string;
  columns: readonly SimpleColumn<TRow>[];
  rows: readonly TRow[];
  getKey: (row: TRow) => string | number;
  emptyTitle: string;
  emptyDescription?: string;
};

/**
 * A server-rendered table for the short, complete lists inside a details page (an investigation's evidence,
 * log, actions): they arrive whole with the record, so they need no URL paging or sorting.
 */
export function SimpleTable<TRow>({
  label,
  columns,
  rows,
  getKey,
  emptyTitle,
  emptyDescription,
}: SimpleTableProps<TRow>) {
  return (
    <div className="overflow-hidden rounded-lg border bg-card shadow-xs">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {columns.map((column) => (
              <TableHead key={column.header} className={column.className}>
                {column.header}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={getKey(row)}>
              {columns.map((column) => (
                <TableCell key={column.header} className={column.className}>
                  {column.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {rows.length === 0 ? <EmptyState title={emptyTitle} description={emptyDescription} /> : null}
    </div>
  );
}
