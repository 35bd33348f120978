import type { RowData } from "@tanstack/react-table";
import type { LegacyColumn, LegacyColumnDef } from "@tanstack/react-table/legacy";
import { humanize } from "@/lib/labels";
import { cn } from "@/lib/utils";

// How a list fits a laptop: the columns that identify a row and decide about it (entity, time, verdict or status) are
// pinned — always shown, never cut (a long pinned entity is "wide": it takes the room left and wraps); short values
// keep their width; long free text fills what is left, cut with an ellipsis and whole in the tooltip. Below 640 px rows become cards (data-table-cards.tsx), where nothing is cut.

/** "Action history" → "action-history": the key a person's column choice is saved under. */
export function tableId(label: string): string {
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 64) || "table"
  );
}

// biome-ignore lint/suspicious/noExplicitAny: a column's value type differs per column; TanStack's own default is any
type TColumn<TRow extends RowData> = LegacyColumn<TRow, any>;
// biome-ignore lint/suspicious/noExplicitAny: a column's value type differs per column; TanStack's own default is any
type TColumnDef<TRow extends RowData> = LegacyColumnDef<TRow, any>;

/** The column's name in the chooser and on a card: its declared label, a plain-text header, or its id made readable. */
export function columnLabel<TRow extends RowData>(column: TColumn<TRow>): string {
  const { meta, header } = column.columnDef;
  return meta?.label ?? (typeof header === "string" ? header : humanize(column.id));
}

export function isPinned<TRow extends RowData>(column: TColumn<TRow>): boolean {
  return column.columnDef.meta?.isPinned === true;
}

/** A column the chooser offers: not the checkbox or row-menu columns, not a pinned one. */
export function isChoosable<TRow extends RowData>(column: TColumn<TRow>): boolean {
  const meta = column.columnDef.meta;
  return !meta?.isPinned && !meta?.isRowActions && column.getCanHide();
}

function definedId<TRow extends RowData>(def: TColumnDef<TRow>): string | undefined {
  return def.id ?? ("accessorKey" in def && typeof def.accessorKey === "string" ? def.accessorKey : undefined);
}

/** The table's own defaults (columns declared `isHiddenByDefault` off), overridden by the person's choice; pinned columns always on. */
export function columnVisibility<TRow extends RowData>(
  columns: TColumnDef<TRow>[],
  choice: Record<string, boolean> | undefined,
): Record<string, boolean> {
  const visibility: Record<string, boolean> = {};
  for (const def of columns) {
    const id = definedId(def);
    if (!id) continue;
    const isDefault = !def.meta?.isHiddenByDefault;
    visibility[id] = def.meta?.isPinned || def.meta?.isRowActions ? true : (choice?.[id] ?? isDefault);
  }
  return visibility;
}

/** Classes for a column's <th> and <td>: pinned and short columns keep their width, `fill` columns share the rest. */
export function columnClass<TRow extends RowData>(column: TColumn<TRow>): string {
  const meta = column.columnDef.meta;
  // w-px: as narrow as the content allows, so the room left over goes to the fill columns; max-w-0 lets a fill column
  // shrink below its text (the ellipsis), min-w keeps it readable — past that the table scrolls rather than crush it.
  if (meta?.width === "wide") return cn(meta.className);
  return cn(meta?.width === "fill" && !meta.isPinned ? "max-w-0 min-w-28" : "w-px", meta?.className);
}

/** Classes for the wrapper inside each cell: pinned cells are never cut; fill cells cut at the column's edge. */
export function cellWrapperClass<TRow extends RowData>(column: TColumn<TRow>): string {
  const meta = column.columnDef.meta;
  // overflow-wrap:anywhere (not break-word) so that a table counts the text as breakable when it sizes its columns.
  if (meta?.width === "wide") return cn("min-w-48 whitespace-normal [overflow-wrap:anywhere]", meta.cellClassName);
  if (meta?.isPinned) return cn("whitespace-nowrap", meta.cellClassName);
  if (meta?.width === "fill") return cn("truncate", meta.cellClassName);
  return cn("max-w-64 truncate", meta?.cellClassName);
}
