// The words the console shows for stored values, in one place so lists, details, filters and exports agree.
// Defender's own display names where it has them: people coming from it look for exactly these words.
import type {
  ActionSource,
  ActivityContentType,
  ActionStatus,
  AlertStatus,
  DecidedBy,
  InvestigationStatus,
  Playbook,
  Severity,
  StepStatus,
  Verdict,
} from "@/generated/prisma/enums";
import { ACTION_CATALOGUE, isEmailAction } from "./actions/action-catalogue";

export type TOption = { value: string; label: string };

// Most severe first: the order filters and legends list them in.
export const SEVERITY_LABELS: Record<Severity, string> = {
  High: "High",
  Medium: "Medium",
  Low: "Low",
  Informational: "Informational",
};

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  New: "New",
  InProgress: "In progress",
  Resolved: "Resolved",
};

export const INVESTIGATION_STATUS_LABELS: Record<InvestigationStatus, string> = {
  Starting: "Starting",
  Running: "Running",
  NoThreatsFound: "No threats found",
  PendingAction: "Pending action",
  PartiallyInvestigated: "Partially investigated",
  Remediated: "Remediated",
  PartiallyRemediated: "Partially remediated",
  Failed: "Failed",
  TerminatedBySystem: "Terminated by system",
  TerminatedByUser: "Terminated by user",
  QueuedByThrottling: "Queued by throttling",
  TerminatedByThrottling: "Terminated by throttling",
};

export const PLAYBOOK_LABELS: Record<Playbook, string> = {
  UserReportedMessage: "User-reported message",
  CompromisedUser: "Compromised user",
  Manual: "Manual (Threat Explorer)",
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  Pending: "Pending",
  Running: "Running",
  Completed: "Completed",
  PartiallyCompleted: "Partially completed",
  StoppedAfterCanary: "Partially completed — stopped after canary",
  Failed: "Failed",
  Rejected: "Rejected",
  Expired: "Expired",
  Reverted: "Reverted",
};

export const ACTION_SOURCE_LABELS: Record<ActionSource, string> = {
  AutomatedInvestigation: "Automated investigation",
  AutomatedEmailAction: "Automated email action",
  Manual: "Manual",
};

// The SIEM feed's content types, as Settings › Integrations offers them to a webhook.
export const ACTIVITY_CONTENT_TYPE_LABELS: Record<ActivityContentType, string> = {
  Alert: "Alerts",
  AirInvestigation: "Investigation status changes",
  ActionDecision: "Action decisions",
  DetectionRule: "Detection rule changes",
};

export const DECIDED_BY_LABELS: Record<DecidedBy, string> = { Automation: "Automation", User: "User" };

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  Pending: "Not started",
  Running: "Running",
  Completed: "Completed",
  Failed: "Failed",
  Skipped: "Skipped",
};

export const VERDICT_LABELS: Record<Verdict, string> = {
  Malicious: "Malicious",
  Suspicious: "Suspicious",
  Clean: "Clean",
  Unknown: "Unknown",
};

export const PHASE_LABELS: Record<string, string> = {
  root: "Root investigation",
  hunting: "Hunting",
  remediation: "Remediation",
};

// The time-period shortcut of list filters (`period=7d`).
export const PERIOD_LABELS: Record<string, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
};

// The action catalogue's labels, in Defender's words where it has them ("Soft delete email"), so a row reads as what
// will happen.
export const ACTION_TYPE_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(ACTION_CATALOGUE).map(({ type, label }) => [type, label]),
);

// EmailCluster.kind: how hunting grouped the messages, in Defender's words for its cluster types.
export const CLUSTER_KIND_LABELS: Record<string, string> = {
  similarFiles: "Similar files",
  similarUrls: "Similar URLs",
  similarMessages: "Similar messages",
  sentByUser: "Sent by user",
};

// Words that are read letter by letter, kept in capitals wherever they occur in a stored key ("mfaMethod", "smtp_forwarding").
export const ACRONYM_WORDS = [
  "MFA",
  "SMTP",
  "URL",
  "URLs",
  "IP",
  "IPs",
  "DKIM",
  "SPF",
  "DMARC",
  "ARC",
  "BCL",
  "SCL",
  "SHA256",
  "MX",
  "TLS",
  "API",
  "ID",
  "IDs",
  "NRT",
  "SIEM",
  "UPN",
  "DNS",
  "IMAP",
  "POP3",
  "MTA",
  "AIR",
  "HTTP",
  "HTTPS",
  "JSON",
  "CSV",
  "KQL",
] as const;
const ACRONYMS: Record<string, string> = Object.fromEntries(ACRONYM_WORDS.map((word) => [word.toLowerCase(), word]));

