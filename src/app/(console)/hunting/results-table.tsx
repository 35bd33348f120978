"use client";

import { useState } from "react";
import { useMediaQuery } from "@/hooks/use-media-query";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber } from "@/lib/utils";
import { cellText, type THuntingResult } from "./hunting-result";

const PAGE_SIZE = 50;

// Every column shares the width, cut with the whole value in the tooltip, so a tenth column is as visible as the first
// (past ~7rem a column, the table scrolls sideways); a time is never cut: it is what a hunter orders and compares by.
const cellClass = (type: string) => (type === "datetime" ? "w-px whitespace-nowrap" : "max-w-0 min-w-28 truncate");

/** The rows as returned, a page at a time: the server already capped them, so paging here costs nothing. */
export function ResultsTable({ result }: { result: THuntingResult }) {
  const [page, setPage] = useState(0);
  const pageCount = Math.max(1, Math.ceil(result.rows.length / PAGE_SIZE));
  const current = Math.min(page, pageCount - 1);
  const rows = result.rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const isNarrow = useMediaQuery("(max-width: 639px)");
  if (result.rows.length === 0)
    return (
      <EmptyState title="No rows" description="The query ran and matched nothing." className="rounded-md border" />
    );

  return (
    <div className="space-y-2">
      <div className="max-h-[32rem] overflow-auto rounded-md border">
        {isNarrow ? (
          <ResultCards result={result} rows={rows} />
        ) : (
          <Table aria-label="Results">
            <TableHeader>
              <TableRow>
                {result.columns.map((column) => (
                  <TableHead
                    key={column.name}
                    title={`${column.name} (${column.type})`}
                    className={`${cellClass(column.type)} font-mono text-xs`}
                  >
                    {column.name}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row, index) => (
                <TableRow key={current * PAGE_SIZE + index}>
                  {result.columns.map((column) => (
                    <TableCell
                      key={column.name}
                      className={`${cellClass(column.type)} font-mono text-xs`}
                      title={cellText(row[column.name])}
                    >
                      {cellText(row[column.name])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
      {pageCount > 1 ? (
        <div className="flex items-center justify-end gap-2 text-sm">
          <span className="text-muted-foreground tabular-nums">
            Rows {formatNumber(current * PAGE_SIZE + 1)}–{formatNumber(current * PAGE_SIZE + rows.length)} of{" "}
            {formatNumber(result.rows.length)}
          </span>
          <Button variant="outline" size="sm" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </Button>
          <Button variant="outline" size="sm" disabled={current >= pageCount - 1} onClick={() => setPage(current + 1)}>
            Next
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** Below 640 px each row is a card of column: value pairs, nothing cut. */
function ResultCards({ result, rows }: { result: THuntingResult; rows: THuntingResult["rows"] }) {
  return (
    <ul aria-label="Results" data-slot="table-cards" className="divide-y">
      {rows.map((row, index) => (
        <li key={index} data-slot="table-card" className="p-3">
          <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1 text-xs">
            {result.columns.map((column) => (
              <div key={column.name} className="contents">
                <dt className="font-mono text-muted-foreground">{column.name}</dt>
                <dd className="min-w-0 font-mono break-words">{cellText(row[column.name])}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
