"use client";

import { flexRender, type RowData } from "@tanstack/react-table";
import type { LegacyCell, LegacyRow } from "@tanstack/react-table/legacy";
import Link from "next/link";
import { cn } from "@/lib/utils";
import { columnLabel } from "./column-layout";
import { SELECTION_COLUMN_ID } from "./selection-column";

type TDataTableCardsProps<TRow extends RowData> = {
  rows: LegacyRow<TRow>[];
  label: string;
  getRowHref?: (row: TRow) => string;
  /** The column whose value heads the card (and links to the row's page). */
  titleColumnId?: string;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: a cell's value type differs per column (TanStack's default)
const render = <TRow extends RowData>(cell: LegacyCell<TRow, any>) =>
  flexRender(cell.column.columnDef.cell, cell.getContext());

/**
 * A list's rows as cards, for screens below 640 px: the same cells as the table, each under its column's name and
 * never cut (nor clamped), the first one as the card's heading (the row's link), the row's checkbox and controls beside it.
 */
export function DataTableCards<TRow extends RowData>({
  rows,
  label,
  getRowHref,
  titleColumnId,
}: TDataTableCardsProps<TRow>) {
  return (
    <ul aria-label={label} data-slot="table-cards" className="divide-y">
      {rows.map((row) => {
        const cells = row.getVisibleCells();
        const select = cells.find((cell) => cell.column.id === SELECTION_COLUMN_ID);
        const title = cells.find((cell) => cell.column.id === titleColumnId);
        const controls = cells.filter((cell) => cell.column.columnDef.meta?.isRowActions);
        const details = cells.filter((cell) => cell !== select && cell !== title && !controls.includes(cell));
        const href = getRowHref?.(row.original);
        return (
          <li
            key={row.id}
            data-slot="table-card"
            data-state={row.getIsSelected() ? "selected" : undefined}
            className="space-y-2 p-3 data-[state=selected]:bg-info-subtle"
          >
            <div className="flex items-start gap-2">
              {select ? <div className="pt-0.5">{render(select)}</div> : null}
              {title ? (
                <div className="min-w-0 flex-1 font-medium break-words">
                  {href ? (
                    <Link
                      href={href}
                      className="rounded-sm text-link outline-none hover:underline focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-offset-1 focus-visible:outline-ring"
                    >
                      {render(title)}
                    </Link>
                  ) : (
                    render(title)
                  )}
                </div>
              ) : null}
              {controls.map((cell) => (
                <div key={cell.id} className="shrink-0">
                  {render(cell)}
                </div>
              ))}
            </div>
            <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1 text-sm">
              {details.map((cell) => (
                <div key={cell.id} className="contents">
                  <dt className="text-muted-foreground">{columnLabel(cell.column)}</dt>
                  <dd
                    className={cn(
                      "min-w-0 break-words [&_*]:line-clamp-none [&_*]:whitespace-normal",
                      cell.column.columnDef.meta?.isPinned && "font-medium",
                    )}
                  >
                    {render(cell)}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
