"use client";

import {
  flexRender,
  type CellData,
  type RowData,
  type RowSelectionState,
  type TableFeatures,
} from "@tanstack/react-table";
import { getCoreRowModel, useLegacyTable, type LegacyColumnDef, type LegacyRow } from "@tanstack/react-table/legacy";
import { isValidElement, useCallback, useEffect, useMemo, useState, useTransition, type ReactNode } from "react";
import { useMediaQuery } from "@/hooks/use-media-query";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { ColumnChooser, ColumnChooserSlot } from "./column-chooser";
import { columnClass, columnVisibility, tableId } from "./column-layout";
import { DataTableCards } from "./data-table-cards";
import { DataTableRow } from "./data-table-row";
import { DataTablePagination } from "./pagination";
import { selectionColumn, SELECTION_COLUMN_ID } from "./selection-column";
import { useColumnChoice } from "./table-preferences";
import type { SortState } from "./table-params";
import { DataTableToolbar } from "./toolbar";
import { TableTransitionContext, useTableUrl } from "./use-table-url";

declare module "@tanstack/table-core" {
  // Declaration merging is the only way to type `columnDef.meta`, hence an interface here.
  interface ColumnMeta<
    in out TFeatures extends TableFeatures,
    in out TData extends RowData,
    TValue extends CellData = CellData,
  > {
    /** Classes for the column's <th> and <td>, e.g. "w-24 text-right" or "hidden lg:table-cell". */
    className?: string;
    /** Classes for the truncating wrapper inside each cell; default max width is 16rem. */
    cellClassName?: string;
    /** The column's name in the column chooser and on a card, when its header is not plain text. */
    label?: string;
    /**
     * Identifies the row or decides about it (the entity, the time, the verdict or status): always shown, never cut,
     * at 1280 px too. Every list pins at least its entity and its time.
     */
    isPinned?: boolean;
    /** Off until the person turns it on in the column chooser: what a laptop has no room for by default. */
    isHiddenByDefault?: boolean;
    /**
     * "fill": long free text that shares the room the other columns leave and is cut to it (whole in the tooltip).
     * "wide": the row's main text when it must stay whole (a pinned entity): takes the room left and wraps if it must.
     */
    width?: "fill" | "wide";
    /** The row's own controls (a menu, a Release button): beside the heading on a card, never in the chooser. */
    isRowActions?: boolean;
  }
}

// `any` for the value type: a column of strings and a column of dates must fit in one array.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: each column has its own value type; TanStack's ColumnDef defaults it to any
export type DataTableColumnDef<TRow extends RowData> = LegacyColumnDef<TRow, any>;

export type DataTableProps<TRow extends RowData> = {
  columns: DataTableColumnDef<TRow>[];
  /** The current page only, already filtered, sorted and paged by the server. */
  rows: TRow[];
  /** Rows matching the filters across all pages. */
  total: number;
  /** The server stopped counting at `total`: there are more rows than that (shown as "10,000+"). */
  isTotalCapped?: boolean;
  page: number;
  pageSize: number;
  /** The sort the server applied (its default when the URL has none); falls back to the URL. */
  sort?: SortState | null;
  /** Names the table for screen readers, e.g. "Alerts"; its slug keys the person's column choice. */
  label: string;
  toolbar?: ReactNode;
  emptyState?: ReactNode;
  /** Stable ids keep a selection meaningful across re-renders; defaults to the row index. */
  getRowId?: (row: TRow) => string;
  /** Makes each row open this URL; the first data cell becomes the keyboard-reachable link. */
  getRowHref?: (row: TRow) => string;
  enableRowSelection?: boolean | ((row: TRow) => boolean);
  /** Rendered in a bar above the table while rows are selected, e.g. Approve / Reject buttons. */
  renderSelectionActions?: (rows: TRow[], clearSelection: () => void) => ReactNode;
};

/**
 * The one list table. All paging, sorting and filtering happen on the server: this component only
 * renders the page it is given and writes the user's intent to the URL (see table-params.ts).
 */
export function DataTable<TRow extends RowData>(props: DataTableProps<TRow>) {
  const [isPending, startTransition] = useTransition();
  const transition = useMemo(() => ({ isPending, startTransition }), [isPending]);
  return (
    <TableTransitionContext value={transition}>
      <DataTableView {...props} />
    </TableTransitionContext>
  );
}

