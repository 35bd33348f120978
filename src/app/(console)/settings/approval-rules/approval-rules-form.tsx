"use client";

import { CheckField } from "@/components/console/settings-fields";
import { SettingsForm } from "@/components/console/settings-form";
import { useSettingsForm } from "@/components/console/use-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { callApi } from "@/lib/api-client";
import type { TApprovalRule } from "@/server/approval-rules/approval-rules.schemas";

export type TApprovalRulesView = { rules: TApprovalRule[]; updatedAt: Date | null; updatedBy: string | null };

type TTypeCondition = "hardDelete" | "disableAccount" | "removeAdminRole" | "priorityAccount";
type TValues = Record<TTypeCondition, boolean> & { emailOver: boolean; emailOverMessages: string };

const TYPE_RULES: { condition: TTypeCondition; label: string; hint: string }[] = [
  {
    condition: "hardDelete",
    label: "Hard delete",
    hint: "Hard-deleted messages cannot be restored from the History tab.",
  },
  {
    condition: "disableAccount",
    label: "Disable account",
    hint: "The user is signed out and cannot sign in until an admin enables the account.",
  },
  {
    condition: "removeAdminRole",
    label: "Remove admin role",
    hint: "Takes an administrator role assignment away from the account.",
  },
  {
    condition: "priorityAccount",
    label: "Any priority account",
    hint: "An action on a priority account, or an email action with a copy in a priority account's mailbox (tag them on the mailbox page).",
  },
];

function valuesOf(rules: TApprovalRule[]): TValues {
  const email = rules.find((rule) => rule.condition === "emailOverMessages");
  const has = (condition: TTypeCondition) => rules.some((rule) => rule.condition === condition);
  return {
    hardDelete: has("hardDelete"),
    disableAccount: has("disableAccount"),
    removeAdminRole: has("removeAdminRole"),
    priorityAccount: has("priorityAccount"),
    emailOver: Boolean(email),
    emailOverMessages: String(email?.messages ?? 1000),
  };
}

function rulesOf(values: TValues): TApprovalRule[] {
  return [
    ...TYPE_RULES.filter((rule) => values[rule.condition]).map((rule) => ({ condition: rule.condition })),
    ...(values.emailOver
      ? [{ condition: "emailOverMessages" as const, messages: Number(values.emailOverMessages) }]
      : []),
  ];
}

/** The two-person rules, one switch per condition; saving replaces the list. */
export function ApprovalRulesForm({ settings, canEdit }: { settings: TApprovalRulesView; canEdit: boolean }) {
  const stored = valuesOf(settings.rules);
  const form = useSettingsForm(stored, JSON.stringify(stored), async (values) => {
    const rules = rulesOf(values);
    await callApi("PUT /api/v1/settings/approval-rules", { body: { rules } });
    return rules.length
      ? `Approval rules saved. ${rules.length} ${rules.length === 1 ? "rule asks" : "rules ask"} for a second approver.`
      : "Approval rules saved. One approval is enough for every action.";
  });
  const { values, setValues, isSaving } = form;
  const isReadOnly = !canEdit || isSaving;

  return (
    <SettingsForm
      form={form}
      canEdit={canEdit}
      readOnlyNote="You can read these rules; changing them needs the Security Administrator role."
      lastChange={settings}
      neverChanged="Never changed: one approval is enough for every action."
    >
      <Card>
        <CardHeader>
          <CardTitle>Actions that need two approvers</CardTitle>
          <CardDescription>
            The first approval leaves the action Pending, Awaiting second approval, with who approved it and when.
            Someone else&apos;s approval runs it; the first approver cannot give the second. Automation counts as one
            approver.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <fieldset className="space-y-3">
            <legend className="sr-only">Conditions</legend>
            {TYPE_RULES.map((rule) => (
              <CheckField
                key={rule.condition}
                id={`rule-${rule.condition}`}
                label={rule.label}
                hint={rule.hint}
                isReadOnly={isReadOnly}
                checked={values[rule.condition]}
                onChange={(checked) => setValues({ ...values, [rule.condition]: checked })}
              />
            ))}
            <div className="flex items-start gap-3">
              <Checkbox
                id="rule-emailOverMessages"
                className="mt-0.5"
                checked={values.emailOver}
                disabled={isReadOnly}
                aria-describedby="rule-emailOverMessages-hint"
                onChange={(event) => setValues({ ...values, emailOver: event.target.checked })}
              />
              <div className="space-y-1.5">
                <Label htmlFor="rule-emailOverMessages" className="block">
                  Email action on more than this many messages
                </Label>
                <Input
                  id="email-over-messages"
                  aria-label="Messages"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  required
                  readOnly={isReadOnly || !values.emailOver}
                  value={values.emailOverMessages}
                  onChange={(event) => setValues({ ...values, emailOverMessages: event.target.value })}
                  className="w-32"
                />
                <p id="rule-emailOverMessages-hint" className="text-sm text-muted-foreground">
                  Counted on the cluster when the action is decided.
                </p>
              </div>
            </div>
          </fieldset>
        </CardContent>
      </Card>
    </SettingsForm>
  );
}
