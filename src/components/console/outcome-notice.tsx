"use client";

import { CircleCheck, TriangleAlert, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export type TOutcome = { message: string; isClean: boolean };

/**
 * What the last change on a list did, until dismissed: "3 approved; 1 already rejected by Olga". Amber when part of it
 * did not go as asked (someone else decided first, an action failed), green otherwise.
 */
export function OutcomeNotice({ outcome, onDismiss }: { outcome: TOutcome; onDismiss: () => void }) {
  const Icon = outcome.isClean ? CircleCheck : TriangleAlert;
  return (
    <div
      role="status"
      className={cn(
        "flex items-start gap-2 rounded-md border px-3 py-2 text-sm",
        outcome.isClean
          ? "border-success/30 bg-success-subtle text-success-foreground"
          : "border-medium/30 bg-medium-subtle text-medium-foreground",
      )}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p className="min-w-0 flex-1 break-words">{outcome.message}</p>
      <Button variant="ghost" size="icon-sm" className="-my-1 size-6" onClick={onDismiss} aria-label="Dismiss">
        <X aria-hidden />
      </Button>
    </div>
  );
}
