"use client";

import { useState, type FormEvent } from "react";
import type { TOutcome } from "@/components/console/outcome-notice";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, apiErrorMessage, apiRequest } from "@/lib/api-client";

export type TReleaseTarget = { id: number; address: string };

type TReleaseDialogProps = {
  /** null: closed. */
  target: TReleaseTarget | null;
  onClose: () => void;
  onReleased: (outcome: TOutcome) => void;
};

/** Confirms releasing a user from a sending restriction, with an optional reason kept in the audit log. */
export function ReleaseDialog({ target, onClose, onReleased }: TReleaseDialogProps) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  // The last target stays on screen while the dialog animates closed.
  const [shown, setShown] = useState(target);
  if (target && target !== shown) {
    setShown(target);
    setReason("");
    setError(null);
  }
  if (!shown) return null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!shown) return;
    setIsSubmitting(true);
    setError(null);
    try {
      const trimmed = reason.trim();
      await apiRequest("POST", `/api/v1/restricted-users/${shown.id}/release`, trimmed ? { reason: trimmed } : {});
      onReleased({ message: `Released ${shown.address}: they can send email again.`, isClean: true });
    } catch (caught) {
      // Someone else released them first: that is the outcome the analyst wanted, so close and say who.
      if (caught instanceof ApiError && caught.status === 409) onReleased({ message: `${caught.message}. Nothing more to do.`, isClean: false });
      else setError(apiErrorMessage(caught, "The release failed"));
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <Dialog open={target !== null} onOpenChange={(isOpen) => (!isOpen && !isSubmitting ? onClose() : undefined)}>
      <DialogContent>
        <form onSubmit={onSubmit} className="space-y-4">
          <DialogHeader>
            <DialogTitle className="break-words">Release {shown.address}?</DialogTitle>
            <DialogDescription>They can send email again immediately. Make sure the account is secured first: password reset, sessions revoked, forwarding removed.</DialogDescription>
          </DialogHeader>
          <div className="space-y-2">
            <Label htmlFor="release-reason">Reason (optional)</Label>
            <Textarea id="release-reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} placeholder="e.g. Password reset and forwarding rule removed" />
            <p className="text-xs text-muted-foreground">Kept with the release and in the audit log.</p>
          </div>
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
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
