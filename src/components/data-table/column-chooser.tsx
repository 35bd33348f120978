"use client";

import type { RowData } from "@tanstack/react-table";
import type { LegacyTable } from "@tanstack/react-table/legacy";
import { Columns3 } from "lucide-react";
import { createContext, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { columnLabel, isChoosable, isPinned } from "./column-layout";
import { SELECTION_COLUMN_ID } from "./selection-column";

/**
 * The chooser, handed to a DataTableToolbar (anywhere in the list's toolbar) so it sits at the end of the filters; the
 * toolbar claims it, and a list whose toolbar has none shows it on a row of its own.
 */
export const ColumnChooserSlot = createContext<{ chooser: ReactNode; claim: () => void } | null>(null);

type TColumnChooserProps<TRow extends RowData> = {
  table: LegacyTable<TRow>;
  label: string;
  onToggle: (columnId: string, isVisible: boolean) => void;
  onReset: () => void;
  /** Why the last choice was not saved, if it was not. */
  error: string | null;
};

/** Columns ▾: shows or hides a list's optional columns; the pinned ones are listed as always shown. */
export function ColumnChooser<TRow extends RowData>({
  table,
  label,
  onToggle,
  onReset,
  error,
}: TColumnChooserProps<TRow>) {
  const columns = table
    .getAllLeafColumns()
    .filter((column) => column.id !== SELECTION_COLUMN_ID && !column.columnDef.meta?.isRowActions);
  if (!columns.some(isChoosable)) return null;
  return (
    <div className="flex items-center gap-2">
      {error ? (
        <span role="status" className="text-xs text-high-foreground">
          {error}
        </span>
      ) : null}
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" aria-label={`Choose the columns of ${label}`}>
            <Columns3 aria-hidden />
            Columns
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>Show columns</DropdownMenuLabel>
          {columns.map((column) => (
            <DropdownMenuCheckboxItem
              key={column.id}
              checked={column.getIsVisible()}
              disabled={!isChoosable(column)}
              // Keeps the menu open, so several columns can be turned on or off in one go.
              onSelect={(event) => event.preventDefault()}
              onCheckedChange={(checked) => onToggle(column.id, checked === true)}
            >
              {columnLabel(column)}
              {isPinned(column) ? (
                <span className="ml-auto pl-3 text-xs text-muted-foreground">always shown</span>
              ) : null}
            </DropdownMenuCheckboxItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={onReset}>Reset to the default columns</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
