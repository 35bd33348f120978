"use client";

import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/utils";

type TSettingsFormFooterProps = {
  error: string | null;
  /** Admins save; everyone else reads the form and this footer's last line. */
  canEdit: boolean;
  isChanged: boolean;
  isSaving: boolean;
  onDiscard: () => void;
  /** The settings row's stamp: who saved it last, and when (nulls until it is first saved). */
  lastChange: { updatedAt: Date | null; updatedBy: string | null };
  /** What is in force while it was never saved. */
  neverChanged: string;
};

/** The end of a settings form: its error, Save and Discard changes, and who changed it last. */
export function SettingsFormFooter({
  error,
  canEdit,
  isChanged,
  isSaving,
  onDiscard,
  lastChange,
  neverChanged,
}: TSettingsFormFooterProps) {
  const status =
    lastChange.updatedAt && lastChange.updatedBy
      ? `Last changed by ${lastChange.updatedBy}, ${formatDateTime(lastChange.updatedAt)}`
      : neverChanged;
  return (
    <>
      <FormError message={error} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {canEdit ? (
          <div className="flex gap-2">
            <Button type="submit" disabled={!isChanged || isSaving}>
              {isSaving ? "Saving…" : "Save"}
            </Button>
            {isChanged ? (
              <Button variant="ghost" onClick={onDiscard} disabled={isSaving}>
                Discard changes
              </Button>
            ) : null}
          </div>
        ) : null}
        <p className="text-sm text-muted-foreground">{status}</p>
      </div>
    </>
  );
}
