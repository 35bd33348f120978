"use client";

import { UserCheck, UserX } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { rowActionsColumnClass } from "@/components/data-table/row-actions-column";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { DateTime } from "@/components/console/date-time";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { OutcomeNotice } from "@/components/console/outcome-notice";
import { useRowDialog } from "@/components/console/use-row-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ReleaseDialog, type TReleaseTarget } from "./release-dialog";

export type TRestrictedUserRow = {
  id: number;
  address: string;
  reason: string;
  restrictedAt: Date;
  releasedAt: Date | null;
  releasedByName: string | null;
  releaseReason: string | null;
  alert: { id: number; title: string } | null;
};

type TState = "restricted" | "released" | "all";

type TRestrictedUsersTableProps = {
  state: TState;
  data: { items: TRestrictedUserRow[]; total: number; page: number; pageSize: number };
  sort: string;
  /** Security Operator and up: a Release button on each restricted row. */
  canRelease: boolean;
};

const FILTER_PARAMS = ["user"] as const;

const EMPTY: Record<TState, { title: string; description: string }> = {
  restricted: {
    title: "No users are restricted from sending",
    description:
      "A user who passes the outbound sending limits, or whose account looks compromised, is blocked from sending email and listed here until someone releases them.",
  },
  released: {
    title: "No users have been released",
    description: "Users released from a sending restriction are listed here, with who released them and when.",
  },
  all: {
    title: "No user has been restricted yet",
    description: "Users blocked from sending email, now or in the past, are listed here.",
  },
};

// Pinned: the user, since when, and whether they are still restricted (with who released them and when).
const columns: DataTableColumnDef<TRestrictedUserRow>[] = [
  {
    accessorKey: "address",
    header: ({ column }) => <DataTableColumnHeader column={column} title="User" />,
    meta: { label: "User", isPinned: true },
    cell: ({ row }) => <span className="font-medium">{row.original.address}</span>,
  },
  { accessorKey: "reason", header: "Reason", enableSorting: false, meta: { width: "fill" } },
  {
    accessorKey: "restrictedAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Restricted since" />,
    meta: { label: "Restricted since", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.restrictedAt} />,
  },
  {
    id: "alert",
    header: "Alert",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.alert ? (
        <Link
          href={`/alerts/${row.original.alert.id}`}
          className="text-link hover:underline"
          title={row.original.alert.title}
        >
          Alert {row.original.alert.id}
        </Link>
      ) : (
        "—"
      ),
  },
  {
    // Sorting by status means sorting by release time: still-restricted users (no release) come last.
    accessorKey: "releasedAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Status" />,
    meta: { label: "Status", isPinned: true },
    cell: ({ row }) => {
      const { releasedAt, releasedByName, releaseReason } = row.original;
      if (!releasedAt) return <Badge variant="high">Restricted</Badge>;
      const by = releasedByName ? ` by ${releasedByName}` : "";
      return (
        <span className="flex flex-col items-start gap-0.5 py-0.5 whitespace-normal" title={releaseReason ?? undefined}>
          <Badge variant="success">Released</Badge>
          <span className="text-xs text-muted-foreground">
            <DateTime value={releasedAt} />
            {by}
          </span>
        </span>
      );
    },
  },
];

function releaseColumn(onRelease: (target: TReleaseTarget) => void): DataTableColumnDef<TRestrictedUserRow> {
  return {
    id: "release",
    header: () => <span className="sr-only">Release</span>,
    enableSorting: false,
    meta: { isRowActions: true, className: rowActionsColumnClass("w-24") },
    cell: ({ row }) =>
      row.original.releasedAt ? null : (
        <Button
          variant="outline"
          size="sm"
          onClick={() => onRelease({ id: row.original.id, address: row.original.address })}
          aria-label={`Release ${row.original.address}`}
        >
          <UserCheck aria-hidden />
          Release
        </Button>
      ),
  };
}

export function RestrictedUsersTable({ state, data, sort, canRelease }: TRestrictedUsersTableProps) {
  const dialog = useRowDialog<TReleaseTarget>();
  // Nothing to release on the Released tab; on the others only rows still restricted get a button.
  const hasReleaseColumn = canRelease && state !== "released";
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dialog's open function is the same on every render (useRowDialog)
  const tableColumns = useMemo(
    () => (hasReleaseColumn ? [...columns, releaseColumn(dialog.open)] : columns),
    [hasReleaseColumn],
  );

  return (
    <div className="space-y-3">
      {dialog.outcome ? <OutcomeNotice outcome={dialog.outcome} onDismiss={dialog.dismissOutcome} /> : null}
      <ReleaseDialog target={dialog.target} onClose={dialog.close} onReleased={dialog.done} />
      <DataTable
        label="Restricted users"
        columns={tableColumns}
        {...pageProps(data, sort)}
        getRowId={(row) => String(row.id)}
        emptyState={
          <ListEmptyState
            icon={UserX}
            noun="users"
            emptyTitle={EMPTY[state].title}
            emptyDescription={EMPTY[state].description}
            filterParams={FILTER_PARAMS}
          />
        }
        toolbar={
          <DataTableToolbar filterParams={FILTER_PARAMS}>
            <DataTableSearchInput param="user" placeholder="Search user" />
          </DataTableToolbar>
        }
      />
    </div>
  );
}
