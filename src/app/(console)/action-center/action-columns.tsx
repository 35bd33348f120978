"use client";

import Link from "next/link";
import { ClusterLink } from "@/components/clusters/cluster-link";
import { DateTime } from "@/components/console/date-time";
import { DecidedByLabel } from "@/components/console/decided-by-label";
import { PriorityAccountTag } from "@/components/console/priority-account-tag";
import { PendingReasonText } from "@/components/console/pending-reason";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import type { DataTableColumnDef } from "@/components/data-table/data-table";
import { rowActionsColumnClass } from "@/components/data-table/row-actions-column";
import { ActionStatusBadge } from "@/components/console/status-badges";
import type { ActionSource, ActionStatus, DecidedBy } from "@/generated/prisma/enums";
import type { TDecision } from "@/lib/decision-outcome";
import type { TPendingReason } from "@/server/actions/pending-reason";
import {
  ACTION_SOURCE_LABELS,
  actionCountsLabel,
  actionTypeLabel,
  reversalLabel,
  type TReversalNote,
} from "@/lib/labels";
import { formatNumber } from "@/lib/utils";
import type { TActionPreview } from "@/server/actions/preview-action";
import { ActionRowMenu } from "./action-row-menu";
import { ApproverSaw } from "./approver-saw";

export type TActionRow = {
  id: number;
  type: string;
  entity: string;
  source: ActionSource;
  status: ActionStatus;
  decidedBy: DecidedBy | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  comment: string | null;
  /** The blast-radius preview the approver saw when deciding (none on actions decided before it was recorded). */
  decisionPreview: TActionPreview | null;
  /** A canary run: what its sample did, and whether the rest ran or it stopped there. */
  canary: { summary: string; isStopped: boolean } | null;
  /** The first of two approvals a two-person rule asks for; the action waits for someone else's. */
  firstApprovedById: string | null;
  firstApprovedByName: string | null;
  firstApprovedAt: Date | null;
  createdAt: Date;
  successCount: number;
  /** Of successCount, the copies that were already where the action puts them. */
  alreadyCount: number;
  failedCount: number;
  investigationId: number | null;
  investigation: { name: string } | null;
  clusterId: number | null;
  cluster: { name: string; kind: string; messageCount: number } | null;
  /** The action this one undoes (a Move to Inbox / Move to Junk from History). */
  revertOfId: number | null;
  /** The actions that undid this one. */
  reverts: { id: number; type: string; status: ActionStatus }[];
  /** The reverts that moved this one's copies back, its own or an overlapping cluster's, and how many. */
  reversals: TReversalNote[];
  /** Pending only: why automation left it to a person, and when it expires undecided. */
  pendingReason?: TPendingReason | null;
  expiresAt?: Date | null;
  /** An identity action on a priority account, or an email action with a copy delivered to one. */
  involvesPriorityAccount?: boolean;
};

const ID_COLUMN: DataTableColumnDef<TActionRow> = {
  accessorKey: "id",
  header: "ID",
  enableSorting: false,
  cell: ({ row }) => <span className="tabular-nums">{row.original.id}</span>,
};

const TYPE_COLUMN: DataTableColumnDef<TActionRow> = {
  accessorKey: "type",
  header: ({ column }) => <DataTableColumnHeader column={column} title="Action type" />,
  meta: { label: "Action type", isPinned: true },
  cell: ({ row }) => <span className="font-medium">{actionTypeLabel(row.original.type)}</span>,
};

// A cluster's entity opens its flyout (`?cluster=`). The entity is what an approver decides on (the forwarding
// destination, the cluster), so it is never cut: its column is pinned and it wraps on a card.
function EntityText({ action }: { action: TActionRow }) {
  return (
    <span title={action.entity}>
      {action.involvesPriorityAccount ? <PriorityAccountTag /> : null}
      {action.clusterId ? <ClusterLink clusterId={action.clusterId}>{action.entity}</ClusterLink> : action.entity}
      {action.cluster ? (
        <span className="text-muted-foreground"> · {formatNumber(action.cluster.messageCount)} messages</span>
      ) : null}
    </span>
  );
}

