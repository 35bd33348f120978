"use client";

import type { ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type TFieldProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  /** The environment variable that sets this field; it wins over the form, so the field cannot be edited. */
  lockedBy?: string;
  isReadOnly: boolean;
};

function Hint({ id, hint, lockedBy }: { id: string; hint?: ReactNode; lockedBy?: string }) {
  if (!hint && !lockedBy) return null;
  return (
    <p id={`${id}-hint`} className="text-xs text-muted-foreground">
      {lockedBy ? (
        <>
          Set by <code className="font-mono">{lockedBy}</code> on the server: that value is in force, whatever is saved
          here.{" "}
        </>
      ) : null}
      {hint}
    </p>
  );
}

export function TextField({
  id,
  label,
  hint,
  lockedBy,
  isReadOnly,
  value,
  onChange,
  type = "text",
  placeholder,
  className,
}: TFieldProps & {
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "number" | "email" | "url";
  placeholder?: string;
  className?: string;
}) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id} className="block">
        {label}
      </Label>
      <Input
        id={id}
        type={type}
        inputMode={type === "number" ? "numeric" : undefined}
        min={type === "number" ? 1 : undefined}
        max={type === "number" ? 65535 : undefined}
        value={value}
        placeholder={placeholder}
        readOnly={isReadOnly || Boolean(lockedBy)}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint || lockedBy ? `${id}-hint` : undefined}
        className={className}
        spellCheck={false}
        autoComplete="off"
      />
      <Hint id={id} hint={hint} lockedBy={lockedBy} />
    </div>
  );
}

export type TSecret = { value: string; isForgotten: boolean };

/**
 * A password or key the server never sends back: empty with "stored" as its placeholder when one is kept; typing
 * replaces it, leaving it empty keeps it, and "Forget" removes it on Save.
 */
export function SecretField({
  id,
  label,
  hint,
  lockedBy,
  isReadOnly,
  isStored,
  secret,
  onChange,
}: TFieldProps & { isStored: boolean; secret: TSecret; onChange: (secret: TSecret) => void }) {
  const isLocked = isReadOnly || Boolean(lockedBy);
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id} className="block">
        {label}
      </Label>
      <Input
        id={id}
        type="password"
        value={secret.value}
        placeholder={isStored && !secret.isForgotten ? "stored" : "not set"}
        readOnly={isLocked || secret.isForgotten}
        onChange={(event) => onChange({ value: event.target.value, isForgotten: false })}
        aria-describedby={hint || lockedBy || isStored ? `${id}-hint` : undefined}
        autoComplete="new-password"
      />
      {isStored && !isLocked ? (
        <label className="flex items-center gap-2 text-xs text-muted-foreground">
          <Checkbox
            checked={secret.isForgotten}
            onChange={(event) => onChange({ value: "", isForgotten: event.target.checked })}
          />
          Forget the stored {label.toLowerCase()} on Save
        </label>
      ) : null}
      <Hint
        id={id}
        lockedBy={lockedBy}
        hint={isStored ? <>Leave empty to keep the stored one; it is never shown. {hint}</> : hint}
      />
    </div>
  );
}

/** A yes/no setting saved with the form (a checkbox, not a switch: nothing applies before Save). */
export function CheckField({
  id,
  label,
  hint,
  lockedBy,
  isReadOnly,
  checked,
  onChange,
}: TFieldProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="flex items-start gap-3">
      <Checkbox
        id={id}
        className="mt-0.5"
        checked={checked}
        disabled={isReadOnly || Boolean(lockedBy)}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-hint`}
      />
      <div className="space-y-1">
        <Label htmlFor={id}>{label}</Label>
        <Hint id={id} hint={hint} lockedBy={lockedBy} />
      </div>
    </div>
  );
}
