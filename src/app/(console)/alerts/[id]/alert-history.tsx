import type { AlertClassification, AlertDetermination, AlertStatus } from "@/generated/prisma/enums";
import { CLASSIFICATION_LABELS, DETERMINATION_LABELS } from "@/lib/alert-triage";
import { ALERT_STATUS_LABELS } from "@/lib/labels";
import { formatDateTime } from "@/lib/utils";
import type { TAlertHistoryEntry } from "@/server/alerts/alerts.queries";
import type { TFieldChange, TTriageChanges } from "@/server/alerts/triage-diff";

const FIELDS: { key: keyof TTriageChanges; label: string; text: (value: string) => string }[] = [
  { key: "status", label: "Status", text: (value) => ALERT_STATUS_LABELS[value as AlertStatus] ?? value },
  { key: "assignedTo", label: "Assigned to", text: (value) => value },
  {
    key: "classification",
    label: "Classification",
    text: (value) => CLASSIFICATION_LABELS[value as AlertClassification] ?? value,
  },
  {
    key: "determination",
    label: "Determination",
    text: (value) => DETERMINATION_LABELS[value as AlertDetermination] ?? value,
  },
];

const EMPTY_WORDS: Partial<Record<keyof TTriageChanges, string>> = { assignedTo: "Unassigned" };

function ChangeLine({
  label,
  change,
  text,
  empty,
}: {
  label: string;
  change: TFieldChange;
  text: (value: string) => string;
  empty: string;
}) {
  return (
    <li>
      {label}: <span className="text-muted-foreground">{change.from === null ? empty : text(change.from)}</span> →{" "}
      <span className="font-medium">{change.to === null ? empty : text(change.to)}</span>
    </li>
  );
}

/** The alert's comments and history, newest first: who changed what, and what they wrote. */
export function AlertHistory({ entries, total }: { entries: TAlertHistoryEntry[]; total: number }) {
  if (!entries.length) return <p className="text-sm text-muted-foreground">No changes or comments yet.</p>;
  return (
    <ol className="space-y-4" aria-label="Comments and history">
      {entries.map((entry) => (
        <li key={entry.id} className="space-y-1 border-l-2 pl-3 text-sm">
          <p className="text-xs text-muted-foreground">
            <span className="font-medium text-foreground">{entry.actorName}</span> · {formatDateTime(entry.at)}
          </p>
          <ul className="space-y-0.5">
            {FIELDS.map(({ key, label, text }) => {
              const change = entry.changes[key];
              return change ? (
                <ChangeLine key={key} label={label} change={change} text={text} empty={EMPTY_WORDS[key] ?? "Not set"} />
              ) : null;
            })}
          </ul>
          {entry.comment ? (
            <p className="rounded-md bg-muted/60 px-2 py-1.5 break-words whitespace-pre-wrap">{entry.comment}</p>
          ) : null}
        </li>
      ))}
      {total > entries.length ? (
        <li className="text-xs text-muted-foreground">
          The latest {entries.length} of {total} entries.
        </li>
      ) : null}
    </ol>
  );
}
