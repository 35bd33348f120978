"use client";

import { FormError } from "@/components/console/form-error";
import { useId, useState } from "react";
import { SeverityBadge } from "@/components/console/status-badges";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import type { Severity } from "@/generated/prisma/enums";
import { ApiError, callApi } from "@/lib/api-client";
import { SENDING_LIMIT_POLICY_ID } from "@/lib/alert-policy-settings";
import { SEVERITY_LABELS } from "@/lib/labels";
import { formatDateTime } from "@/lib/utils";
import type { TPolicyRow } from "./alert-policies-list";
import { SendingLimitsForm } from "./sending-limits-form";

type TChange = { severity?: Severity; isEnabled?: boolean; settings?: Record<string, number> };

type TAlertPolicyCardProps = { policy: TPolicyRow; canEdit: boolean; onSaved: (message: string) => void };

/** Sends one change; the caller shows the error, which names the field when the server refused a value. */
export async function patchPolicy(
  id: string,
  change: TChange,
): Promise<{ error: string | null; field: string | null }> {
  try {
    await callApi("PATCH /api/v1/alert-policies/{id}", { params: { id }, body: change });
    return { error: null, field: null };
  } catch (caught) {
    const issue = caught instanceof ApiError ? caught.issues[0] : undefined;
    if (issue) return { error: issue.message, field: issue.path.replace(/^body\.(settings\.)?/, "") };
    return { error: caught instanceof Error ? caught.message : "The change was not saved", field: null };
  }
}

export function AlertPolicyCard({ policy, canEdit, onSaved }: TAlertPolicyCardProps) {
  const id = useId();
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(change: TChange, message: string) {
    setIsSaving(true);
    setError(null);
    const result = await patchPolicy(policy.id, change);
    setIsSaving(false);
    if (result.error) setError(result.error);
    else onSaved(message);
  }

  const switchLabel = `${policy.name}: ${policy.isEnabled ? "on" : "off"}`;
  return (
    <Card aria-labelledby={`${id}-title`} className={policy.isEnabled ? undefined : "bg-muted/30"}>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <CardTitle id={`${id}-title`} className="break-words">
            {policy.name}
          </CardTitle>
          <CardDescription>{policy.description}</CardDescription>
        </div>
        <div className="flex shrink-0 items-center gap-2 pt-0.5">
          <span className="text-sm text-muted-foreground" aria-hidden>
            {policy.isEnabled ? "On" : "Off"}
          </span>
          <Switch
            checked={policy.isEnabled}
            disabled={!canEdit || isSaving}
            aria-label={switchLabel}
            onCheckedChange={(isEnabled) => save({ isEnabled }, `${policy.name} is now ${isEnabled ? "on" : "off"}.`)}
          />
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
          <div className="flex items-center gap-2">
            {canEdit ? (
              <>
                <Label htmlFor={`${id}-severity`}>Severity</Label>
                <Select
                  id={`${id}-severity`}
                  value={policy.severity}
                  disabled={isSaving}
                  onChange={(event) => {
                    const severity = event.target.value as Severity;
                    void save(
                      { severity },
                      `${policy.name}: new alerts are ${SEVERITY_LABELS[severity].toLowerCase()} severity.`,
                    );
                  }}
                >
                  {Object.entries(SEVERITY_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              </>
            ) : (
              <>
                <span className="font-medium">Severity</span>
                <SeverityBadge severity={policy.severity} />
              </>
            )}
          </div>
          <span className="text-muted-foreground">
            {policy.category} · last changed {formatDateTime(policy.updatedAt)}
          </span>
        </div>
        {policy.id === SENDING_LIMIT_POLICY_ID ? (
          <SendingLimitsForm policy={policy} canEdit={canEdit} onSaved={onSaved} />
        ) : null}
        <FormError message={error} />
      </CardContent>
    </Card>
  );
}
