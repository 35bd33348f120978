"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createContext, useCallback, useContext, useTransition, type TransitionStartFunction } from "react";

import {
  DEFAULT_PAGE_SIZE,
  parseListParam,
  parsePage,
  parsePageSize,
  parseSort,
  serializeSort,
  type SortState,
} from "./table-params";

type TableTransition = { isPending: boolean; startTransition: TransitionStartFunction };

/**
 * DataTable provides one transition to everything inside it (toolbar filters, search, headers,
 * pagination), so any URL change dims the same table and shows the same progress bar.
 */
export const TableTransitionContext = createContext<TableTransition | null>(null);

/** null, "" and [] remove the param, keeping URLs short and shareable. */
export type ParamValue = string | number | readonly string[] | null | undefined;

type SetParamsOptions = {
  /** Filters and sort change which rows exist, so page 1 is the only page known to be valid. */
  resetPage?: boolean;
};

export function useTableUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const shared = useContext(TableTransitionContext);
  const [isOwnPending, startOwnTransition] = useTransition();
  const isPending = shared ? shared.isPending : isOwnPending;
  const startTransition = shared ? shared.startTransition : startOwnTransition;

  const setParams = useCallback(
    (updates: Record<string, ParamValue>, { resetPage = true }: SetParamsOptions = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [name, value] of Object.entries(updates)) {
        const text = Array.isArray(value) ? value.join(",") : value == null ? "" : String(value);
        if (text === "") next.delete(name);
        else next.set(name, text);
      }
      if (resetPage && !("page" in updates)) next.delete("page");
      // Commas are legal in a query string; unescaped they keep list filters readable (severity=high,medium).
      const query = next.toString().replaceAll("%2C", ",");
      startTransition(() => {
        router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [pathname, router, searchParams, startTransition],
  );

  return {
    page: parsePage(searchParams.get("page")),
    pageSize: parsePageSize(searchParams.get("pageSize")),
    sort: parseSort(searchParams.get("sort")),
    isPending,
    getParam: (name: string) => searchParams.get(name) ?? undefined,
    getListParam: (name: string) => parseListParam(searchParams.get(name)),
    setParams,
    setPage: (page: number) => setParams({ page: page <= 1 ? null : page }, { resetPage: false }),
    setPageSize: (size: number) => setParams({ pageSize: size === DEFAULT_PAGE_SIZE ? null : size }),
    setSort: (sort: SortState | null) => setParams({ sort: serializeSort(sort) }),
  };
}
