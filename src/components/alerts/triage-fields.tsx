"use client";

import type { AlertClassification, AlertDetermination, AlertStatus } from "@/generated/prisma/enums";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { CLASSIFICATION_LABELS, DETERMINATIONS_BY_CLASSIFICATION, DETERMINATION_LABELS } from "@/lib/alert-triage";
import { KEEP, NONE, type TTriageValues } from "@/lib/alert-triage-form";
import { ALERT_STATUS_LABELS } from "@/lib/labels";

export type TAssigneeOption = { id: string; name: string; email: string };

type TTriageFieldsProps = {
  idPrefix: string;
  values: TTriageValues;
  onChange: (values: TTriageValues) => void;
  assignees: TAssigneeOption[];
  /** The signed-in user, offered first as "Me". */
  me: TAssigneeOption | null;
  /** Bulk triage: every field starts at "Keep as is". */
  canKeep?: boolean;
  isDisabled?: boolean;
};

/** Status, Assigned to, Classification and Determination, as in Defender's Manage alert panel. */
export function TriageFields({
  idPrefix,
  values,
  onChange,
  assignees,
  me,
  canKeep = false,
  isDisabled = false,
}: TTriageFieldsProps) {
  const keep = canKeep ? <option value={KEEP}>Keep as is</option> : null;
  const others = assignees.filter((user) => user.id !== me?.id);
  const determinations =
    values.classification in DETERMINATIONS_BY_CLASSIFICATION
      ? DETERMINATIONS_BY_CLASSIFICATION[values.classification as AlertClassification]
      : [];
  const field = (name: string) => `${idPrefix}-${name}`;

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="space-y-1.5">
        <Label htmlFor={field("status")}>Status</Label>
        <Select
          id={field("status")}
          className="w-full"
          value={values.status}
          disabled={isDisabled}
          onChange={(event) => onChange({ ...values, status: event.target.value })}
        >
          {keep}
          {(Object.keys(ALERT_STATUS_LABELS) as AlertStatus[]).map((status) => (
            <option key={status} value={status}>
              {ALERT_STATUS_LABELS[status]}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={field("assignee")}>Assigned to</Label>
        <Select
          id={field("assignee")}
          className="w-full"
          value={values.assigneeId}
          disabled={isDisabled}
          onChange={(event) => onChange({ ...values, assigneeId: event.target.value })}
        >
          {keep}
          <option value={NONE}>Unassigned</option>
          {me ? <option value={me.id}>Me ({me.name})</option> : null}
          {others.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={field("classification")}>Classification</Label>
        <Select
          id={field("classification")}
          className="w-full"
          value={values.classification}
          disabled={isDisabled}
          // A new classification starts without a determination: the old one may not belong to it.
          onChange={(event) =>
            onChange({
              ...values,
              classification: event.target.value,
              determination: event.target.value === KEEP ? KEEP : NONE,
            })
          }
        >
          {keep}
          <option value={NONE}>Not set</option>
          {(Object.keys(CLASSIFICATION_LABELS) as AlertClassification[]).map((classification) => (
            <option key={classification} value={classification}>
              {CLASSIFICATION_LABELS[classification]}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={field("determination")}>Determination</Label>
        <Select
          id={field("determination")}
          className="w-full"
          value={values.determination}
          disabled={isDisabled || determinations.length === 0}
          onChange={(event) => onChange({ ...values, determination: event.target.value })}
        >
          {values.determination === KEEP ? keep : null}
          <option value={NONE}>{determinations.length ? "Not set" : "Choose a classification first"}</option>
          {determinations.map((determination: AlertDetermination) => (
            <option key={determination} value={determination}>
              {DETERMINATION_LABELS[determination]}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
