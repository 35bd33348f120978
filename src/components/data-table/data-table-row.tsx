"use client";

import { flexRender, type RowData } from "@tanstack/react-table";
import type { LegacyRow } from "@tanstack/react-table/legacy";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { MouseEvent } from "react";

import { TableCell, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { cellWrapperClass, columnClass } from "./column-layout";

const INTERACTIVE = "a, button, input, select, textarea, label, [role='menuitem'], [role='checkbox']";

type DataTableRowProps<TRow extends RowData> = {
  row: LegacyRow<TRow>;
  href?: string;
  /** The cell that holds the real <a>, so the row is reachable by keyboard and by "open in new tab". */
  linkColumnId?: string;
};

export function DataTableRow<TRow extends RowData>({ row, href, linkColumnId }: DataTableRowProps<TRow>) {
  const router = useRouter();

  function handleClick(event: MouseEvent<HTMLTableRowElement>) {
    if (!href) return;
    const target = event.target as HTMLElement;
    // Controls inside the row keep their own behaviour, and selecting text must not navigate.
    if (event.defaultPrevented || target.closest(INTERACTIVE) || window.getSelection()?.toString()) return;
    if (event.metaKey || event.ctrlKey) window.open(href, "_blank", "noopener");
    else router.push(href);
  }

  return (
    <TableRow
      data-state={row.getIsSelected() ? "selected" : undefined}
      onClick={href ? handleClick : undefined}
      // `group/row`: a cell that paints its own background (a sticky column) can follow the row's hover and selection.
      className={cn("group/row", href && "cursor-pointer")}
    >
      {row.getVisibleCells().map((cell) => {
        const value = cell.getValue();
        const content = flexRender(cell.column.columnDef.cell, cell.getContext());
        return (
          <TableCell key={cell.id} className={columnClass(cell.column)}>
            <div
              className={cellWrapperClass(cell.column)}
              // Cut text stays readable on hover (a pinned cell is never cut); custom cells can set their own title.
              title={
                typeof value === "string" && value !== "" && !cell.column.columnDef.meta?.isPinned ? value : undefined
              }
            >
              {href && cell.column.id === linkColumnId ? (
                <Link
                  href={href}
                  className="rounded-sm font-medium text-link outline-none hover:underline focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-offset-1 focus-visible:outline-ring"
                >
                  {content}
                </Link>
              ) : (
                content
              )}
            </div>
          </TableCell>
        );
      })}
    </TableRow>
  );
}
