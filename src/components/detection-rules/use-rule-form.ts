"use client";

import { type FormEvent, useState } from "react";
import { ApiError, type ApiIssue } from "@/lib/api-client";
import type { TEntityColumn } from "@/lib/detection-rules";
import { readRuleForm, showsErrorBeneath, type TRuleFormValues } from "./rule-form-fields";

/** The rule as the form describes it, for the API's create or edit. */
export type TRuleFormRule = ReturnType<typeof readRuleForm> & { query: string };

type TRuleFormOptions = {
  /** What the fields start from: a new rule's defaults, or the rule being edited (with its query). */
  values: TRuleFormValues;
  /** The entity columns ticked when the form opens. */
  initialEntities: TEntityColumn[];
  /** Whether the query is a field of the form (a rule's edit) or `values.query` (the hunting editor's). */
  isQueryEditable?: boolean;
  /** What to say when a request fails without the API saying why. */
  fallbackError: string;
};

/** What RuleDialogForm reads of the hook. */
export type TRuleForm = ReturnType<typeof useRuleForm>;

/**
 * The state of a detection rule's form, as Advanced hunting › Create detection rule and a rule's Edit share it: the
 * ticked entity columns, the API's objections by field, the error said above the buttons, and saving. The dialogs
 * keep only their request and what follows its success.
 */
export function useRuleForm({ values, initialEntities, isQueryEditable = false, fallbackError }: TRuleFormOptions) {
  const [entities, setEntities] = useState<TEntityColumn[]>(initialEntities);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  /** The form as it opens: the initial entity columns and no objections. */
  const reset = () => {
    setEntities(initialEntities);
    setErrors({});
    setError(null);
  };

  /** The form's submit handler: `send` makes the request; when it fails, its objections show where the form can. */
  const submit = (send: (rule: TRuleFormRule) => Promise<void>) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const query = isQueryEditable ? String(form.get("query")) : values.query;
    setIsSaving(true);
    setErrors({});
    setError(null);
    try {
      await send({ ...readRuleForm(form, entities), query });
    } catch (caught) {
      const byField = caught instanceof ApiError ? issuesByField(caught.issues) : {};
      setErrors(byField);
      setError(generalError(caught, byField, isQueryEditable, fallbackError));
    } finally {
      setIsSaving(false);
    }
  };

  return {
    /** RuleFormFields' props, but for its idPrefix. */
    fields: { values, entities, onEntitiesChange: setEntities, isQueryEditable, errors },
    error,
    isSaving,
    canSubmit: !isSaving && entities.length > 0,
    reset,
    submit,
  };
}

/** The API's issues by the field they name ("body.query" → "query"), for showing each under its field. */
export function issuesByField(issues: ApiIssue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.replace(/^body\./, "").split(/[.[]/)[0];
    const where = issue.line ? `line ${issue.line}, column ${issue.column ?? 1}: ` : "";
    byField[field] = byField[field] ? `${byField[field]}; ${where}${issue.message}` : `${where}${issue.message}`;
  }
  return byField;
}

/**
 * What the form says above its buttons, so that each objection is said once: the ones no field shows beneath it
 * (named by their field), nothing when every one shows beneath its field, and the error's message when the API named
 * no field.
 */
export function generalError(
  caught: unknown,
  byField: Record<string, string>,
  isQueryEditable: boolean,
  fallback: string,
): string | null {
  const fields = Object.keys(byField);
  if (fields.length === 0) return caught instanceof Error ? caught.message : fallback;
  const unshown = fields.filter((field) => !showsErrorBeneath(field, isQueryEditable));
  return unshown.length ? unshown.map((field) => `${field}: ${byField[field]}`).join("; ") : null;
}
