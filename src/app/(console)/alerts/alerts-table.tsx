"use client";

import { Bell } from "lucide-react";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableFacetedFilter, type FacetOption } from "@/components/data-table/faceted-filter";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { DateTime } from "@/components/console/date-time";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { AlertStatusBadge, SeverityBadge } from "@/components/console/status-badges";
import type { AlertStatus, Severity } from "@/generated/prisma/enums";
import { ALERT_STATUS_LABELS, PERIOD_LABELS, SEVERITY_LABELS, toOptions } from "@/lib/labels";
import { formatNumber } from "@/lib/utils";

export type TAlertRow = {
  id: number;
  title: string;
  severity: Severity;
  status: AlertStatus;
  policyName: string;
  userAddress: string | null;
  eventCount: number;
  firstActivity: Date;
  lastActivity: Date;
  createdAt: Date;
};

type TAlertsTableProps = { data: { items: TAlertRow[]; total: number; page: number; pageSize: number }; sort: string; policyOptions: FacetOption[] };

const FILTER_PARAMS = ["period", "policy", "severity", "status", "user", "from", "to"] as const;

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
  { accessorKey: "policyName", header: "Policy", enableSorting: false, meta: { width: "fill", isHiddenByDefault: true } },
  { accessorKey: "userAddress", header: "User", enableSorting: false, meta: { isPinned: true }, cell: ({ row }) => row.original.userAddress ?? "—" },
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
    meta: { label: "Last activity" },
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

export function AlertsTable({ data, sort, policyOptions }: TAlertsTableProps) {
  return (
    <DataTable
      label="Alerts"
      columns={columns}
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
          <DataTableFacetedFilter param="period" title="Time period" options={toOptions(PERIOD_LABELS)} isMulti={false} />
          <DataTableFacetedFilter param="policy" title="Policy" options={policyOptions} />
          <DataTableFacetedFilter param="severity" title="Severity" options={toOptions(SEVERITY_LABELS)} />
          <DataTableFacetedFilter param="status" title="Status" options={toOptions(ALERT_STATUS_LABELS)} />
        </DataTableToolbar>
      }
    />
  );
}