/**
 * "Reverts #12" on a Move to Inbox / Junk from History; "Reverted by #14 (Move to Inbox)" on what it undid, or
 * "Partially reverted by #14 …: 2 of 5 messages", also when #14 undid an overlapping cluster's action.
 */
function RevertNote({ action }: { action: TActionRow }) {
  const notes = [
    ...(action.revertOfId ? [`Reverts #${action.revertOfId}`] : []),
    ...action.reversals.map(reversalLabel),
  ];
  if (!notes.length) return null;
  return (
    <span className="truncate text-xs text-muted-foreground" title={notes.join(" · ")}>
      {notes.join(" · ")}
    </span>
  );
}

// A canary run says on its row why it stopped after the sample (or that the sample passed and the rest ran).
function CanaryNote({ action }: { action: TActionRow }) {
  if (!action.canary) return null;
  return (
    <span
      className={action.canary.isStopped ? "text-xs text-destructive" : "text-xs text-muted-foreground"}
      data-testid="canary-note"
    >
      {action.canary.summary}
    </span>
  );
}

// A two-person rule's first approval: the row says who gave it, so the next approver knows it must be someone else.
function AwaitingSecondApproval({ action }: { action: TActionRow }) {
  if (!action.firstApprovedByName || !action.firstApprovedAt) return null;
  return (
    <span className="text-xs text-muted-foreground">
      <span className="font-medium text-foreground">Awaiting second approval</span> — approved by{" "}
      {action.firstApprovedByName}, <DateTime value={action.firstApprovedAt} />
    </span>
  );
}

// Pending actions are never reverts nor reverted yet: under the entity, a first approval if any, and why automation
// left it to a person (the wrapping entity column has the room at laptop width; a column of its own would push the
// time off screen).
const ENTITY_COLUMN: DataTableColumnDef<TActionRow> = {
  accessorKey: "entity",
  header: "Entity",
  enableSorting: false,
  meta: { isPinned: true, width: "wide", cellClassName: "whitespace-normal" },
  cell: ({ row }) => (
    <span className="flex flex-col py-0.5">
      <EntityText action={row.original} />
      <AwaitingSecondApproval action={row.original} />
      {row.original.pendingReason ? (
        <span className="text-xs text-muted-foreground">
          Why pending: <PendingReasonText reason={row.original.pendingReason} />
        </span>
      ) : null}
    </span>
  ),
};

// History has more to say per row (outcome, who, when, comment): the action and its entity share one column there.
const ACTION_COLUMN: DataTableColumnDef<TActionRow> = {
  accessorKey: "type",
  header: ({ column }) => <DataTableColumnHeader column={column} title="Action" />,
  meta: { label: "Action", isPinned: true, width: "wide" },
  cell: ({ row }) => (
    <span className="flex flex-col py-0.5">
      <span className="font-medium">{actionTypeLabel(row.original.type)}</span>
      <span className="text-xs text-muted-foreground">
        <EntityText action={row.original} />
      </span>
      <RevertNote action={row.original} />
      <CanaryNote action={row.original} />
    </span>
  ),
};

function investigationColumn(isHiddenByDefault = false): DataTableColumnDef<TActionRow> {
  return {
    id: "investigation",
    header: "Investigation",
    enableSorting: false,
    meta: { width: "fill", isHiddenByDefault },
    cell: ({ row }) => {
      const { investigationId, investigation } = row.original;
      if (!investigationId) return "—";
      return (
        <Link
          href={`/investigations/${investigationId}`}
          className="text-link hover:underline"
          title={investigation?.name}
        >
          {investigationId}
          {investigation ? ` · ${investigation.name}` : ""}
        </Link>
      );
    },
  };
}

