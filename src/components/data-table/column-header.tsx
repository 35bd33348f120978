"use client";

import type { RowData } from "@tanstack/react-table";
import type { LegacyColumn } from "@tanstack/react-table/legacy";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";

import { focusRing } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export type DataTableColumnHeaderProps<TRow extends RowData, TValue> = {
  column: LegacyColumn<TRow, TValue>;
  title: string;
  className?: string;
};

/**
 * A header that toggles the URL `sort` between `field` and `-field`. The column id is the sort field,
 * so it must be a field the API can sort by. A column that cannot sort renders a plain title.
 */
export function DataTableColumnHeader<TRow extends RowData, TValue>({
  column,
  title,
  className,
}: DataTableColumnHeaderProps<TRow, TValue>) {
  if (!column.getCanSort()) return <span className={className}>{title}</span>;
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  // First click uses the column's natural direction (dates and numbers newest/largest first), then flips.
  const nextDesc = sorted ? sorted === "asc" : column.getFirstSortDir() === "desc";
  return (
    <button
      type="button"
      onClick={() => column.toggleSorting(nextDesc)}
      className={cn(
        "-ml-2 inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md px-2 font-semibold transition-colors hover:bg-accent hover:text-foreground",
        sorted && "text-foreground",
        focusRing,
        className,
      )}
    >
      {title}
      <Icon className={cn("size-3.5", !sorted && "opacity-50")} aria-hidden />
      <span className="sr-only">{nextDesc ? ", sort descending" : ", sort ascending"}</span>
    </button>
  );
}
