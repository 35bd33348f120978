"use client";

import type { ReactNode } from "react";
import { OutcomeNotice } from "./outcome-notice";
import { SettingsFormFooter } from "./settings-form-footer";
import type { TSettingsForm } from "./use-settings-form";

type TSettingsFormProps = {
  form: TSettingsForm;
  /** Admins save; everyone else reads the form, told so at its top. */
  canEdit: boolean;
  /** What a reader is told they may not do (the default suits a form of settings). */
  readOnlyNote?: string;
  /** The settings row's stamp: who saved it last, and when (nulls until it is first saved). */
  lastChange: { updatedAt: Date | null; updatedBy: string | null };
  /** What is in force while it was never saved. */
  neverChanged: string;
  children: ReactNode;
  /** Below Save, inside the form (for example a connection test of the values being edited). */
  afterFooter?: ReactNode;
};

/** A settings page's form saved as a whole: the reader's note, the last save's outcome, its sections, its footer. */
export function SettingsForm({
  form,
  canEdit,
  readOnlyNote = "You can read these settings; changing them needs the Security Administrator role.",
  lastChange,
  neverChanged,
  children,
  afterFooter,
}: TSettingsFormProps) {
  return (
    <form onSubmit={form.onSubmit} className="max-w-3xl space-y-4">
      {canEdit ? null : (
        <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">{readOnlyNote}</p>
      )}
      {form.outcome ? <OutcomeNotice outcome={form.outcome} onDismiss={form.dismissOutcome} /> : null}
      {children}
      <SettingsFormFooter
        error={form.error}
        canEdit={canEdit}
        isChanged={form.isChanged}
        isSaving={form.isSaving}
        onDiscard={form.discard}
        lastChange={lastChange}
        neverChanged={neverChanged}
      />
      {afterFooter}
    </form>
  );
}