function DataTableView<TRow extends RowData>({
  columns,
  rows,
  total,
  isTotalCapped = false,
  page,
  pageSize,
  sort,
  label,
  toolbar,
  emptyState,
  getRowId,
  getRowHref,
  enableRowSelection = false,
  renderSelectionActions,
}: DataTableProps<TRow>) {
  const url = useTableUrl();
  const effectiveSort = sort === undefined ? url.sort : sort;
  const sorting = effectiveSort ? [{ id: effectiveSort.field, desc: effectiveSort.desc }] : [];

  // A new page of rows from the server invalidates the selection: its rows may no longer be on screen.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [selectionRows, setSelectionRows] = useState(rows);
  if (selectionRows !== rows) {
    setSelectionRows(rows);
    setRowSelection({});
  }

  const allColumns = useMemo(
    () => (enableRowSelection ? [selectionColumn<TRow>(), ...columns] : columns),
    [columns, enableRowSelection],
  );

  const key = tableId(label);
  const { choice, save } = useColumnChoice(key);
  const [saveError, setSaveError] = useState<string | null>(null);
  const visibility = useMemo(() => columnVisibility(allColumns, choice), [allColumns, choice]);
  const saveChoice = async (next: Record<string, boolean>) => setSaveError(await save(next));
  const isNarrow = useMediaQuery("(max-width: 639px)");
  // Whether a DataTableToolbar took the chooser: known at once when the toolbar is one; else its layout effect claims it
  // before this component's effect gives up waiting, so the chooser never shows twice, nor flashes on a row of its own.
  const [slotState, setSlotState] = useState<"waiting" | "claimed" | "unclaimed">(
    isValidElement(toolbar) && toolbar.type === DataTableToolbar ? "claimed" : "waiting",
  );
  const claim = useCallback(() => setSlotState("claimed"), []);
  useEffect(() => setSlotState((state) => (state === "waiting" ? "unclaimed" : state)), []);

  const table = useLegacyTable<TRow>({
    data: rows,
    columns: allColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: getRowId ? (row) => getRowId(row) : undefined,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    rowCount: total,
    enableRowSelection:
      typeof enableRowSelection === "function"
        ? (row: LegacyRow<TRow>) => enableRowSelection(row.original)
        : enableRowSelection,
    state: { pagination: { pageIndex: page - 1, pageSize }, sorting, rowSelection, columnVisibility: visibility },
    onRowSelectionChange: setRowSelection,
    onSortingChange: (updater) => {
      const [next] = typeof updater === "function" ? updater(sorting) : updater;
      url.setSort(next ? { field: next.id, desc: next.desc } : null);
    },
  });

  const tableRows = table.getRowModel().rows;
  const selectedRows = tableRows.filter((row) => row.getIsSelected()).map((row) => row.original);
  // Resolved ids: a column defined by accessorKey has no `id` of its own.
  const linkColumnId = table.getVisibleLeafColumns().find((column) => column.id !== SELECTION_COLUMN_ID)?.id;
  // A card is headed by the row's link, or else by what identifies the row (the first pinned column: an action's type, a user).
  const cardTitleColumnId = getRowHref
    ? linkColumnId
    : (table.getVisibleLeafColumns().find((column) => column.columnDef.meta?.isPinned)?.id ?? linkColumnId);
  // Cards show every chosen column, so a phone needs no chooser.
  const chooser = isNarrow ? null : (
    <ColumnChooser
      table={table}
      label={label}
      error={saveError}
      onToggle={(columnId, isVisible) => void saveChoice({ ...choice, [columnId]: isVisible })}
      onReset={() => void saveChoice({})}
    />
  );
  const slot = { chooser, claim };

  return (
    <div className="space-y-3">
      <ColumnChooserSlot value={slot}>{toolbar}</ColumnChooserSlot>
      {chooser && slotState === "unclaimed" ? <div className="flex justify-end">{chooser}</div> : null}
      {selectedRows.length > 0 && renderSelectionActions ? (
        <div
          role="region"
          aria-label="Selection actions"
          className="flex flex-wrap items-center gap-2 rounded-md border border-info/30 bg-info-subtle px-3 py-2 text-sm"
        >
          <span className="mr-auto font-medium text-info-foreground">{selectedRows.length} selected</span>
          {renderSelectionActions(selectedRows, () => setRowSelection({}))}
        </div>
      ) : null}
      <div className="relative overflow-hidden rounded-lg border bg-card shadow-xs">
        <div
          aria-hidden
          className={cn("absolute inset-x-0 top-0 z-10 h-0.5 overflow-hidden", !url.isPending && "hidden")}
        >
          <div className="h-full w-2/5 animate-progress bg-primary" />
        </div>
        {isNarrow ? (
          <DataTableCards rows={tableRows} label={label} getRowHref={getRowHref} titleColumnId={cardTitleColumnId} />
        ) : (
          <Table
            aria-label={label}
            aria-busy={url.isPending}
            className={cn("transition-opacity", url.isPending && "opacity-60")}
          >
            <TableHeader>
              {table.getHeaderGroups().map((group) => (
                <TableRow key={group.id} className="hover:bg-transparent">
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    return (
                      <TableHead
                        key={header.id}
                        colSpan={header.colSpan}
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                        className={columnClass(header.column)}
                      >
                        {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                      </TableHead>
                    );
                  })}
                </TableRow>
              ))}
            </TableHeader>
            <TableBody>
              {tableRows.map((row) => (
                <DataTableRow key={row.id} row={row} href={getRowHref?.(row.original)} linkColumnId={linkColumnId} />
              ))}
            </TableBody>
          </Table>
        )}
        {/* Outside the <table> so it stays in view when a wide table is scrolled sideways. */}
        {tableRows.length === 0 && total > 0 ? (
          <EmptyState
            title="No rows on this page"
            description="The results have fewer pages than the page asked for."
            action={
              <Button variant="link" onClick={() => url.setPage(1)}>
                Go to the first page
              </Button>
            }
          />
        ) : null}
        {tableRows.length === 0 && total === 0
          ? (emptyState ?? <EmptyState title="No results" description="Nothing matches the current filters." />)
          : null}
      </div>
      <DataTablePagination page={page} pageSize={pageSize} total={total} isTotalCapped={isTotalCapped} />
    </div>
  );
}
