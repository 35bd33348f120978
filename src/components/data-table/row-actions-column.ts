import { cn } from "@/lib/utils";

/**
 * Classes for a trailing column of row controls (a menu, a Release button): sticky at the right edge, so the control
 * stays beside its row when a phone scrolls the table sideways. Its backgrounds are opaque and follow the header, the
 * hovered row and the selected row (DataTableRow is `group/row`), because scrolled cells pass underneath.
 */
export function rowActionsColumnClass(className?: string): string {
  return cn(
    "sticky right-0 bg-card text-right shadow-[-1px_0_0_var(--color-border)]",
    "[th&]:bg-[color-mix(in_srgb,var(--color-muted)_60%,var(--color-card))]",
    "group-hover/row:bg-[color-mix(in_srgb,var(--color-muted)_50%,var(--color-card))] group-data-[state=selected]/row:bg-info-subtle",
    className,
  );
}
