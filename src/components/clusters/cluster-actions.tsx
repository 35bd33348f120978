"use client";

import { Inbox, ShieldAlert } from "lucide-react";
import { ActionStatusBadge } from "@/components/console/status-badges";
import { Button } from "@/components/ui/button";
import type { ActionStatus } from "@/generated/prisma/enums";
import { isEmailAction, isRevertableAction } from "@/lib/actions/action-catalogue";
import { actionCountsLabel, actionTypeLabel, reversalLabel } from "@/lib/labels";
import type { TRevertDestination } from "@/lib/revert-outcome";
import { formatDateTime, formatNumber } from "@/lib/utils";
import { DecidedByLabel } from "@/components/console/decided-by-label";
import type { TClusterAction } from "./cluster-types";

const EXECUTED: readonly ActionStatus[] = ["Completed", "PartiallyCompleted", "StoppedAfterCanary"];
const DESTINATIONS: { to: TRevertDestination; type: string; label: string; icon: typeof Inbox }[] = [
  { to: "inbox", type: "moveToInbox", label: "Move to Inbox", icon: Inbox },
  { to: "junk", type: "moveToJunk", label: "Move to Junk", icon: ShieldAlert },
];

/**
 * The newest remediation on the cluster that can still be undone: an email action whose messages are still in the
 * mailbox to move back (a hard delete leaves nothing), carried out, not reverted yet (a reverted one has the
 * status Reverted), not itself a Move to Inbox / Junk from History, which is the undoing, and one that moved messages
 * (an action that found them all already moved by another has nothing of its own to move back).
 */
export function revertableAction(actions: readonly TClusterAction[]): TClusterAction | null {
  return (
    actions.findLast(
      (action) =>
        isEmailAction(action.type) &&
        isRevertableAction(action.type) &&
        EXECUTED.includes(action.status) &&
        action.revertOfId === null &&
        action.successCount > action.alreadyCount,
    ) ?? null
  );
}

/** Move to Inbox / Move to Junk for a remediated cluster, as Defender offers them in the flyout on History. */
export function RevertButtons({
  action,
  onRevert,
}: {
  action: TClusterAction;
  onRevert: (to: TRevertDestination) => void;
}) {
  return (
    <div className="space-y-2 rounded-md border bg-muted/40 p-3">
      <p className="text-sm">
        <span className="font-medium">{actionTypeLabel(action.type)}</span> (#{action.id}) moved{" "}
        {formatNumber(action.successCount - action.alreadyCount)} messages
        {action.executedAt ? ` on ${formatDateTime(action.executedAt)}` : ""}. To undo it:
      </p>
      <div className="flex flex-wrap gap-2">
        {DESTINATIONS.filter((destination) => destination.type !== action.type).map(({ to, label, icon: Icon }) => (
          <Button key={to} size="sm" variant="outline" onClick={() => onRevert(to)}>
            <Icon aria-hidden />
            {label}
          </Button>
        ))}
      </div>
    </div>
  );
}

/** Every action taken on the cluster, oldest first, with who decided and what it did. */
export function ClusterActions({ actions }: { actions: readonly TClusterAction[] }) {
  if (!actions.length)
    return <p className="text-sm text-muted-foreground">No action has been recommended for this cluster.</p>;
  return (
    <ul className="divide-y rounded-md border" aria-label="Cluster actions">
      {actions.map((action) => (
        <li key={action.id} className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <span className="min-w-0">
            <span className="font-medium">{actionTypeLabel(action.type)}</span>{" "}
            <span className="text-muted-foreground tabular-nums">#{action.id}</span>
            <span className="block text-xs text-muted-foreground">
              {action.decidedAt ? (
                <>
                  <DecidedByLabel decidedBy={action.decidedBy} name={action.decidedByName} /> ·{" "}
                  {formatDateTime(action.decidedAt)}
                </>
              ) : (
                "Waiting for a decision"
              )}
              {action.revertOfId ? ` · Reverts #${action.revertOfId}` : ""}
              {actionCountsLabel(action) ? ` · ${actionCountsLabel(action)}` : ""}
            </span>
            {action.reversals.map((reversal) => (
              <span key={reversal.revertId} className="block text-xs text-muted-foreground">
                {reversalLabel(reversal)}
              </span>
            ))}
          </span>
          <ActionStatusBadge status={action.status} />
        </li>
      ))}
    </ul>
  );
}
