import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** An alert or investigation id that does not exist: stay in the console and point back to the lists. */
export default function ConsoleNotFound() {
  return (
    <EmptyState
      className="rounded-lg border bg-card"
      icon={SearchX}
      title="Not found"
      description="There is nothing at this address. It may have been mistyped, or the link may point to something that no longer exists."
      action={
        <div className="flex flex-wrap justify-center gap-2">
          <Button asChild variant="outline" size="sm">
            <Link href="/alerts">Alerts</Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <Link href="/investigations">Investigations</Link>
          </Button>
        </div>
      }
    />
  );
}
