"use client";

import type { ReactNode } from "react";
import { FormError } from "@/components/console/form-error";
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
import { RuleFormFields } from "./rule-form-fields";
import type { TRuleForm, TRuleFormRule } from "./use-rule-form";

type TRuleDialogProps = {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  /** The outline button's icon and label. */
  trigger: ReactNode;
  isTriggerDisabled?: boolean;
  title: string;
  description: string;
  /** The dialog's size: a form with the query is wider, and scrolls within the window. */
  className: string;
  children: ReactNode;
};

/** A dialog about a detection rule (Create from Advanced hunting, Edit on a rule's page), opened by its button. */
export function RuleDialog({
  isOpen,
  onOpenChange,
  trigger,
  isTriggerDisabled = false,
  title,
  description,
  className,
  children,
}: TRuleDialogProps) {
  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" disabled={isTriggerDisabled}>
          {trigger}
        </Button>
      </DialogTrigger>
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}

type TRuleDialogFormProps = {
  form: TRuleForm;
  /** Prefixes the fields' ids, so that two forms on one page never share one. */
  idPrefix: string;
  /** The request, and what follows its success. */
  send: (rule: TRuleFormRule) => Promise<void>;
  submitLabel: string;
  /** What the button says while the request runs. */
  savingLabel: string;
};

/**
 * A rule dialog's form: its fields, the API's objections that no field shows, and the button, which waits for an
 * entity column and for the request.
 */
export function RuleDialogForm({ form, idPrefix, send, submitLabel, savingLabel }: TRuleDialogFormProps) {
  return (
    <form onSubmit={form.submit(send)} className="space-y-3">
      <RuleFormFields idPrefix={idPrefix} {...form.fields} />
      <FormError message={form.error} />
      <DialogFooter>
        <Button type="submit" disabled={!form.canSubmit}>
          {form.isSaving ? savingLabel : submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
