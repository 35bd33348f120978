import type {
  ActionStatus,
  AlertStatus,
  InvestigationStatus,
  Severity,
  StepStatus,
  Verdict,
} from "@/generated/prisma/enums";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import {
  ACTION_STATUS_LABELS,
  ALERT_STATUS_LABELS,
  INVESTIGATION_STATUS_LABELS,
  SEVERITY_LABELS,
  STEP_STATUS_LABELS,
  VERDICT_LABELS,
} from "@/lib/labels";

// Tones carry meaning across pages: red-ish needs attention, amber waits for someone, green is done and good,
// blue is in progress, outline is over without a verdict. The label always says it in words too.

const SEVERITY_TONE: Record<Severity, BadgeVariant> = {
  High: "high",
  Medium: "medium",
  Low: "low",
  Informational: "informational",
};

const ALERT_STATUS_TONE: Record<AlertStatus, BadgeVariant> = { New: "info", InProgress: "medium", Resolved: "success" };

const INVESTIGATION_STATUS_TONE: Record<InvestigationStatus, BadgeVariant> = {
  Starting: "info",
  Running: "info",
  QueuedByThrottling: "info",
  PendingAction: "medium",
  NoThreatsFound: "success",
  Remediated: "success",
  PartiallyInvestigated: "low",
  PartiallyRemediated: "low",
  Failed: "high",
  TerminatedBySystem: "outline",
  TerminatedByUser: "outline",
  TerminatedByThrottling: "outline",
};

const ACTION_STATUS_TONE: Record<ActionStatus, BadgeVariant> = {
  Pending: "medium",
  Running: "info",
  Completed: "success",
  PartiallyCompleted: "low",
  StoppedAfterCanary: "high",
  Failed: "high",
  Rejected: "outline",
  Expired: "outline",
  Reverted: "secondary",
};

const STEP_STATUS_TONE: Record<StepStatus, BadgeVariant> = {
  Pending: "outline",
  Running: "info",
  Completed: "success",
  Failed: "high",
  Skipped: "secondary",
};

const VERDICT_TONE: Record<Verdict, BadgeVariant> = {
  Malicious: "high",
  Suspicious: "medium",
  Clean: "success",
  Unknown: "outline",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge variant={SEVERITY_TONE[severity]} hasDot>
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return <Badge variant={ALERT_STATUS_TONE[status]}>{ALERT_STATUS_LABELS[status]}</Badge>;
}

export function InvestigationStatusBadge({ status }: { status: InvestigationStatus }) {
  return <Badge variant={INVESTIGATION_STATUS_TONE[status]}>{INVESTIGATION_STATUS_LABELS[status]}</Badge>;
}

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  return <Badge variant={ACTION_STATUS_TONE[status]}>{ACTION_STATUS_LABELS[status]}</Badge>;
}

export function StepStatusBadge({ status }: { status: StepStatus }) {
  return <Badge variant={STEP_STATUS_TONE[status]}>{STEP_STATUS_LABELS[status]}</Badge>;
}

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <Badge variant={VERDICT_TONE[verdict]}>{VERDICT_LABELS[verdict]}</Badge>;
}
