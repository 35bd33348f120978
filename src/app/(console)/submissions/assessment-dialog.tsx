"use client";

import { useState, type FormEvent } from "react";
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
import { Select } from "@/components/ui/select";
import type { Verdict } from "@/generated/prisma/enums";
import { apiErrorMessage, callApi } from "@/lib/api-client";

export type TAssessTarget = {
  id: string;
  subject: string;
  sender: string;
  assessment: Verdict | null;
  assessedThreatType: string | null;
};

// What an analyst says a report was; each teaches the engine about the campaign (sender, link hosts, files, body).
const ASSESSMENT_LABELS = { Phish: "Phish", Malware: "Malware", Spam: "Spam", Clean: "Clean (not a threat)" } as const;
type TAssessment = keyof typeof ASSESSMENT_LABELS;

const currentAssessment = (target: TAssessTarget): TAssessment =>
  (target.assessedThreatType as TAssessment | null) ?? (target.assessment === "Clean" ? "Clean" : "Phish");

type TAssessmentDialogProps = {
  /** null: closed. */
  target: TAssessTarget | null;
  onClose: () => void;
  onAssessed: (outcome: TOutcome) => void;
};

/** An operator's own verdict on a reported message, recorded with their name and in the audit log. */
export function AssessmentDialog({ target, onClose, onAssessed }: TAssessmentDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  // The target stays on screen while the dialog animates closed; a new target starts without the last error.
  const [shown, setShown] = useState(target);
  if (target && target !== shown) {
    setShown(target);
    setError(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!shown) return;
    const assessment = String(new FormData(event.currentTarget).get("assessment")) as TAssessment;
    setIsSubmitting(true);
    setError(null);
    try {
      await callApi("PATCH /api/v1/submissions/{id}", { params: { id: shown.id }, body: { assessment } });
      onAssessed({
        message: `Assessed the message from ${shown.sender} as ${ASSESSMENT_LABELS[assessment]}. Later reports of the same campaign are judged the same way.`,
        isClean: true,
      });
    } catch (caught) {
      setError(apiErrorMessage(caught, "The assessment was not saved"));
    } finally {
      setIsSubmitting(false);
    }
  }

  if (!shown) return null;
  return (
    <Dialog open={target !== null} onOpenChange={(isOpen) => (!isOpen && !isSubmitting ? onClose() : undefined)}>
      <DialogContent>
        {/* Keyed by submission: the select starts from that submission's assessment. */}
        <form key={shown.id} onSubmit={handleSubmit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>Set assessment</DialogTitle>
            <DialogDescription className="line-clamp-4 break-words">
              Your verdict on &ldquo;{shown.subject || "(no subject)"}&rdquo;. A user-reported message investigation
              that reads the message after this uses it instead of the automatic verdict, and later reports with the
              same sender, links, files or body are judged the same way (Settings › Detection lists what was learnt).
            </DialogDescription>
          </DialogHeader>
          <div className="space-y-2">
            <Label htmlFor="submission-assessment">Assessment</Label>
            <Select
              id="submission-assessment"
              name="assessment"
              defaultValue={currentAssessment(shown)}
              className="w-full"
            >
              {Object.entries(ASSESSMENT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <FormError message={error} />
          <DialogFooter>
            <Button variant="outline" onClick={onClose} disabled={isSubmitting}>
              Cancel
            </Button>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Saving…" : "Save assessment"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
