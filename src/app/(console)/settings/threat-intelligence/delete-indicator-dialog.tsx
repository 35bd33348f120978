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
import { ApiError, apiErrorMessage, callApi } from "@/lib/api-client";
import { INDICATOR_KIND_LABELS, type TIndicatorKind } from "@/lib/threat-indicators";

export type TDeleteTarget = { id: string; kind: TIndicatorKind; value: string };

type TDeleteIndicatorDialogProps = {
  /** null: closed. */
  target: TDeleteTarget | null;
  onClose: () => void;
  onDeleted: (outcome: TOutcome) => void;
};

/** Confirms deleting an indicator: investigations stop treating the value as malicious from their next run. */
export function DeleteIndicatorDialog({ target, onClose, onDeleted }: TDeleteIndicatorDialogProps) {
  const dialog = useNoteDialog(target, {
    async submit({ id, value }) {
      await callApi("DELETE /api/v1/threat-indicators/{id}", { params: { id } });
      onDeleted({ message: `Deleted the indicator ${value}.`, isClean: true });
    },
    describeError(caught, { value }) {
      // Someone deleted it first: the outcome asked for, so close and say so.
      if (!(caught instanceof ApiError && caught.status === 404))
        return apiErrorMessage(caught, "The indicator could not be deleted");
      onDeleted({ message: `The indicator ${value} was already deleted.`, isClean: false });
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
            <DialogTitle>Delete this indicator?</DialogTitle>
            <DialogDescription className="break-all">
              {INDICATOR_KIND_LABELS[shown.kind]} <span className="font-mono text-foreground">{shown.value}</span> will
              no longer count as malicious in new investigations. The deletion is kept in the audit log.
            </DialogDescription>
          </DialogHeader>
          <FormError message={dialog.error} />
          <DialogFooter>
            <Button variant="outline" onClick={onClose} disabled={isSubmitting}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={isSubmitting}>
              {isSubmitting ? "Deleting…" : "Delete"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
