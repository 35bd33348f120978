"use client";

import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import {
  FIELDS_WITH_ERRORS,
  issuesByField,
  readRuleForm,
  RuleFormFields,
  type TRuleFormValues,
} from "@/components/detection-rules/rule-form-fields";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { ApiError, callApi } from "@/lib/api-client";
import type { TEntityColumn } from "@/lib/detection-rules";

type TEditableRule = TRuleFormValues & { id: string; entityColumns: TEntityColumn[]; isEnabled: boolean };

/**
 * Edit on a rule's page: every setting and the query, saved with PUT, which validates the query again. What the API
 * objects to shows beneath the field it names (the query's mistake with its line and column).
 */
export function EditRuleDialog({ rule }: { rule: TEditableRule }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [entities, setEntities] = useState<TEntityColumn[]>(rule.entityColumns);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const open = (next: boolean) => {
    setIsOpen(next);
    if (!next) return;
    setEntities(rule.entityColumns);
    setErrors({});
    setError(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsSaving(true);
    setErrors({});
    setError(null);
    try {
      await callApi("PUT /api/v1/detection-rules/{id}", {
        params: { id: rule.id },
        body: { ...readRuleForm(form, entities), query: String(form.get("query")), isEnabled: rule.isEnabled },
      });
      setIsOpen(false);
      router.refresh();
    } catch (caught) {
      const byField = caught instanceof ApiError ? issuesByField(caught.issues) : {};
      setErrors(byField);
      // Said once: beneath its field when the API named one the form has, else above the buttons.
      const isShownInline = Object.keys(byField).some((field) => FIELDS_WITH_ERRORS.has(field));
      setError(isShownInline ? null : caught instanceof Error ? caught.message : "The rule could not be saved");
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Dialog open={isOpen} onOpenChange={open}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Pencil aria-hidden />
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Edit detection rule</DialogTitle>
          <DialogDescription>
            The query is checked again on save: it must return Timestamp and the impacted entity columns. Rows already
            seen are not raised again.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-3">
          <RuleFormFields
            idPrefix="edit-rule"
            values={rule}
            entities={entities}
            onEntitiesChange={setEntities}
            isQueryEditable
            errors={errors}
          />
          <FormError message={error} />
          <DialogFooter>
            <Button type="submit" disabled={isSaving || entities.length === 0}>
              {isSaving ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
