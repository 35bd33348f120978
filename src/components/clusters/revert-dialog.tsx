"use client";

import { FormError } from "@/components/console/form-error";
import type { TOutcome } from "@/components/console/outcome-notice";
import { useNoteDialog } from "@/components/console/use-note-dialog";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import { actionTypeLabel } from "@/lib/labels";
import { REVERT_DESTINATION_LABELS, summariseRevert, type TRevertDestination } from "@/lib/revert-outcome";
import type { TClusterAction } from "./cluster-types";

const FOLDERS: Record<TRevertDestination, string> = { inbox: "the Inbox", junk: "the Junk folder" };

export type TRevertRequest = { action: TClusterAction; to: TRevertDestination };

type TRevertDialogProps = {
  /** null: closed. */
  request: TRevertRequest | null;
  onClose: () => void;
  onReverted: (outcome: TOutcome) => void;
};

/** Confirms Move to Inbox / Move to Junk of a remediated cluster, with an optional comment kept on History and in the audit log. */
export function RevertDialog({ request, onClose, onReverted }: TRevertDialogProps) {
  const dialog = useNoteDialog(request, {
    async submit({ action, to }, comment) {
      const { result } = await callApi("POST /api/v1/actions/{id}/revert", {
        params: { id: action.id },
        body: { to, ...(comment ? { comment } : {}) },
      });
      onReverted(summariseRevert(to, result));
    },
    describeError: (caught) => apiErrorMessage(caught, "The messages were not moved"),
  });
  if (!dialog.shown) return null;
  const { action, to } = dialog.shown;
  const where = REVERT_DESTINATION_LABELS[to];
  const { isSubmitting } = dialog;

  return (
    <Dialog open={dialog.isOpen} onOpenChange={(isOpen) => (!isOpen && !isSubmitting ? onClose() : undefined)}>
      <DialogContent>
        <form onSubmit={dialog.handleSubmit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>Move to {where}?</DialogTitle>
            <DialogDescription>
              Undoes {actionTypeLabel(action.type)} (#{action.id}): the cluster&apos;s messages that are still where it
              put them go to {FOLDERS[to]}. The move is an action of its own, shown on History and in the audit log.
            </DialogDescription>
          </DialogHeader>
          <div className="space-y-2">
            <Label htmlFor="revert-comment">Comment (optional)</Label>
            <Textarea
              id="revert-comment"
              value={dialog.note}
              onChange={(event) => dialog.setNote(event.target.value)}
              maxLength={1000}
              placeholder="e.g. False positive: a partner's newsletter, confirmed with the sender"
            />
          </div>
          <FormError message={dialog.error} />
          <DialogFooter>
            <Button variant="outline" onClick={onClose} disabled={isSubmitting}>
              Cancel
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Moving…" : `Move to ${where}`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
