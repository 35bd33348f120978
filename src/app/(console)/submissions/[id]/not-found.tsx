import { FlagOff } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function SubmissionNotFound() {
  return (
    <EmptyState
      icon={FlagOff}
      title="Submission not found"
      description="No reported message has this ID. The link may be mistyped."
      action={
        <Button asChild variant="outline">
          <Link href="/submissions">Back to Submissions</Link>
        </Button>
      }
    />
  );
}
