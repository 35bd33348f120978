"use client";

import { useState } from "react";
import { ActionPreview } from "@/components/actions/action-preview";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { actionTypeLabel } from "@/lib/labels";
import { formatDateTime } from "@/lib/utils";
import type { TActionPreview } from "@/server/actions/preview-action";
import type { TActionRow } from "./action-columns";

/** History's "What the approver saw": the preview recorded with the decision, as the decision dialog showed it. */
export function ApproverSaw({ action, preview }: { action: TActionRow; preview: TActionPreview }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className="text-xs font-medium text-link hover:underline" onClick={() => setIsOpen(true)}>
        What the approver saw
      </button>
      <Dialog open={isOpen} onOpenChange={setIsOpen}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>What the approver saw</DialogTitle>
            <DialogDescription className="break-words">
              {actionTypeLabel(action.type)}: {action.entity}. Counted {formatDateTime(new Date(preview.computedAt))},
              when {action.decidedByName ?? "the approver"} decided.
            </DialogDescription>
          </DialogHeader>
          <div className="text-sm">
            <ActionPreview preview={preview} />
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
