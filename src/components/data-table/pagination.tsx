"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { formatNumber } from "@/lib/utils";
import { PAGE_SIZE_OPTIONS } from "./table-params";
import { useTableUrl } from "./use-table-url";

export type DataTablePaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  /** `total` is a lower bound (the server counts up to a cap): say "10,000+"; paging stops at the cap. */
  isTotalCapped?: boolean;
};

export function DataTablePagination({ page, pageSize, total, isTotalCapped = false }: DataTablePaginationProps) {
  const url = useTableUrl();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  const plus = isTotalCapped ? "+" : "";
  const range =
    from > total
      ? `0 of ${formatNumber(total)}${plus}`
      : `${formatNumber(from)}–${formatNumber(to)} of ${formatNumber(total)}${plus}`;
  // A hand-typed ?pageSize=30 still shows up as the selected value.
  const sizes = PAGE_SIZE_OPTIONS.includes(pageSize)
    ? PAGE_SIZE_OPTIONS
    : [...PAGE_SIZE_OPTIONS, pageSize].sort((a, b) => a - b);
  const isFirst = page <= 1;
  const isLast = page >= pageCount;

  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 text-sm text-muted-foreground"
    >
      <p aria-live="polite" className="tabular-nums">
        {range}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <label className="flex items-center gap-2">
          <span className="hidden sm:inline">Rows per page</span>
          <span className="sr-only sm:hidden">Rows per page</span>
          <Select
            value={String(pageSize)}
            onChange={(event) => url.setPageSize(Number(event.target.value))}
            className="[&_select]:h-8"
          >
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </label>
        <span className="tabular-nums">
          Page {formatNumber(page)} of {formatNumber(pageCount)}
          {plus}
        </span>
        <div className="flex items-center gap-1">
          <Button
            variant="outline"
            size="icon-sm"
            aria-label="First page"
            disabled={isFirst}
            onClick={() => url.setPage(1)}
          >
            <ChevronsLeft aria-hidden />
          </Button>
          <Button
            variant="outline"
            size="icon-sm"
            aria-label="Previous page"
            disabled={isFirst}
            onClick={() => url.setPage(page - 1)}
          >
            <ChevronLeft aria-hidden />
          </Button>
          <Button
            variant="outline"
            size="icon-sm"
            aria-label="Next page"
            disabled={isLast}
            onClick={() => url.setPage(page + 1)}
          >
            <ChevronRight aria-hidden />
          </Button>
          <Button
            variant="outline"
            size="icon-sm"
            aria-label="Last page"
            disabled={isLast}
            onClick={() => url.setPage(pageCount)}
          >
            <ChevronsRight aria-hidden />
          </Button>
        </div>
      </div>
    </nav>
  );
}
