"use client";

import { FormError } from "@/components/console/form-error";
import { useNoteDialog } from "@/components/console/use-note-dialog";
import type { TOutcome } from "@/components/console/outcome-notice";
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
import { ApiError, apiErrorMessage, callApi } from "@/lib/api-client";

export type TReleaseTarget = { id: number; address: string };

type TReleaseDialogProps = {
  /** null: closed. */
  target: TReleaseTarget | null;
  onClose: () => void;
  onReleased: (outcome: TOutcome) => void;
};

/** Confirms releasing a user from a sending restriction, with an optional reason kept in the audit log. */
export function ReleaseDialog({ target, onClose, onReleased }: TReleaseDialogProps) {
  const dialog = useNoteDialog(target, {
    async submit({ id, address }, reason) {
      await callApi("POST /api/v1/restricted-users/{id}/release", { params: { id }, body: reason ? { reason } : {} });
      onReleased({ message: `Released ${address}: they can send email again.`, isClean: true });
    },
    describeError(caught) {
      // Someone else released them first: that is the outcome the analyst wanted, so close and say who.
      if (!(caught instanceof ApiError && caught.status === 409)) return apiErrorMessage(caught, "The release failed");
      onReleased({ message: `${caught.message}. Nothing more to do.`, isClean: false });
      return null;
    },
  });
  if (!dialog.shown) return null;
  const { shown, isSubmitting } = dialog;

  return (
    <Dialog open={dialog.isOpen} onOpenChange={(isOpen) => (!isOpen && !isSubmitting ? onClose() : undefined)}>
      <DialogContent>
        <form onSubmit={dialog.handleSubmit} className="space-y-4">
          <DialogHeader>
            <DialogTitle className="break-words">Release {shown.address}?</DialogTitle>
            <DialogDescription>
              They can send email again immediately. Make sure the account is secured first: password reset, sessions
              revoked, forwarding removed.
            </DialogDescription>
          </DialogHeader>
          <div className="space-y-2">
            <Label htmlFor="release-reason">Reason (optional)</Label>
            <Textarea
              id="release-reason"
              value={dialog.note}
              onChange={(event) => dialog.setNote(event.target.value)}
              maxLength={1000}
              placeholder="e.g. Password reset and forwarding rule removed"
            />
            <p className="text-xs text-muted-foreground">Kept with the release and in the audit log.</p>
          </div>
          <FormError message={dialog.error} />
          <DialogFooter>
            <Button variant="outline" onClick={onClose} disabled={isSubmitting}>
              Cancel
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Releasing…" : "Release"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
