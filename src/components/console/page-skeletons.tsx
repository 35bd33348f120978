import { Skeleton } from "@/components/ui/skeleton";

// Shaped like the pages they stand in for, so the layout does not jump when the data arrives.

function HeaderSkeleton() {
  return (
    <div className="mb-6 space-y-2">
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-4 w-full max-w-md" />
    </div>
  );
}

export function ListPageSkeleton({ hasTabs = false, rows = 8 }: { hasTabs?: boolean; rows?: number }) {
  return (
    <div role="status" aria-label="Loading">
      <HeaderSkeleton />
      {hasTabs ? <Skeleton className="mb-4 h-10 w-56" /> : null}
      <div className="mb-3 flex flex-wrap gap-2">
        <Skeleton className="h-8 w-full sm:w-64" />
        <Skeleton className="h-8 w-24" />
        <Skeleton className="h-8 w-24" />
        <Skeleton className="h-8 w-24" />
      </div>
      <div className="overflow-hidden rounded-lg border bg-card">
        <div className="h-10 border-b bg-muted/60" />
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="flex h-11 items-center gap-4 border-b px-3 last:border-0">
            <Skeleton className="h-4 w-2/5 sm:w-1/4" />
            <Skeleton className="h-4 w-16" />
            <Skeleton className="hidden h-4 w-24 sm:block" />
            <Skeleton className="hidden h-4 w-32 md:block" />
            <Skeleton className="ml-auto h-4 w-20" />
          </div>
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}

export function DetailsPageSkeleton({ hasTabs = false }: { hasTabs?: boolean }) {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="mb-4 h-4 w-24" />
      <HeaderSkeleton />
      {hasTabs ? <Skeleton className="mb-4 h-10 w-full max-w-2xl" /> : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-3 rounded-lg border bg-card p-4 lg:col-span-2">
          {Array.from({ length: 7 }, (_, index) => (
            <div key={index} className="flex gap-4">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-4 flex-1" />
            </div>
          ))}
        </div>
        <div className="space-y-3 rounded-lg border bg-card p-4">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
