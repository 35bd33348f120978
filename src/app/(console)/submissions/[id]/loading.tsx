import { Skeleton } from "@/components/ui/skeleton";

export default function SubmissionLoading() {
  return (
    <div className="space-y-4" role="status" aria-busy="true" aria-label="Loading the submission">
      <Skeleton className="h-5 w-28" />
      <Skeleton className="h-8 w-2/3" />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Skeleton className="h-64 lg:col-span-2" />
        <Skeleton className="h-64" />
      </div>
      <Skeleton className="h-48" />
    </div>
  );
}
