"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/console/form-error";
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
import { ApiError, apiErrorMessage, callApi } from "@/lib/api-client";

/** Stop investigation: ends the run as Terminated by user; the reason is required, as the audit log keeps it. */
export function StopInvestigationButton({
  investigationId,
  pendingActions,
}: {
  investigationId: number;
  pendingActions: number;
}) {
  const router = useRouter();
  const [target, setTarget] = useState<number | null>(null);
  const dialog = useNoteDialog(target, {
    async submit(id, reason) {
      await callApi("POST /api/v1/investigations/{id}/stop", { params: { id }, body: { reason: reason ?? "" } });
      setTarget(null);
      router.refresh();
    },
    describeError(caught) {
      // It ended meanwhile (or someone else stopped it): show the page as it is now.
      if (caught instanceof ApiError && caught.status === 409) {
        setTarget(null);
        router.refresh();
        return null;
      }
      return apiErrorMessage(caught, "The investigation could not be stopped");
    },
  });
  const { isSubmitting } = dialog;
  const close = () => (isSubmitting ? undefined : setTarget(null));

  return (
    <>
      <Button variant="outline" onClick={() => setTarget(investigationId)}>
        Stop investigation
      </Button>
      <Dialog open={dialog.isOpen} onOpenChange={(isOpen) => (!isOpen ? close() : undefined)}>
        <DialogContent>
          <form onSubmit={dialog.handleSubmit} className="space-y-4">
            <DialogHeader>
              <DialogTitle>Stop investigation {investigationId}?</DialogTitle>
              <DialogDescription>
                The run ends as Terminated by user and no further step runs.
                {pendingActions
                  ? ` Its ${pendingActions} pending action${pendingActions === 1 ? "" : "s"} stay in the Action center to approve or reject.`
                  : ""}
              </DialogDescription>
            </DialogHeader>
            <div className="space-y-2">
              <Label htmlFor="stop-reason">Reason</Label>
              <Textarea
                id="stop-reason"
                required
                value={dialog.note}
                onChange={(event) => dialog.setNote(event.target.value)}
                maxLength={1000}
                placeholder="e.g. False positive: the user confirmed the sending"
              />
              <p className="text-xs text-muted-foreground">Kept with the investigation and in the audit log.</p>
            </div>
            <FormError message={dialog.error} />
            <DialogFooter>
              <Button variant="outline" type="button" onClick={close} disabled={isSubmitting}>
                Cancel
              </Button>
              <Button type="submit" variant="destructive" disabled={isSubmitting || !dialog.note.trim()}>
                {isSubmitting ? "Stopping…" : "Stop investigation"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
