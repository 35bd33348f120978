"use client";

import { ScrollText } from "lucide-react";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/utils";

type TAuditRow = { id: string; at: Date; actorType: string; actorName: string; action: string; targetType: string; targetId: string | null; before: unknown; after: unknown; ip: string | null };

const columns: DataTableColumnDef<TAuditRow>[] = [
  { accessorKey: "at", sortDescFirst: true, header: ({ column }) => <DataTableColumnHeader column={column} title="Time" />, cell: ({ row }) => formatDateTime(row.original.at) },
  { accessorKey: "actorName", header: ({ column }) => <DataTableColumnHeader column={column} title="Who" />, cell: ({ row }) => `${row.original.actorName} (${row.original.actorType})` },
  { accessorKey: "action", header: ({ column }) => <DataTableColumnHeader column={column} title="Action" />, cell: ({ row }) => <code className="text-xs">{row.original.action}</code> },
  { id: "target", header: "Target", enableSorting: false, cell: ({ row }) => `${row.original.targetType}${row.original.targetId ? ` ${row.original.targetId}` : ""}` },
  {
    id: "change",
    header: "Change",
    enableSorting: false,
    meta: { cellClassName: "max-w-[28rem]" },
    cell: ({ row }) => <code className="text-xs text-muted-foreground">{JSON.stringify(row.original.after ?? row.original.before ?? null)}</code>,
  },
];

export function AuditTable({ data, sort }: { data: { items: TAuditRow[]; total: number; page: number; pageSize: number }; sort: string }) {
  return (
    <DataTable
      label="Audit log"
      columns={columns}
      {...pageProps(data, sort)}
      getRowId={(row) => row.id}
      emptyState={<EmptyState icon={ScrollText} title="No entries match" description="Change or reset the filters." />}
      toolbar={
        <DataTableToolbar filterParams={["actor", "action"]}>
          <DataTableSearchInput param="actor" placeholder="Who" />
          <DataTableSearchInput param="action" placeholder="Action, e.g. user." />
        </DataTableToolbar>
      }
    />
  );
}
