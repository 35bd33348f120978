import Link from "next/link";
import { ClusterLink } from "@/components/clusters/cluster-link";
import { DateTime } from "@/components/console/date-time";
import { PendingReasonText } from "@/components/console/pending-reason";
import { DecidedByLabel } from "@/components/console/decided-by-label";
import { SimpleTable } from "@/components/console/simple-table";
import { ActionStatusBadge } from "@/components/console/status-badges";
import { ACTION_SOURCE_LABELS, actionCountsLabel, actionTypeLabel, reversalLabel } from "@/lib/labels";
import { formatDateTime, formatDuration } from "@/lib/utils";
import { pendingExpiresAt, pendingReason } from "@/server/actions/pending-reason";
import type { TInvestigationDetails } from "@/server/investigations/investigations.queries";
import type { TAutomationSettings } from "@/server/settings/automation-settings.service";

// The Pending actions and Pending action history tabs. Deciding happens in the Action center, which this links to.

type TAction = TInvestigationDetails["actions"][number];

// A cluster's entity opens the cluster's flyout on this page.
const entityColumn = {
  header: "Entity",
  className: "whitespace-normal min-w-48 break-all",
  cell: (action: TAction) =>
    action.clusterId ? <ClusterLink clusterId={action.clusterId}>{action.entity}</ClusterLink> : action.entity,
};

type TPendingActionsPanelProps = {
  investigationId: number;
  actions: TAction[];
  clusters: TInvestigationDetails["clusters"];
  settings: TAutomationSettings;
  now: Date;
};

export function PendingActionsPanel({ investigationId, actions, clusters, settings, now }: TPendingActionsPanelProps) {
  const reason = (action: TAction) =>
    pendingReason(
      { ...action, cluster: clusters.find((cluster) => cluster.id === action.clusterId) ?? null },
      settings,
    );
  // Why it waits goes under the entity and the expiry under the creation time: columns of their own would push the
  // table past a laptop's width.
  const columns = [
    {
      header: "Action type",
      cell: (action: TAction) => <span className="font-medium">{actionTypeLabel(action.type)}</span>,
    },
    { header: "Wait time", cell: (action: TAction) => formatDuration(now.getTime() - action.createdAt.getTime()) },
    {
      ...entityColumn,
      cell: (action: TAction) => (
        <span className="flex flex-col">
          {entityColumn.cell(action)}
          <span className="text-xs text-muted-foreground break-normal">
            Why pending: <PendingReasonText reason={reason(action)} />
          </span>
        </span>
      ),
    },
    { header: "Action source", cell: (action: TAction) => ACTION_SOURCE_LABELS[action.source] },
    {
      header: "Created",
      cell: (action: TAction) => (
        <span className="flex flex-col">
          {formatDateTime(action.createdAt)}
          <span className="text-xs text-muted-foreground">
            Expires <DateTime value={pendingExpiresAt(action.createdAt, settings.pendingExpiryDays)} />
          </span>
        </span>
      ),
    },
  ];
  return (
    <div className="space-y-2">
      {actions.length ? (
        <p className="text-sm text-muted-foreground">
          These actions wait for approval.{" "}
          <Link
            className="font-medium text-link hover:underline"
            href={`/action-center?investigation=${investigationId}`}
          >
            Decide in the Action center
          </Link>
        </p>
      ) : null}
      <SimpleTable
        label="Pending actions"
        columns={columns}
        rows={actions}
        getKey={(action) => action.id}
        emptyTitle="No pending actions"
        emptyDescription="Remediation the playbook recommends appears here until someone approves or rejects it."
      />
    </div>
  );
}

/** Decided or expired actions; the wait is from recommendation to decision. */
export function ActionHistoryPanel({ actions }: { actions: TAction[] }) {
  const decidedAt = (action: TAction) => action.decidedAt ?? action.updatedAt;
  const columns = [
    {
      header: "Action type",
      cell: (action: TAction) => <span className="font-medium">{actionTypeLabel(action.type)}</span>,
    },
    {
      header: "Wait time",
      cell: (action: TAction) => formatDuration(decidedAt(action).getTime() - action.createdAt.getTime()),
    },
    entityColumn,
    // What it did, and whether a revert (its own or an overlapping cluster's) moved its messages back since.
    {
      header: "Status",
      className: "whitespace-normal min-w-40",
      cell: (action: TAction) => (
        <span className="flex flex-col items-start gap-0.5">
          <ActionStatusBadge status={action.status} />
          {[actionCountsLabel(action), ...action.reversals.map(reversalLabel)].filter(Boolean).map((note) => (
            <span key={note} className="text-xs text-muted-foreground">
              {note}
            </span>
          ))}
        </span>
      ),
    },
    // Defender's "Automation" for what no person decided (remediated automatically, or expired).
    {
      header: "Handled by",
      cell: (action: TAction) => <DecidedByLabel decidedBy={action.decidedBy} name={action.decidedByName} />,
    },
    { header: "Time", cell: (action: TAction) => formatDateTime(decidedAt(action)) },
  ];
  return (
    <SimpleTable
      label="Pending action history"
      columns={columns}
      rows={actions}
      getKey={(action) => action.id}
      emptyTitle="No decisions yet"
      emptyDescription="Approved, rejected, automatically remediated and expired actions are listed here."
    />
  );
}
