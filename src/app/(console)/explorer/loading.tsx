import { Skeleton } from "@/components/ui/skeleton";

export default function ExplorerLoading() {
  return (
    <div role="status" aria-label="Loading Threat Explorer" className="space-y-4">
      <div className="mb-6 space-y-2">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-full max-w-xl" />
      </div>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-8" />
        ))}
      </div>
      <div className="flex gap-2">
        <Skeleton className="h-8 w-24" />
        <Skeleton className="h-8 w-28" />
        <Skeleton className="h-8 w-48" />
      </div>
      <Skeleton className="h-60 rounded-lg" />
      <div className="space-y-px overflow-hidden rounded-lg border">
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} className="h-11 rounded-none" />
        ))}
      </div>
    </div>
  );
}
