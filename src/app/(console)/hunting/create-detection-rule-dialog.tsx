"use client";

import { ShieldPlus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { RuleDialog, RuleDialogForm } from "@/components/detection-rules/rule-dialog";
import type { TRuleFormValues } from "@/components/detection-rules/rule-form-fields";
import { useRuleForm } from "@/components/detection-rules/use-rule-form";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { callApi } from "@/lib/api-client";
import { ENTITY_COLUMNS } from "@/lib/detection-rules";

const NEW_RULE: Omit<TRuleFormValues, "query"> = {
  name: "",
  description: "",
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
  const form = useRuleForm({
    values: { ...NEW_RULE, query },
    initialEntities: ENTITY_COLUMNS.filter((column) => resultColumns.includes(column)),
    fallbackError: "The rule could not be created",
  });

  const open = (next: boolean) => {
    setIsOpen(next);
    if (!next) return;
    setCreated(null);
    form.reset();
  };

  return (
    <RuleDialog
      isOpen={isOpen}
      onOpenChange={open}
      trigger={
        <>
          <ShieldPlus aria-hidden />
          Create detection rule
        </>
      }
      isTriggerDisabled={!query.trim()}
      title="Create detection rule"
      description="The query in the editor runs on a schedule and raises an alert per entity it matches. It must return Timestamp and the entity columns."
      className="max-w-xl"
    >
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
        <RuleDialogForm
          form={form}
          idPrefix="rule"
          send={async (rule) => setCreated(await callApi("POST /api/v1/detection-rules", { body: rule }))}
          submitLabel="Create"
          savingLabel="Creating…"
        />
      )}
    </RuleDialog>
  );
}
