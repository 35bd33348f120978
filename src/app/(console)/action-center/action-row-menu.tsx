"use client";

import { Check, Ellipsis, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { TDecision } from "@/lib/decision-outcome";
import { actionTypeLabel } from "@/lib/labels";
import type { TActionRow } from "./action-columns";

/** Approve or reject one pending action from its row; both open the same confirmation as the selection bar. */
export function ActionRowMenu({ action, onDecide }: { action: TActionRow; onDecide: (decision: TDecision, actions: TActionRow[]) => void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Decide ${actionTypeLabel(action.type)} on ${action.entity}`}>
          <Ellipsis aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={() => onDecide("approve", [action])}>
          <Check aria-hidden />
          Approve
        </DropdownMenuItem>
        <DropdownMenuItem variant="destructive" onSelect={() => onDecide("reject", [action])}>
          <X aria-hidden />
          Reject
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
