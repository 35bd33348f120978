"use client";

import { Inbox } from "lucide-react";

import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTableFacetedFilter } from "@/components/data-table/faceted-filter";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import type { SortState } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatDuration, formatNumber } from "@/lib/utils";
import type { PreviewRow } from "./fake-rows";

const columns: DataTableColumnDef<PreviewRow>[] = [
  { accessorKey: "title", header: ({ column }) => <DataTableColumnHeader column={column} title="Alert name" /> },
  {
    accessorKey: "severity",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Severity" />,
    cell: ({ row }) => (
      <Badge variant={row.original.severity} hasDot className="capitalize">
        {row.original.severity}
      </Badge>
    ),
  },
  { accessorKey: "status", header: "Status", enableSorting: false },
  { accessorKey: "user", header: ({ column }) => <DataTableColumnHeader column={column} title="User" /> },
  {
    accessorKey: "createdAt",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Creation time" />,
    cell: ({ row }) => formatDateTime(row.original.createdAt),
  },
  {
    accessorKey: "durationMs",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Duration" />,
    cell: ({ row }) => formatDuration(row.original.durationMs),
    meta: { className: "text-right" },
  },
  {
    accessorKey: "messages",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Messages" />,
    cell: ({ row }) => formatNumber(row.original.messages),
    meta: { className: "text-right tabular-nums" },
  },
];

type PreviewTableProps = { rows: PreviewRow[]; total: number; page: number; pageSize: number; sort: SortState | null };

export function PreviewTable({ rows, total, page, pageSize, sort }: PreviewTableProps) {
  return (
    <DataTable
      label="Alerts"
      columns={columns}
      rows={rows}
      total={total}
      page={page}
      pageSize={pageSize}
      sort={sort}
      getRowId={(row) => row.id}
      getRowHref={(row) => `/alerts/${row.id}`}
      enableRowSelection
      renderSelectionActions={(selected, clear) => (
        <>
          <Button size="sm" onClick={clear}>
            Approve {selected.length}
          </Button>
          <Button size="sm" variant="outline" onClick={clear}>
            Reject
          </Button>
        </>
      )}
      toolbar={
        <DataTableToolbar filterParams={["q", "severity", "status"]}>
          <DataTableSearchInput placeholder="Search alerts" />
          <DataTableFacetedFilter
            param="severity"
            title="Severity"
            options={[
              { value: "high", label: "High" },
              { value: "medium", label: "Medium" },
              { value: "low", label: "Low" },
              { value: "informational", label: "Informational" },
            ]}
          />
          <DataTableFacetedFilter
            param="status"
            title="Status"
            isMulti={false}
            options={[
              { value: "New", label: "New" },
              { value: "In progress", label: "In progress" },
              { value: "Resolved", label: "Resolved" },
            ]}
          />
        </DataTableToolbar>
      }
      emptyState={<EmptyState icon={Inbox} title="No alerts" description="No alerts match these filters." />}
    />
  );
}
