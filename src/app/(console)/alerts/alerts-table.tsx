"use client";

import { Bell, ClipboardCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TAssigneeOption } from "@/components/alerts/triage-fields";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableFacetedFilter, type FacetOption } from "@/components/data-table/faceted-filter";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { DateTime } from "@/components/console/date-time";
import { PriorityAccountFilter, UserAddress } from "@/components/console/priority-account-tag";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { OutcomeNotice, type TOutcome } from "@/components/console/outcome-notice";
import { Button } from "@/components/ui/button";
import { AlertStatusBadge, SeverityBadge } from "@/components/console/status-badges";
import type { AlertClassification, AlertDetermination, AlertStatus, Severity } from "@/generated/prisma/enums";
import { CLASSIFICATION_LABELS, classificationText } from "@/lib/alert-triage";
import { ALERT_STATUS_LABELS, PERIOD_LABELS, SEVERITY_LABELS, toOptions } from "@/lib/labels";
import { formatNumber } from "@/lib/utils";
import { BulkTriageDialog } from "./bulk-triage-dialog";

export type TAlertRow = {
  id: number;
  title: string;
  severity: Severity;
  status: AlertStatus;
  policyName: string;
  userAddress: string | null;
  isPriorityAccount: boolean;
  eventCount: number;
  firstActivity: Date;
  lastActivity: Date;
  createdAt: Date;
  assignee: { id: string; name: string } | null;
  classification: AlertClassification | null;
  determination: AlertDetermination | null;
};

type TAlertsTableProps = {
  data: { items: TAlertRow[]; total: number; page: number; pageSize: number };
  sort: string;
  policyOptions: FacetOption[];
  assignees: TAssigneeOption[];
  me: TAssigneeOption | null;
  /** Security Operator and up: row selection and bulk triage. */
  canManage: boolean;
};

const FILTER_PARAMS = [
  "period",
  "policy",
  "severity",
  "status",
  "assignee",
  "classification",
  "priorityAccount",
  "user",
  "from",
  "to",
] as const;

const CLASSIFICATION_OPTIONS: FacetOption[] = [
  ...toOptions(CLASSIFICATION_LABELS),
  { value: "Unclassified", label: "Not classified" },
];

// Pinned: what identifies an alert and decides about it (severity, status, the user, when it was raised). The policy,
// the first activity and the activity count are a click away in Columns: the title usually repeats the policy's name.
const columns: DataTableColumnDef<TAlertRow>[] = [
  { accessorKey: "title", header: "Alert name", enableSorting: false, meta: { width: "fill" } },
  {
    accessorKey: "severity",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Severity" />,
    meta: { label: "Severity", isPinned: true },
    cell: ({ row }) => <SeverityBadge severity={row.original.severity} />,
  },
  {
    accessorKey: "status",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
    meta: { label: "Status", isPinned: true },
    cell: ({ row }) => <AlertStatusBadge status={row.original.status} />,
  },
  {
    accessorKey: "assignee",
    header: "Assigned to",
    enableSorting: false,
    meta: { label: "Assigned to" },
    cell: ({ row }) => row.original.assignee?.name ?? <span className="text-muted-foreground">Unassigned</span>,
  },
  {
    accessorKey: "classification",
    header: "Classification",
    enableSorting: false,
    meta: { label: "Classification", isHiddenByDefault: true },
    cell: ({ row }) => classificationText(row.original.classification, row.original.determination) ?? "—",
  },
  {
    accessorKey: "policyName",
    header: "Policy",
    enableSorting: false,
    meta: { width: "fill", isHiddenByDefault: true },
  },
  {
    accessorKey: "userAddress",
    header: "User",
    enableSorting: false,
    meta: { isPinned: true },
    cell: ({ row }) =>
      row.original.userAddress ? (
        <UserAddress address={row.original.userAddress} isPriority={row.original.isPriorityAccount} />
      ) : (
        "—"
      ),
  },
  {
    accessorKey: "eventCount",
    header: "Activity count",
    enableSorting: false,
    meta: { className: "text-right", isHiddenByDefault: true },
    cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.eventCount)}</span>,
  },
  {
    accessorKey: "firstActivity",
    header: "First activity",
    enableSorting: false,
    meta: { isHiddenByDefault: true },
    cell: ({ row }) => <DateTime value={row.original.firstActivity} />,
  },
  {
    accessorKey: "lastActivity",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Last activity" />,
    // The alert's name (what it is) needs the room more at laptop width; the last activity is on the alert's page.
    meta: { label: "Last activity", isHiddenByDefault: true },
    cell: ({ row }) => <DateTime value={row.original.lastActivity} />,
  },
  {
    // When the alert was raised: the list's default order, so it gets a column to show that order on.
    accessorKey: "createdAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
    meta: { label: "Created", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
];

export function AlertsTable({ data, sort, policyOptions, assignees, me, canManage }: TAlertsTableProps) {
  const router = useRouter();
  const [triageIds, setTriageIds] = useState<number[] | null>(null);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const assigneeOptions: FacetOption[] = [
    ...(me ? [{ value: "me", label: "Me" }] : []),
    { value: "unassigned", label: "Unassigned" },
    ...assignees.filter((user) => user.id !== me?.id).map((user) => ({ value: user.id, label: user.name })),
  ];

  return (
    <div className="space-y-3">
      {outcome ? <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      <BulkTriageDialog
        ids={triageIds}
        assignees={assignees}
        me={me}
        onClose={() => setTriageIds(null)}
        onDone={(next) => {
          setTriageIds(null);
          setOutcome(next);
          router.refresh();
        }}
      />
      <DataTable
        label="Alerts"
        columns={columns}
        enableRowSelection={canManage}
        renderSelectionActions={
          canManage
            ? (rows) => (
                <Button size="sm" onClick={() => setTriageIds(rows.map((row) => row.id))}>
                  <ClipboardCheck aria-hidden />
                  Manage alerts
                </Button>
              )
            : undefined
        }
        {...pageProps(data, sort)}
        getRowId={(row) => String(row.id)}
        getRowHref={(row) => `/alerts/${row.id}`}
        emptyState={
          <ListEmptyState
            icon={Bell}
            noun="alerts"
            emptyTitle="No alerts yet"
            emptyDescription="Alerts appear here when a detection fires: suspicious sending patterns, a sending limit exceeded, a user restricted from sending, a message reported by a user, or an investigation triggered by hand."
            filterParams={FILTER_PARAMS}
          />
        }
        toolbar={
          <DataTableToolbar filterParams={FILTER_PARAMS}>
            <DataTableSearchInput param="user" placeholder="Search user" />
            <DataTableFacetedFilter
              param="period"
              title="Time period"
              options={toOptions(PERIOD_LABELS)}
              isMulti={false}
            />
            <DataTableFacetedFilter param="policy" title="Policy" options={policyOptions} />
            <DataTableFacetedFilter param="severity" title="Severity" options={toOptions(SEVERITY_LABELS)} />
            <DataTableFacetedFilter param="status" title="Status" options={toOptions(ALERT_STATUS_LABELS)} />
            <DataTableFacetedFilter param="assignee" title="Assigned to" options={assigneeOptions} />
            <DataTableFacetedFilter param="classification" title="Classification" options={CLASSIFICATION_OPTIONS} />
            <PriorityAccountFilter />
          </DataTableToolbar>
        }
      />
    </div>
  );
}
