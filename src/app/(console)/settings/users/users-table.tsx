"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DateTime } from "@/components/console/date-time";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/faceted-filter";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { callApi } from "@/lib/api-client";
import { ROLE_LABELS, ROLES, type TRole } from "@/lib/roles";

type TUserRow = {
  id: string;
  email: string;
  name: string;
  role: TRole;
  isDisabled: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
};

type TUsersTableProps = {
  data: { items: TUserRow[]; total: number; page: number; pageSize: number };
  sort: string;
  currentUserId: string;
};

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function UsersTable({ data, sort, currentUserId }: TUsersTableProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function update(id: string, change: Partial<Pick<TUserRow, "role" | "isDisabled">>) {
    setError(null);
    try {
      await callApi("PATCH /api/v1/users/{id}", { params: { id }, body: change });
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The change failed");
    }
  }

  const columns: DataTableColumnDef<TUserRow>[] = [
    {
      accessorKey: "name",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Name" />,
      meta: { label: "Name", isPinned: true },
    },
    {
      accessorKey: "email",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Email" />,
      meta: { label: "Email", isPinned: true },
    },
    {
      accessorKey: "role",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Role" />,
      meta: { label: "Role", isPinned: true },
      cell: ({ row }) => ROLE_LABELS[row.original.role],
    },
    {
      id: "status",
      header: "Status",
      enableSorting: false,
      cell: ({ row }) =>
        row.original.isDisabled ? <Badge variant="outline">Disabled</Badge> : <Badge variant="success">Active</Badge>,
    },
    {
      accessorKey: "lastSignInAt",
      sortDescFirst: true,
      header: ({ column }) => <DataTableColumnHeader column={column} title="Last sign-in" />,
      meta: { label: "Last sign-in", isPinned: true },
      cell: ({ row }) => (row.original.lastSignInAt ? <DateTime value={row.original.lastSignInAt} /> : "Never"),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      meta: { isRowActions: true },
      cell: ({ row }) => {
        const user = row.original;
        const isSelf = user.id === currentUserId;
        return (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="sm" aria-label={`Actions for ${user.email}`}>
                Manage
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel>Change role</DropdownMenuLabel>
              {ROLES.filter((role) => role !== user.role).map((role) => (
                <DropdownMenuItem key={role} disabled={isSelf} onSelect={() => update(user.id, { role })}>
                  Make {ROLE_LABELS[role]}
                </DropdownMenuItem>
              ))}
              <DropdownMenuSeparator />
              <DropdownMenuItem
                disabled={isSelf}
                variant={user.isDisabled ? "default" : "destructive"}
                onSelect={() => update(user.id, { isDisabled: !user.isDisabled })}
              >
                {user.isDisabled ? "Enable sign-in" : "Disable sign-in"}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        );
      },
    },
  ];

  return (
    <div className="space-y-3">
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          {error}
        </p>
      ) : null}
      <DataTable
        label="Users"
        columns={columns}
        {...pageProps(data, sort)}
        getRowId={(row) => row.id}
        toolbar={
          <DataTableToolbar filterParams={["q", "role"]}>
            <DataTableSearchInput placeholder="Search name or email" />
            <DataTableFacetedFilter param="role" title="Role" options={ROLE_OPTIONS} isMulti={false} />
          </DataTableToolbar>
        }
      />
    </div>
  );
}
