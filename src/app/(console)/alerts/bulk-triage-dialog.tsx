"use client";

import { useState, type FormEvent } from "react";
import { TriageFields, type TAssigneeOption } from "@/components/alerts/triage-fields";
import { KEEP, triageBody, type TTriageValues } from "@/lib/alert-triage-form";
import { FormError } from "@/components/console/form-error";
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
import { apiErrorMessage, callApi, type TApiAnswer } from "@/lib/api-client";
import { formatNumber } from "@/lib/utils";

type TBulkTriageDialogProps = {
  /** The selected alert ids; null: closed. */
  ids: number[] | null;
  assignees: TAssigneeOption[];
  me: TAssigneeOption | null;
  onClose: () => void;
  onDone: (outcome: TOutcome) => void;
};

const UNCHANGED: TTriageValues = { status: KEEP, assigneeId: KEEP, classification: KEEP, determination: KEEP };

type TTriageAnswer = TApiAnswer<"POST /api/v1/alerts/triage">;

function summarise({ updated, results }: TTriageAnswer): TOutcome {
  const unchanged = results.filter((result) => result.outcome === "unchanged").length;
  const missing = results.filter((result) => result.outcome === "notFound").length;
  const parts = [`${formatNumber(updated)} ${updated === 1 ? "alert" : "alerts"} updated`];
  if (unchanged) parts.push(`${formatNumber(unchanged)} already as asked`);
  if (missing) parts.push(`${formatNumber(missing)} no longer exist`);
  return { message: `${parts.join("; ")}.`, isClean: missing === 0 };
}

/** Sets status, assignee or classification on every selected alert at once; fields left at "Keep as is" stay. */
export function BulkTriageDialog({ ids, assignees, me, onClose, onDone }: TBulkTriageDialogProps) {
  const [values, setValues] = useState(UNCHANGED);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [shownIds, setShownIds] = useState(ids);
  if (ids && ids !== shownIds) {
    setShownIds(ids);
    setValues(UNCHANGED);
    setComment("");
    setError(null);
  }
  const count = shownIds?.length ?? 0;
  const body = { ...triageBody(values), ...(comment.trim() ? { comment: comment.trim() } : {}) };
  const hasChange = Object.keys(body).length > 0;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!shownIds || !hasChange) return;
    setIsSaving(true);
    setError(null);
    try {
      onDone(summarise(await callApi("POST /api/v1/alerts/triage", { body: { ids: shownIds, ...body } })));
    } catch (caught) {
      setError(apiErrorMessage(caught, "The alerts could not be updated"));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <Dialog open={ids !== null} onOpenChange={(isOpen) => (!isOpen && !isSaving ? onClose() : undefined)}>
      <DialogContent className="max-w-xl">
        <form onSubmit={submit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>Manage {count === 1 ? "1 alert" : `${formatNumber(count)} alerts`}</DialogTitle>
            <DialogDescription>
              Only the fields you change are applied; each alert keeps the rest. Every change is in its history and the
              audit log.
            </DialogDescription>
          </DialogHeader>
          <TriageFields
            idPrefix="bulk"
            values={values}
            onChange={setValues}
            assignees={assignees}
            me={me}
            canKeep
            isDisabled={isSaving}
          />
          <div className="space-y-1.5">
            <Label htmlFor="bulk-comment">Comment (optional)</Label>
            <Textarea
              id="bulk-comment"
              value={comment}
              maxLength={2000}
              disabled={isSaving}
              onChange={(event) => setComment(event.target.value)}
            />
          </div>
          <FormError message={error} />
          <DialogFooter>
            <Button variant="outline" onClick={onClose} disabled={isSaving}>
              Cancel
            </Button>
            <Button type="submit" disabled={isSaving || !hasChange}>
              {isSaving ? "Saving…" : "Apply"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
