"use client";

import { X } from "lucide-react";
import { use, useLayoutEffect, type ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { ColumnChooserSlot } from "./column-chooser";
import { useTableUrl } from "./use-table-url";

export type DataTableToolbarProps = {
  /** Search input and faceted filters. */
  children: ReactNode;
  /** URL params the Reset button clears; it only shows while one of them is set. */
  filterParams?: readonly string[];
  /** Right-aligned, e.g. an Export button. */
  actions?: ReactNode;
};

export function DataTableToolbar({ children, filterParams = [], actions }: DataTableToolbarProps) {
  const url = useTableUrl();
  const slot = use(ColumnChooserSlot);
  const chooser = slot?.chooser;
  const claim = slot?.claim;
  useLayoutEffect(() => claim?.(), [claim]);
  const isFiltered = filterParams.some((name) => url.getParam(name) !== undefined);
  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-center gap-2">
      {children}
      {isFiltered ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => url.setParams(Object.fromEntries(filterParams.map((name) => [name, null])))}
        >
          Reset
          <X aria-hidden />
        </Button>
      ) : null}
      {actions || chooser ? (
        <div className="ml-auto flex items-center gap-2">
          {actions}
          {chooser}
        </div>
      ) : null}
    </div>
  );
}
