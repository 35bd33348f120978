import { MailQuestionMark } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function MessageNotFound() {
  return (
    <EmptyState
      icon={MailQuestionMark}
      title="Message not found"
      description="No message has this network message ID. It may be older than the data Breakwater keeps, or the link may be mistyped."
      action={
        <Button asChild variant="outline">
          <Link href="/explorer">Back to Threat Explorer</Link>
        </Button>
      }
    />
  );
}
