"use client";

import { Check, Ellipsis, Layers, X } from "lucide-react";
import { useClusterParam } from "@/components/clusters/use-cluster-param";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { TDecision } from "@/lib/decision-outcome";
import { actionTypeLabel } from "@/lib/labels";
import type { TActionRow } from "./action-columns";

type TActionRowMenuProps = {
  action: TActionRow;
  /** Given on Pending to people who may decide; both open the same confirmation as the selection bar. */
  onDecide?: (decision: TDecision, actions: TActionRow[]) => void;
};

/** One row's menu: open its cluster, and approve or reject it while it is pending. Nothing to offer, no menu. */
export function ActionRowMenu({ action, onDecide }: TActionRowMenuProps) {
  const { open } = useClusterParam();
  const { clusterId } = action;
  if (!clusterId && !onDecide) return null;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`${onDecide ? "Decide" : "Actions for"} ${actionTypeLabel(action.type)} on ${action.entity}`}>
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
        {clusterId && onDecide ? <DropdownMenuSeparator /> : null}
        {onDecide ? (
          <>
            <DropdownMenuItem onSelect={() => onDecide("approve", [action])}>
              <Check aria-hidden />
              Approve
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
