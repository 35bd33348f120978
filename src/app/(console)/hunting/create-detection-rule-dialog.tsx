"use client";

import { ShieldPlus } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import {
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
import { ApiError, apiErrorMessage, callApi } from "@/lib/api-client";
import { ENTITY_COLUMNS, type TEntityColumn } from "@/lib/detection-rules";

const NEW_RULE: TRuleFormValues = {
  name: "",
  description: "",
  query: "",
  severity: "Medium",
  category: "Initial access",
  frequency: "1h",
  lookBackMinutes: 240,
  action: "AlertOnly",
};

/**
 * Advanced hunting › Create detection rule: the query in the editor becomes a rule that runs on a schedule. Entity
 * columns start from the ones the last run returned; the server checks the query returns them (and Timestamp).
 */
export function CreateDetectionRuleDialog({ query, resultColumns }: { query: string; resultColumns: string[] }) {
  const [isOpen, setIsOpen] = useState(false);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isSaving, setIsSaving] = useState(false);
  const [entities, setEntities] = useState<TEntityColumn[]>([]);

  const open = (next: boolean) => {
    setIsOpen(next);
    if (!next) return;
    setCreated(null);
    setError(null);
    setErrors({});
    setEntities(ENTITY_COLUMNS.filter((column) => resultColumns.includes(column)));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    setErrors({});
    try {
      const rule = await callApi("POST /api/v1/detection-rules", {
        body: { ...readRuleForm(new FormData(event.currentTarget), entities), query },
      });
      setCreated(rule);
    } catch (caught) {
      setErrors(caught instanceof ApiError ? issuesByField(caught.issues) : {});
      setError(apiErrorMessage(caught, "The rule could not be created"));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Dialog open={isOpen} onOpenChange={open}>
      <DialogTrigger asChild>
        <Button variant="outline" disabled={!query.trim()}>
          <ShieldPlus aria-hidden />
          Create detection rule
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Create detection rule</DialogTitle>
          <DialogDescription>
            The query in the editor runs on a schedule and raises an alert per entity it matches. It must return
            Timestamp and the entity columns.
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <div className="space-y-4 text-sm">
            <p role="status">
              Detection rule <strong>{created.name}</strong> created.
            </p>
            <DialogFooter>
              <Button asChild variant="outline">
                <Link href="/settings/detection-rules">Settings › Detection rules</Link>
              </Button>
              <Button asChild>
                <Link href={`/settings/detection-rules/${created.id}`}>Open the rule</Link>
              </Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-3">
            <RuleFormFields
              idPrefix="rule"
              values={NEW_RULE}
              entities={entities}
              onEntitiesChange={setEntities}
              errors={errors}
            />
            <FormError message={error} />
            <DialogFooter>
              <Button type="submit" disabled={isSaving || entities.length === 0}>
                {isSaving ? "Creating…" : "Create"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
