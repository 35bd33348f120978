import type { RowData } from "@tanstack/react-table";
import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { DataTableColumnDef } from "./data-table";
import { rowActionsColumnClass } from "./row-actions-column";

type TRemoveColumnOptions<TRow> = {
  /** What the control does, for the hidden header and each button's name: "Delete", "Forget". */
  verb: string;
  describe: (row: TRow) => string;
  onRemove: (row: TRow) => void;
  isBusy?: (row: TRow) => boolean;
};

/** A trailing column with one trash button per row, named for screen readers after the row it removes. */
export function removeColumn<TRow extends RowData>({
  verb,
  describe,
  onRemove,
  isBusy,
}: TRemoveColumnOptions<TRow>): DataTableColumnDef<TRow> {
  return {
    id: "remove",
    header: () => <span className="sr-only">{verb}</span>,
    enableSorting: false,
    meta: { isRowActions: true, className: rowActionsColumnClass("w-16") },
    cell: ({ row }) => (
      <Button
        variant="ghost"
        size="icon-sm"
        disabled={isBusy?.(row.original)}
        aria-label={`${verb} ${describe(row.original)}`}
        onClick={() => onRemove(row.original)}
      >
        <Trash2 aria-hidden />
      </Button>
    ),
  };
}
