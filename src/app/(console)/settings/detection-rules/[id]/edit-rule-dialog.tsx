"use client";

import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RuleDialog, RuleDialogForm } from "@/components/detection-rules/rule-dialog";
import type { TRuleFormValues } from "@/components/detection-rules/rule-form-fields";
import { useRuleForm } from "@/components/detection-rules/use-rule-form";
import { callApi } from "@/lib/api-client";
import type { TEntityColumn } from "@/lib/detection-rules";

type TEditableRule = TRuleFormValues & { id: string; entityColumns: TEntityColumn[]; isEnabled: boolean };

/**
 * Edit on a rule's page: every setting and the query, saved with PUT, which validates the query again. What the API
 * objects to shows beneath the field it names (the query's mistake with its line and column).
 */
export function EditRuleDialog({ rule }: { rule: TEditableRule }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const form = useRuleForm({
    values: rule,
    initialEntities: rule.entityColumns,
    isQueryEditable: true,
    fallbackError: "The rule could not be saved",
  });

  const open = (next: boolean) => {
    setIsOpen(next);
    if (next) form.reset();
  };

  return (
    <RuleDialog
      isOpen={isOpen}
      onOpenChange={open}
      trigger={
        <>
          <Pencil aria-hidden />
          Edit
        </>
      }
      title="Edit detection rule"
      description="The query is checked again on save: it must return Timestamp and the impacted entity columns. Rows already seen are not raised again."
      className="max-h-[90vh] max-w-2xl overflow-y-auto"
    >
      <RuleDialogForm
        form={form}
        idPrefix="edit-rule"
        send={async (edited) => {
          await callApi("PUT /api/v1/detection-rules/{id}", {
            params: { id: rule.id },
            body: { ...edited, isEnabled: rule.isEnabled },
          });
          setIsOpen(false);
          router.refresh();
        }}
        submitLabel="Save"
        savingLabel="Saving…"
      />
    </RuleDialog>
  );
}
