"use client";

import { Check, Ellipsis, Layers, RotateCw, X } from "lucide-react";
import { useClusterParam } from "@/components/clusters/use-cluster-param";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { TDecision } from "@/lib/decision-outcome";
import { actionTypeLabel } from "@/lib/labels";
import type { TActionRow } from "./action-columns";

type TActionRowMenuProps = {
  action: TActionRow;
  /** Given on Pending to people who may decide; both open the same confirmation as the selection bar. */
  onDecide?: (decision: TDecision, actions: TActionRow[]) => void;
  /** Given on History to people who may decide: runs a failed or partly completed email action again. */
  onRetry?: (action: TActionRow) => void;
  /** Who is looking: the first approver of a two-person rule cannot give the second approval too. */
  viewerId?: string | null;
};

const RETRYABLE = ["Failed", "PartiallyCompleted", "StoppedAfterCanary"];

/** One row's menu: open its cluster, approve or reject it while pending, retry it when it partly failed. */
export function ActionRowMenu({ action, onDecide, onRetry, viewerId }: TActionRowMenuProps) {
  const { open } = useClusterParam();
  const { clusterId } = action;
  const canRetry = Boolean(onRetry && clusterId && RETRYABLE.includes(action.status));
  const isFirstApprover = Boolean(viewerId && action.firstApprovedById === viewerId);
  if (!clusterId && !onDecide) return null;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={`${onDecide ? "Decide" : "Actions for"} ${actionTypeLabel(action.type)} on ${action.entity}`}
        >
          <Ellipsis aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {clusterId ? (
          <DropdownMenuItem onSelect={() => open(clusterId)}>
            <Layers aria-hidden />
            Open cluster
          </DropdownMenuItem>
        ) : null}
        {canRetry ? (
          <DropdownMenuItem onSelect={() => onRetry?.(action)}>
            <RotateCw aria-hidden />
            Retry what failed
          </DropdownMenuItem>
        ) : null}
        {clusterId && onDecide ? <DropdownMenuSeparator /> : null}
        {onDecide ? (
          <>
            <DropdownMenuItem disabled={isFirstApprover} onSelect={() => onDecide("approve", [action])}>
              <Check aria-hidden />
              {isFirstApprover ? "Approved by you: needs someone else" : "Approve"}
            </DropdownMenuItem>
            <DropdownMenuItem variant="destructive" onSelect={() => onDecide("reject", [action])}>
              <X aria-hidden />
              Reject
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
