import Link from "next/link";
import { SimpleTable } from "@/components/console/simple-table";
import { AlertStatusBadge, SeverityBadge, VerdictBadge } from "@/components/console/status-badges";
import { Badge } from "@/components/ui/badge";
import { enumLabel, humanize } from "@/lib/labels";
import { formatDateTime, formatNumber } from "@/lib/utils";
import type { TInvestigationDetails } from "@/server/investigations/investigations.queries";

// The Alerts, Mailboxes, Evidence and Log tabs: what the investigation is about and what it recorded.

type TAlert = TInvestigationDetails["alerts"][number];
type TEvidence = TInvestigationDetails["evidence"][number];
type TLogLine = TInvestigationDetails["log"][number];
type TMailbox = { address: string; verdict: TEvidence["verdict"] | null; evidenceCount: number };

const linkClass = "font-medium text-link hover:underline";

export function AlertsPanel({ alerts }: { alerts: TAlert[] }) {
  const columns = [
    {
      header: "Alert name",
      cell: (alert: TAlert) => (
        <Link className={linkClass} href={`/alerts/${alert.id}`}>
          {alert.title}
        </Link>
      ),
    },
    { header: "Severity", cell: (alert: TAlert) => <SeverityBadge severity={alert.severity} /> },
    { header: "Status", cell: (alert: TAlert) => <AlertStatusBadge status={alert.status} /> },
    { header: "Policy", cell: (alert: TAlert) => alert.policy.name },
    { header: "User", cell: (alert: TAlert) => alert.userAddress ?? "—" },
    { header: "Created", cell: (alert: TAlert) => formatDateTime(alert.createdAt) },
  ];
  return (
    <SimpleTable
      label="Alerts"
      columns={columns}
      rows={alerts}
      getKey={(alert) => alert.id}
      emptyTitle="No alerts"
      emptyDescription="This investigation was not started by an alert."
    />
  );
}

/** The investigation's users, with the verdict on their mailbox when the playbook recorded one. */
function mailboxesOf(investigation: TInvestigationDetails): TMailbox[] {
  const addresses = new Set([
    ...investigation.users,
    ...investigation.evidence.filter((item) => item.kind === "mailbox").map((item) => item.entity),
  ]);
  return [...addresses].map((address) => {
    const lower = address.toLowerCase();
    const related = investigation.evidence.filter((item) => item.entity.toLowerCase() === lower);
    const mailbox = related.find((item) => item.kind === "mailbox");
    return { address, verdict: mailbox?.verdict ?? null, evidenceCount: related.length };
  });
}

export function MailboxesPanel({ investigation }: { investigation: TInvestigationDetails }) {
  const columns = [
    { header: "Mailbox", cell: (mailbox: TMailbox) => <span className="font-medium">{mailbox.address}</span> },
    {
      header: "Verdict",
      cell: (mailbox: TMailbox) => (mailbox.verdict ? <VerdictBadge verdict={mailbox.verdict} /> : "—"),
    },
    {
      header: "Evidence",
      className: "text-right",
      cell: (mailbox: TMailbox) => <span className="tabular-nums">{formatNumber(mailbox.evidenceCount)}</span>,
    },
    {
      header: "Related",
      cell: (mailbox: TMailbox) => (
        <span className="flex gap-3">
          <Link className={linkClass} href={`/alerts?user=${encodeURIComponent(mailbox.address)}`}>
            Alerts
          </Link>
          <Link className={linkClass} href={`/restricted-users?state=all&user=${encodeURIComponent(mailbox.address)}`}>
            Restrictions
          </Link>
        </span>
      ),
    },
  ];
  return (
    <SimpleTable
      label="Mailboxes"
      columns={columns}
      rows={mailboxesOf(investigation)}
      getKey={(mailbox) => mailbox.address}
      emptyTitle="No mailboxes"
      emptyDescription="No user or mailbox is involved in this investigation yet."
    />
  );
}

export function EvidencePanel({ investigation }: { investigation: TInvestigationDetails }) {
  const stepNames = new Map(investigation.steps.map((step) => [step.key, step.name]));
  const columns = [
    { header: "Kind", cell: (item: TEvidence) => enumLabel(item.kind) },
    {
      header: "Entity",
      className: "whitespace-normal min-w-48 break-all",
      // Another user's report of the campaign opens its submission page.
      cell: (item: TEvidence) =>
        item.kind === "submission" ? (
          <Link href={`/submissions/${item.entity}`} className="font-medium text-link hover:underline">
            {item.entity}
          </Link>
        ) : (
          <span className="font-medium">{item.entity}</span>
        ),
    },
    { header: "Verdict", cell: (item: TEvidence) => <VerdictBadge verdict={item.verdict} /> },
    { header: "Found by", cell: (item: TEvidence) => stepNames.get(item.stepKey) ?? humanize(item.stepKey) },
    { header: "Time", cell: (item: TEvidence) => formatDateTime(item.createdAt) },
  ];
  return (
    <SimpleTable
      label="Evidence"
      columns={columns}
      rows={investigation.evidence}
      getKey={(item) => item.id}
      emptyTitle="No evidence yet"
      emptyDescription="Emails, URLs, files, sign-ins and mailbox changes the playbook looks at are listed here as it finds them."
    />
  );
}

const LEVEL_TONE: Record<string, "high" | "medium" | "outline"> = { error: "high", warn: "medium", warning: "medium" };

export function LogPanel({ investigation }: { investigation: TInvestigationDetails }) {
  const columns = [
    { header: "Time", cell: (line: TLogLine) => formatDateTime(line.at) },
    {
      header: "Level",
      cell: (line: TLogLine) => <Badge variant={LEVEL_TONE[line.level] ?? "outline"}>{line.level}</Badge>,
    },
    { header: "Step", cell: (line: TLogLine) => (line.stepKey ? humanize(line.stepKey) : "—") },
    { header: "Message", className: "whitespace-normal min-w-64", cell: (line: TLogLine) => line.message },
  ];
  const isTruncated = investigation.logTotal > investigation.log.length;
  return (
    <div className="space-y-2">
      {isTruncated ? (
        <p className="text-sm text-muted-foreground">
          Showing the newest {formatNumber(investigation.log.length)} of {formatNumber(investigation.logTotal)} entries.
        </p>
      ) : null}
      <SimpleTable
        label="Log"
        columns={columns}
        rows={investigation.log}
        getKey={(line) => line.id}
        emptyTitle="Nothing logged yet"
      />
    </div>
  );
}