/** The words of a stored key: camelCase, PascalCase, snake_case and kebab-case all split the same way. */
function keyWords(key: string): string[] {
  return key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * A readable name for a stored key: "sentLastHour" → "Sent last hour", "smtp_forwarding" → "SMTP forwarding",
 * "similarUrls" → "Similar URLs", "authenticatorApp" → "Authenticator app". Acronyms (MFA, SMTP, URL, IP, DKIM, SPF,
 * DMARC…) are upper-case wherever they stand; other words after the first are lower-case.
 */
export function humanize(key: string): string {
  const words = keyWords(key);
  if (!words.length) return key;
  const text = words
    .map(
      (word, index) =>
        ACRONYMS[word.toLowerCase()] ?? (/^[A-Z0-9]{2,}$/.test(word) ? word : index > 0 ? word.toLowerCase() : word),
    )
    .join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Every enum value whose words differ from its plain reading (Defender's own names). A value that reads differently
// in different enums (StepStatus Pending is "Not started", a playbook's Manual is "Manual (Threat Explorer)") is left
// to its enum's own record above and reads plainly here.
const AMBIGUOUS = new Set(["Pending", "Manual"]);
const ENUM_LABELS: Record<string, string> = Object.fromEntries(
  [
    INVESTIGATION_STATUS_LABELS,
    ACTION_STATUS_LABELS,
    ACTION_SOURCE_LABELS,
    ALERT_STATUS_LABELS,
    STEP_STATUS_LABELS,
    ACTION_TYPE_LABELS,
    CLUSTER_KIND_LABELS,
  ]
    .flatMap((labels) => Object.entries(labels))
    .filter(([value]) => !AMBIGUOUS.has(value)),
);

/**
 * The one label for any enum value the console shows (a status, an evidence kind, an MFA method, a verdict):
 * Defender's words where it has them, else the acronym-aware reading of the value.
 */
export function enumLabel(value: string): string {
  return Object.hasOwn(ENUM_LABELS, value) ? ENUM_LABELS[value] : humanize(value);
}

/** A known action type's label, or a readable form of a type added later. */
export function actionTypeLabel(type: string): string {
  return ACTION_TYPE_LABELS[type] ?? humanize(type);
}

/** A known cluster kind's label, or a readable form of a kind added later. */
export function clusterKindLabel(kind: string): string {
  return CLUSTER_KIND_LABELS[kind] ?? humanize(kind);
}

type TActionCounts = { type?: string; successCount: number; alreadyCount?: number; failedCount: number };

/**
 * What an action did, as it happened: "3 moved, 113 already there, 1 failed" for an email action (successCount holds
 * the copies already there too, which it did not move), "1 succeeded" for the others; "" when it did nothing yet.
 */
export function actionCountsLabel({ type, successCount, alreadyCount = 0, failedCount }: TActionCounts): string {
  if (!successCount && !failedCount) return "";
  const count = (value: number) => value.toLocaleString("en-US");
  // Email actions count message copies moved, found already there, and failed.
  const isEmail = type !== undefined && isEmailAction(type);
  const done = successCount - alreadyCount;
  return [
    ...(isEmail ? [`${count(done)} moved`] : done || !alreadyCount ? [`${count(done)} succeeded`] : []),
    ...(alreadyCount ? [`${count(alreadyCount)} already ${isEmail ? "there" : "done"}`] : []),
    ...(failedCount ? [`${count(failedCount)} failed`] : []),
  ].join(", ");
}

/** "Partially completed — 150 succeeded, 50 failed": a decided action's status with what it did, when it did anything. */
export function actionOutcomeLabel(action: TActionCounts & { status: ActionStatus }): string {
  const status = ACTION_STATUS_LABELS[action.status];
  const counts = actionCountsLabel(action);
  return counts ? `${status} — ${counts}` : status;
}

export type TReversalNote = { revertId: number; copies: number; ofCopies: number; revert: { type: string } };

/** "Reverted by #14 (Move to Inbox)", or "Partially reverted by #14 (Move to Inbox): 2 of 5 messages" when it moved back only some. */
export function reversalLabel({ revertId, copies, ofCopies, revert }: TReversalNote): string {
  const by = `reverted by #${revertId} (${actionTypeLabel(revert.type)})`;
  return copies < ofCopies
    ? `Partially ${by}: ${copies.toLocaleString("en-US")} of ${ofCopies.toLocaleString("en-US")} messages`
    : `R${by.slice(1)}`;
}

/** Filter options in the record's order. */
export function toOptions(labels: Record<string, string>): TOption[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
