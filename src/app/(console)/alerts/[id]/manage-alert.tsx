"use client";

import { ClipboardCheck, UserCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TriageFields, type TAssigneeOption } from "@/components/alerts/triage-fields";
import { NONE, triageBody, type TTriageValues } from "@/lib/alert-triage-form";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import { Dialog, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { SheetContent } from "@/components/ui/sheet";
import { Textarea } from "@/components/ui/textarea";
import type { AlertClassification, AlertDetermination, AlertStatus } from "@/generated/prisma/enums";
import { ApiError, apiErrorMessage, callApi } from "@/lib/api-client";

export type TManagedAlert = {
  id: number;
  title: string;
  version: number;
  status: AlertStatus;
  assigneeId: string | null;
  classification: AlertClassification | null;
  determination: AlertDetermination | null;
};

type TManageAlertProps = { alert: TManagedAlert; assignees: TAssigneeOption[]; me: TAssigneeOption | null };

const valuesOf = (alert: TManagedAlert): TTriageValues => ({
  status: alert.status,
  assigneeId: alert.assigneeId ?? NONE,
  classification: alert.classification ?? NONE,
  determination: alert.determination ?? NONE,
});

/** Defender's Manage alert panel: status, assignee, classification and determination, and a comment, saved together. */
export function ManageAlert({ alert, assignees, me }: TManageAlertProps) {
  const router = useRouter();
  const initial = valuesOf(alert);
  const [isOpen, setIsOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isStale, setIsStale] = useState(false);
  const [isSaving, setIsSaving] = useState(false);

  function open() {
    setValues(initial);
    setComment("");
    setError(null);
    setIsStale(false);
    setIsOpen(true);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { ...triageBody(values, initial), ...(comment.trim() ? { comment: comment.trim() } : {}) };
    if (!Object.keys(body).length) return setIsOpen(false);
    setIsSaving(true);
    setError(null);
    try {
      await callApi("PATCH /api/v1/alerts/{id}", {
        params: { id: alert.id },
        body: { ...body, version: alert.version },
      });
      setIsOpen(false);
      router.refresh();
    } catch (caught) {
      setIsStale(caught instanceof ApiError && caught.status === 409);
      setError(apiErrorMessage(caught, "The alert could not be saved"));
    } finally {
      setIsSaving(false);
    }
  }

  function reload() {
    // The page re-renders with the other change; opening the panel again starts from it.
    setIsOpen(false);
    router.refresh();
  }

  return (
    <Dialog open={isOpen} onOpenChange={(next) => (next ? open() : !isSaving && setIsOpen(false))}>
      <Button onClick={open}>
        <ClipboardCheck aria-hidden />
        Manage alert
      </Button>
      {isOpen ? (
        <SheetContent className="max-w-lg">
          <form onSubmit={save} className="flex h-full flex-col">
            <header className="space-y-1 border-b px-4 py-3 pr-12 sm:px-6">
              <DialogTitle>Manage alert</DialogTitle>
              <DialogDescription className="break-words">{alert.title}</DialogDescription>
            </header>
            <div className="flex-1 space-y-5 overflow-y-auto px-4 py-4 sm:px-6">
              <TriageFields
                idPrefix="manage"
                values={values}
                onChange={setValues}
                assignees={assignees}
                me={me}
                isDisabled={isSaving}
              />
              {me && values.assigneeId !== me.id ? (
                <Button
                  type="button"
                  variant="link"
                  size="sm"
                  onClick={() => setValues({ ...values, assigneeId: me.id })}
                  disabled={isSaving}
                >
                  <UserCheck aria-hidden />
                  Assign to me
                </Button>
              ) : null}
              <div className="space-y-1.5">
                <Label htmlFor="manage-comment">Comment</Label>
                <Textarea
                  id="manage-comment"
                  value={comment}
                  maxLength={2000}
                  disabled={isSaving}
                  onChange={(event) => setComment(event.target.value)}
                  placeholder="e.g. Confirmed with the user; password reset, ticket INC-1042"
                />
                <p className="text-xs text-muted-foreground">Kept in the alert&apos;s history and in the audit log.</p>
              </div>
              <FormError message={error} />
              {isStale ? (
                <Button type="button" variant="outline" size="sm" onClick={reload}>
                  Reload the alert
                </Button>
              ) : null}
            </div>
            <footer className="flex justify-end gap-2 border-t px-4 py-3 sm:px-6">
              <Button type="button" variant="outline" onClick={() => setIsOpen(false)} disabled={isSaving}>
                Cancel
              </Button>
              <Button type="submit" disabled={isSaving || isStale}>
                {isSaving ? "Saving…" : "Save"}
              </Button>
            </footer>
          </form>
        </SheetContent>
      ) : null}
    </Dialog>
  );
}
