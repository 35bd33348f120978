"use client";

import type { RowData } from "@tanstack/react-table";
import type { LegacyColumnDef } from "@tanstack/react-table/legacy";

import { Checkbox } from "@/components/ui/checkbox";

export const SELECTION_COLUMN_ID = "select";

/** The checkbox column DataTable prepends when row selection is on; the header box covers this page only. */
export function selectionColumn<TRow extends RowData>(): LegacyColumnDef<TRow, unknown> {
  return {
    id: SELECTION_COLUMN_ID,
    enableSorting: false,
    meta: { className: "w-10 pr-0", cellClassName: "flex items-center" },
    header: ({ table }) => (
      <Checkbox
        aria-label="Select all rows on this page"
        checked={table.getIsAllPageRowsSelected()}
        indeterminate={table.getIsSomePageRowsSelected()}
        onChange={(event) => table.toggleAllPageRowsSelected(event.target.checked)}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label="Select row"
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={(event) => row.toggleSelected(event.target.checked)}
      />
    ),
  };
}
