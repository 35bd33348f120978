"use client";

import { FormError } from "@/components/console/form-error";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SENDING_LIMIT_FIELDS, type TSendingLimitKey } from "@/lib/alert-policy-settings";
import { formatNumber } from "@/lib/utils";
import type { TPolicyRow } from "./alert-policies-list";
import { patchPolicy } from "./alert-policy-card";

type TValues = Record<TSendingLimitKey, string>;

function storedValues(settings: unknown): TValues {
  const stored = (settings ?? {}) as Partial<Record<TSendingLimitKey, number>>;
  return Object.fromEntries(
    SENDING_LIMIT_FIELDS.map((field) => [field.key, stored[field.key] === undefined ? "" : String(stored[field.key])]),
  ) as TValues;
}

/** The outbound limits of "Email sending limit exceeded": past either one, the sender is restricted. */
export function SendingLimitsForm({
  policy,
  canEdit,
  onSaved,
}: {
  policy: TPolicyRow;
  canEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const stored = storedValues(policy.settings);
  const [values, setValues] = useState(stored);
  const settingsKey = JSON.stringify(policy.settings);
  const [seen, setSeen] = useState(settingsKey);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  // A refresh after saving brings the stored values back as the new starting point.
  if (settingsKey !== seen) {
    setSeen(settingsKey);
    setValues(storedValues(policy.settings));
  }
  const isChanged = SENDING_LIMIT_FIELDS.some((field) => values[field.key] !== stored[field.key]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    const settings = Object.fromEntries(SENDING_LIMIT_FIELDS.map((field) => [field.key, Number(values[field.key])]));
    const result = await patchPolicy(policy.id, { settings });
    setIsSaving(false);
    if (result.error) setError({ field: result.field, message: result.error });
    else
      onSaved(
        `Sending limits saved: ${SENDING_LIMIT_FIELDS.map((field) => `${formatNumber(settings[field.key])} ${field.label.toLowerCase()}`).join(", ")}.`,
      );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-md border p-3" aria-label="Sending limits">
      <p className="text-sm font-medium">Sending limits</p>
      <div className="grid max-w-2xl grid-cols-1 gap-3 sm:grid-cols-2">
        {SENDING_LIMIT_FIELDS.map((field) => {
          const isInvalid = error?.field === field.key;
          return (
            <div key={field.key} className="space-y-1.5">
              <Label htmlFor={`limit-${field.key}`}>{field.label}</Label>
              <Input
                id={`limit-${field.key}`}
                type="number"
                inputMode="numeric"
                min={1}
                max={field.max}
                step={1}
                required
                readOnly={!canEdit}
                value={values[field.key]}
                aria-invalid={isInvalid || undefined}
                aria-describedby={`limit-${field.key}-hint`}
                onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
              />
              <p
                id={`limit-${field.key}-hint`}
                className={isInvalid ? "text-xs text-destructive" : "text-xs text-muted-foreground"}
              >
                {isInvalid ? `${field.label} ${error.message}` : field.hint}
              </p>
            </div>
          );
        })}
      </div>
      <FormError
        message={error && !SENDING_LIMIT_FIELDS.some((field) => field.key === error.field) ? error.message : null}
      />
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" size="sm" disabled={!isChanged || isSaving}>
            {isSaving ? "Saving…" : "Save limits"}
          </Button>
          {isChanged ? (
            <Button variant="ghost" size="sm" onClick={() => (setValues(stored), setError(null))} disabled={isSaving}>
              Discard changes
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
