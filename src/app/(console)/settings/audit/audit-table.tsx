"use client";

import { ScrollText } from "lucide-react";
import { DateTime } from "@/components/console/date-time";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { EmptyState } from "@/components/ui/empty-state";
import { auditChanges, changeText } from "@/lib/audit-change";
import { humanize } from "@/lib/labels";

type TAuditRow = {
  id: string;
  at: Date;
  actorType: string;
  actorName: string;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/** "user.create" → "User create", "restrictedUser.release" → "Restricted user release". */
const actionText = (action: string) => humanize(action.replace(/\./g, " "));

// Automation and the system act too; a person is named, with their address in the tooltip.
function Actor({ row }: { row: TAuditRow }) {
  const kind = row.actorType === "user" ? null : row.actorType === "token" ? "API token" : null;
  return (
    <span title={row.actorEmail ?? undefined}>
      {row.actorName}
      {kind ? <span className="text-muted-foreground"> · {kind}</span> : null}
    </span>
  );
}

function Change({ row }: { row: TAuditRow }) {
  const lines = auditChanges(row.before, row.after).map(changeText);
  if (!lines.length) return <span className="text-muted-foreground">—</span>;
  return <span title={lines.join("\n")}>{lines.join(" · ")}</span>;
}

// Pinned: when, who, what they did and to what. The change fills the rest, cut to one line with every field in the tooltip.
const columns: DataTableColumnDef<TAuditRow>[] = [
  {
    accessorKey: "at",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Time" />,
    meta: { label: "Time", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.at} />,
  },
  {
    accessorKey: "actorName",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Who" />,
    meta: { label: "Who", isPinned: true },
    cell: ({ row }) => <Actor row={row.original} />,
  },
  {
    accessorKey: "action",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Action" />,
    meta: { label: "Action", isPinned: true },
    cell: ({ row }) => <span title={row.original.action}>{actionText(row.original.action)}</span>,
  },
  {
    id: "target",
    header: "Target",
    enableSorting: false,
    meta: { isPinned: true },
    cell: ({ row }) => {
      const { targetType, targetId, targetName } = row.original;
      return `${humanize(targetType)}${targetName ? ` ${targetName}` : targetId ? ` #${targetId}` : ""}`;
    },
  },
  {
    id: "change",
    header: "Change",
    enableSorting: false,
    meta: { width: "fill" },
    cell: ({ row }) => <Change row={row.original} />,
  },
  {
    accessorKey: "ip",
    header: "IP address",
    enableSorting: false,
    meta: { isHiddenByDefault: true },
    cell: ({ row }) => row.original.ip ?? "—",
  },
];

export function AuditTable({
  data,
  sort,
}: {
  data: { items: TAuditRow[]; total: number; page: number; pageSize: number };
  sort: string;
}) {
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
