"use client";

import { PriorityAccountFilter, PriorityAccountTag } from "@/components/console/priority-account-tag";
import { Microscope } from "lucide-react";
import { DateTime } from "@/components/console/date-time";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/faceted-filter";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { InvestigationStatusBadge } from "@/components/console/status-badges";
import type { InvestigationStatus, Playbook } from "@/generated/prisma/enums";
import { INVESTIGATION_STATUS_LABELS, PERIOD_LABELS, PLAYBOOK_LABELS, toOptions } from "@/lib/labels";
import { formatDuration, formatNumber } from "@/lib/utils";

export type TInvestigationRow = {
  id: number;
  name: string;
  playbook: Playbook;
  status: InvestigationStatus;
  detectionSource: string;
  users: string[];
  /** Which of the users are priority accounts. */
  priorityAccounts: string[];
  createdAt: Date;
  updatedAt: Date;
  threatCount: number;
  actionCount: number;
  durationMs: number | null;
};

type TInvestigationsTableProps = {
  data: { items: TInvestigationRow[]; total: number; page: number; pageSize: number };
  sort: string;
};

const FILTER_PARAMS = ["status", "playbook", "priorityAccount", "user", "period", "from", "to"] as const;

const numberCell = (value: number) => <span className="tabular-nums">{formatNumber(value)}</span>;

const columns: DataTableColumnDef<TInvestigationRow>[] = [
  {
    accessorKey: "id",
    header: "ID",
    enableSorting: false,
    cell: ({ row }) => <span className="tabular-nums">{row.original.id}</span>,
  },
  {
    accessorKey: "status",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
    meta: { label: "Status", isPinned: true },
    cell: ({ row }) => <InvestigationStatusBadge status={row.original.status} />,
  },
  // Usually the alert policy's name; by default the investigation name (which says it too) gets the room.
  {
    accessorKey: "detectionSource",
    header: "Detection source",
    enableSorting: false,
    meta: { width: "fill", isHiddenByDefault: true },
  },
  { accessorKey: "name", header: "Investigation", enableSorting: false, meta: { width: "fill" } },
  {
    id: "users",
    header: "Users",
    enableSorting: false,
    meta: { isPinned: true },
    cell: ({ row }) => {
      // A priority account comes first, so its tag shows without opening the investigation.
      const { users, priorityAccounts } = row.original;
      const [first, ...rest] = [...priorityAccounts, ...users.filter((user) => !priorityAccounts.includes(user))];
      if (!first) return "—";
      return (
        <span title={users.join(", ")}>
          {priorityAccounts.length ? <PriorityAccountTag /> : null}
          {first}
          {rest.length ? <span className="text-muted-foreground"> +{rest.length}</span> : null}
        </span>
      );
    },
  },
  {
    accessorKey: "createdAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Creation time" />,
    meta: { label: "Creation time", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
  {
    accessorKey: "updatedAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Last changed time" />,
    // With Duration, a click away in Columns: at 1280 px the name and the users get the room.
    meta: { label: "Last changed time", isHiddenByDefault: true },
    cell: ({ row }) => <DateTime value={row.original.updatedAt} />,
  },
  {
    accessorKey: "threatCount",
    sortDescFirst: true,
    meta: { label: "Threat count", className: "text-right" },
    header: ({ column }) => <DataTableColumnHeader column={column} title="Threat count" />,
    cell: ({ row }) => numberCell(row.original.threatCount),
  },
  {
    accessorKey: "actionCount",
    sortDescFirst: true,
    meta: { label: "Action count", className: "text-right" },
    header: ({ column }) => <DataTableColumnHeader column={column} title="Action count" />,
    cell: ({ row }) => numberCell(row.original.actionCount),
  },
  {
    id: "duration",
    header: "Duration",
    enableSorting: false,
    meta: { isHiddenByDefault: true },
    cell: ({ row }) => formatDuration(row.original.durationMs),
  },
];

export function InvestigationsTable({ data, sort }: TInvestigationsTableProps) {
  return (
    <DataTable
      label="Investigations"
      columns={columns}
      {...pageProps(data, sort)}
      getRowId={(row) => String(row.id)}
      getRowHref={(row) => `/investigations/${row.id}`}
      emptyState={
        <ListEmptyState
          icon={Microscope}
          noun="investigations"
          emptyTitle="No investigations yet"
          emptyDescription="An investigation starts when an alert's playbook runs (a user-reported message, suspicious sending) or when someone triggers one from Threat Explorer."
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
          <DataTableFacetedFilter param="status" title="Status" options={toOptions(INVESTIGATION_STATUS_LABELS)} />
          <DataTableFacetedFilter param="playbook" title="Playbook" options={toOptions(PLAYBOOK_LABELS)} />
          <PriorityAccountFilter />
        </DataTableToolbar>
      }
    />
  );
}
