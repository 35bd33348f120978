import Link from "next/link";
import type { TPendingReason } from "@/server/actions/pending-reason";

// Why a pending action waits, the same on the Action center and on its investigation.

/** Why automation did not take it, linking to the setting that would change that when there is one. */
export function PendingReasonText({ reason }: { reason: TPendingReason | null | undefined }) {
  if (!reason) return <span className="text-muted-foreground">—</span>;
  return reason.href ? (
    <Link href={reason.href} className="text-link hover:underline" title={reason.text}>
      {reason.text}
    </Link>
  ) : (
    <span title={reason.text}>{reason.text}</span>
  );
}