// On History it says how a decision came about (an automated email action, a manual one), cut to leave the action its
// room; on Pending, where the entity needs all of it, it is a filter and a click away in Columns.
function sourceColumn(isHiddenByDefault: boolean): DataTableColumnDef<TActionRow> {
  return {
    accessorKey: "source",
    header: "Action source",
    enableSorting: false,
    meta: { width: "fill", isHiddenByDefault },
    cell: ({ row }) => (
      <span title={ACTION_SOURCE_LABELS[row.original.source]}>{ACTION_SOURCE_LABELS[row.original.source]}</span>
    ),
  };
}

// Every row on Pending is Pending, so the status column only earns its room on History. What an approved action did
// (how many messages moved, how many failed) reads under its status.
const STATUS_COLUMN: DataTableColumnDef<TActionRow> = {
  accessorKey: "status",
  header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
  meta: { label: "Status", isPinned: true },
  cell: ({ row }) => {
    const counts = actionCountsLabel(row.original);
    return (
      <span className="flex flex-col items-start gap-0.5 py-0.5 whitespace-normal">
        <ActionStatusBadge status={row.original.status} />
        {counts ? (
          <span className="text-xs text-muted-foreground tabular-nums">
            <span className="sr-only"> — </span>
            {counts}
          </span>
        ) : null}
      </span>
    );
  },
};

export const PENDING_COLUMNS: DataTableColumnDef<TActionRow>[] = [
  ID_COLUMN,
  TYPE_COLUMN,
  ENTITY_COLUMN,
  investigationColumn(),
  sourceColumn(true),
  {
    accessorKey: "expiresAt",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Expires" />,
    // "in 3 days" under the header Expires, the exact time in the tooltip; ascending is "expires soonest".
    meta: { label: "Expires" },
    cell: ({ row }) => <DateTime value={row.original.expiresAt} />,
  },
  {
    accessorKey: "createdAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Created time" />,
    meta: { label: "Created time", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
];

export const HISTORY_COLUMNS: DataTableColumnDef<TActionRow>[] = [
  ID_COLUMN,
  ACTION_COLUMN,
  investigationColumn(true),
  sourceColumn(false),
  STATUS_COLUMN,
  {
    id: "decidedBy",
    header: "Decided by",
    enableSorting: false,
    // A two-person decision names both approvers: who gave the first approval sits under who decided.
    cell: ({ row }) => (
      <span className="flex flex-col py-0.5">
        <DecidedByLabel decidedBy={row.original.decidedBy} name={row.original.decidedByName} />
        {row.original.firstApprovedByName && row.original.firstApprovedAt ? (
          <span className="text-xs text-muted-foreground">
            First approval: {row.original.firstApprovedByName}, <DateTime value={row.original.firstApprovedAt} />
          </span>
        ) : null}
      </span>
    ),
  },
  {
    accessorKey: "decidedAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Decision time" />,
    meta: { label: "Decision time", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.decidedAt} />,
  },
  {
    accessorKey: "comment",
    header: "Comment",
    enableSorting: false,
    // Wraps to two lines rather than pushing the table wider; the whole comment is in the tooltip.
    meta: { width: "fill", cellClassName: "whitespace-normal" },
    cell: ({ row }) => (
      <div className="space-y-0.5">
        <span className="line-clamp-2 whitespace-normal break-words" title={row.original.comment ?? undefined}>
          {row.original.comment ?? "—"}
        </span>
        {row.original.decisionPreview ? (
          <ApproverSaw action={row.original} preview={row.original.decisionPreview} />
        ) : null}
      </div>
    ),
  },
];

/** The row menu: Open cluster on both tabs, Approve / Reject on Pending and Retry on History for people who may decide. */
export function rowMenuColumn(
  onDecide?: (decision: TDecision, actions: TActionRow[]) => void,
  onRetry?: (action: TActionRow) => void,
  viewerId?: string | null,
): DataTableColumnDef<TActionRow> {
  return {
    id: "menu",
    header: () => <span className="sr-only">Actions</span>,
    enableSorting: false,
    meta: { isRowActions: true, className: rowActionsColumnClass("w-12"), cellClassName: "overflow-visible" },
    cell: ({ row }) => (
      <ActionRowMenu action={row.original} onDecide={onDecide} onRetry={onRetry} viewerId={viewerId} />
    ),
  };
}
