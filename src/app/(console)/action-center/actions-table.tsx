"use client";

import { ListChecks, X } from "lucide-react";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableFacetedFilter, type FacetOption } from "@/components/data-table/faceted-filter";
import { parseSort } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { ActionStatusBadge } from "@/components/console/status-badges";
import { Button } from "@/components/ui/button";
import type { ActionSource, ActionStatus, DecidedBy } from "@/generated/prisma/enums";
import { ACTION_SOURCE_LABELS, ACTION_STATUS_LABELS, PERIOD_LABELS, actionTypeLabel, toOptions } from "@/lib/labels";
import { formatDateTime, formatNumber } from "@/lib/utils";

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
  createdAt: Date;
  investigationId: number | null;
  investigation: { name: string } | null;
  cluster: { name: string; messageCount: number } | null;
};

type TActionsTableProps = {
  view: "pending" | "history";
  data: { items: TActionRow[]; total: number; page: number; pageSize: number };
  sort: string;
  types: string[];
};

const FILTER_PARAMS = ["decidedBy", "source", "type", "status", "investigation", "period", "from", "to"] as const;

const DECIDED_BY_OPTIONS: FacetOption[] = [
  { value: "automation", label: "Automation" },
  { value: "user", label: "A person" },
];

// Pending rows are all Pending; the status filter only narrows History.
const HISTORY_STATUS_OPTIONS = toOptions(ACTION_STATUS_LABELS).filter((option) => option.value !== "Pending");

const BASE_COLUMNS: DataTableColumnDef<TActionRow>[] = [
  { accessorKey: "id", header: "ID", enableSorting: false, cell: ({ row }) => <span className="tabular-nums">{row.original.id}</span> },
  {
    accessorKey: "type",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Action type" />,
    cell: ({ row }) => <span className="font-medium">{actionTypeLabel(row.original.type)}</span>,
  },
  {
    accessorKey: "entity",
    header: "Entity",
    enableSorting: false,
    meta: { cellClassName: "max-w-56" },
    cell: ({ row }) => (
      <span title={row.original.entity}>
        {row.original.entity}
        {row.original.cluster ? <span className="text-muted-foreground"> · {formatNumber(row.original.cluster.messageCount)} messages</span> : null}
      </span>
    ),
  },
  {
    id: "investigation",
    header: "Investigation",
    enableSorting: false,
    meta: { cellClassName: "max-w-40" },
    cell: ({ row }) => {
      const { investigationId, investigation } = row.original;
      if (!investigationId) return "—";
      return (
        <Link href={`/investigations/${investigationId}`} className="text-link hover:underline" title={investigation?.name}>
          {investigationId}
          {investigation ? ` · ${investigation.name}` : ""}
        </Link>
      );
    },
  },
  { accessorKey: "source", header: "Action source", enableSorting: false, cell: ({ row }) => ACTION_SOURCE_LABELS[row.original.source] },
];

// Every row on Pending is Pending, so the status column only earns its room on History.
const STATUS_COLUMN: DataTableColumnDef<TActionRow> = {
  accessorKey: "status",
  header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
  cell: ({ row }) => <ActionStatusBadge status={row.original.status} />,
};

const PENDING_COLUMNS: DataTableColumnDef<TActionRow>[] = [
  ...BASE_COLUMNS,
  {
    accessorKey: "createdAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Created time" />,
    cell: ({ row }) => formatDateTime(row.original.createdAt),
  },
];

const HISTORY_COLUMNS: DataTableColumnDef<TActionRow>[] = [
  ...BASE_COLUMNS,
  STATUS_COLUMN,
  {
    id: "decidedBy",
    header: "Decided by",
    enableSorting: false,
    cell: ({ row }) => (row.original.decidedBy === "User" ? (row.original.decidedByName ?? "A person") : "Automation"),
  },
  {
    accessorKey: "decidedAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Decision time" />,
    cell: ({ row }) => formatDateTime(row.original.decidedAt),
  },
  { accessorKey: "comment", header: "Comment", enableSorting: false, meta: { cellClassName: "max-w-72" }, cell: ({ row }) => row.original.comment ?? "—" },
];

/** Shows an investigation filter that arrived by link (from an investigation's Pending actions tab), removable. */
function InvestigationFilterChip() {
  const url = useTableUrl();
  const investigation = url.getParam("investigation");
  if (!investigation) return null;
  return (
    <Button variant="secondary" size="sm" onClick={() => url.setParams({ investigation: null })} aria-label={`Remove filter: investigation ${investigation}`}>
      Investigation {investigation}
      <X aria-hidden />
    </Button>
  );
}

export function ActionsTable({ view, data, sort, types }: TActionsTableProps) {
  const isPending = view === "pending";
  return (
    // A later change adds approve / reject here: `enableRowSelection` on Pending and `renderSelectionActions`.
    <DataTable
      label={isPending ? "Pending actions" : "Action history"}
      columns={isPending ? PENDING_COLUMNS : HISTORY_COLUMNS}
      rows={data.items}
      total={data.total}
      page={data.page}
      pageSize={data.pageSize}
      sort={parseSort(sort)}
      getRowId={(row) => String(row.id)}
      emptyState={
        <ListEmptyState
          icon={ListChecks}
          noun="actions"
          emptyTitle={isPending ? "No actions waiting for approval" : "No decided actions yet"}
          emptyDescription={
            isPending
              ? "Remediation that investigations recommend waits here for a Security Operator to approve or reject it."
              : "Approved, rejected, automatically remediated and expired actions appear here, with who decided and when."
          }
          filterParams={FILTER_PARAMS}
        />
      }
      toolbar={
        <DataTableToolbar filterParams={FILTER_PARAMS}>
          <InvestigationFilterChip />
          <DataTableFacetedFilter param="period" title="Time period" options={toOptions(PERIOD_LABELS)} isMulti={false} />
          <DataTableFacetedFilter param="source" title="Action source" options={toOptions(ACTION_SOURCE_LABELS)} />
          <DataTableFacetedFilter param="type" title="Action type" options={types.map((type) => ({ value: type, label: actionTypeLabel(type) }))} />
          {isPending ? null : (
            <>
              <DataTableFacetedFilter param="status" title="Status" options={HISTORY_STATUS_OPTIONS} />
              <DataTableFacetedFilter param="decidedBy" title="Decided by" options={DECIDED_BY_OPTIONS} isMulti={false} />
            </>
          )}
        </DataTableToolbar>
      }
    />
  );
}
