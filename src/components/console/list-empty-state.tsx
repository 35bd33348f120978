"use client";

import type { LucideIcon } from "lucide-react";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export type ListEmptyStateProps = {
  icon: LucideIcon;
  /** Plural noun, e.g. "alerts": "No alerts match these filters". */
  noun: string;
  /** What an empty list means when nothing filters it, e.g. "alerts appear here when a detection fires". */
  emptyTitle: string;
  emptyDescription: string;
  /** The URL params that narrow the list; when one is set, the state offers Reset instead of explaining. */
  filterParams: readonly string[];
};

/** An empty list says why: a filter hides everything (offer Reset), or there is nothing yet (say where it comes from). */
export function ListEmptyState({ icon, noun, emptyTitle, emptyDescription, filterParams }: ListEmptyStateProps) {
  const url = useTableUrl();
  const isFiltered = filterParams.some((name) => url.getParam(name) !== undefined);
  if (!isFiltered) return <EmptyState icon={icon} title={emptyTitle} description={emptyDescription} />;
  return (
    <EmptyState
      icon={icon}
      title={`No ${noun} match these filters`}
      description="Change the filters, or reset them to see everything."
      action={
        <Button
          variant="outline"
          size="sm"
          onClick={() => url.setParams(Object.fromEntries(filterParams.map((name) => [name, null])))}
        >
          Reset filters
        </Button>
      }
    />
  );
}
