"use client";

import { ShieldAlert } from "lucide-react";
import { useMemo } from "react";
import { DateTime } from "@/components/console/date-time";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { OutcomeNotice } from "@/components/console/outcome-notice";
import { useRowDialog } from "@/components/console/use-row-dialog";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/faceted-filter";
import { removeColumn } from "@/components/data-table/remove-column";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { Badge } from "@/components/ui/badge";
import { threatTone } from "@/lib/email-threats";
import { INDICATOR_KIND_LABELS, INDICATOR_KINDS, THREAT_TYPES, type TIndicatorKind } from "@/lib/threat-indicators";
import { DeleteIndicatorDialog, type TDeleteTarget } from "./delete-indicator-dialog";

type TIndicatorRow = {
  id: string;
  kind: string;
  value: string;
  threatType: string;
  source: string;
  description: string | null;
  createdAt: Date;
};

const FILTER_PARAMS = ["kind", "threatType", "q"] as const;
const KIND_OPTIONS = INDICATOR_KINDS.map((kind) => ({ value: kind, label: INDICATOR_KIND_LABELS[kind] }));
const THREAT_OPTIONS = THREAT_TYPES.map((type) => ({ value: type, label: type }));

const kindLabel = (kind: string) => INDICATOR_KIND_LABELS[kind as TIndicatorKind] ?? kind;

const columns: DataTableColumnDef<TIndicatorRow>[] = [
  {
    accessorKey: "kind",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Type" />,
    meta: { label: "Type", isPinned: true },
    cell: ({ row }) => kindLabel(row.original.kind),
  },
  {
    accessorKey: "value",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Value" />,
    meta: { label: "Value", isPinned: true, width: "wide" },
    cell: ({ row }) => (
      <span className="font-mono text-xs" title={row.original.value}>
        {row.original.value}
      </span>
    ),
  },
  {
    accessorKey: "threatType",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Threat" />,
    meta: { label: "Threat", isPinned: true },
    cell: ({ row }) => (
      <Badge variant={threatTone(row.original.threatType)} hasDot>
        {row.original.threatType}
      </Badge>
    ),
  },
  {
    accessorKey: "description",
    header: "Description",
    enableSorting: false,
    meta: { width: "fill" },
    cell: ({ row }) => row.original.description ?? "—",
  },
  {
    accessorKey: "source",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Source" />,
    meta: { label: "Source" },
  },
  {
    accessorKey: "createdAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Added" />,
    meta: { label: "Added", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
];

type TIndicatorsTableProps = {
  data: { items: TIndicatorRow[]; total: number; page: number; pageSize: number };
  sort: string;
  /** Security Administrator: a Delete button on each row. */
  canDelete: boolean;
};

export function IndicatorsTable({ data, sort, canDelete }: TIndicatorsTableProps) {
  const dialog = useRowDialog<TDeleteTarget>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dialog's open function is the same on every render (useRowDialog)
  const tableColumns = useMemo(() => {
    if (!canDelete) return columns;
    const remove = removeColumn<TIndicatorRow>({
      verb: "Delete",
      describe: (row) => row.value,
      onRemove: (row) => dialog.open({ id: row.id, kind: row.kind as TIndicatorKind, value: row.value }),
    });
    return [...columns, remove];
  }, [canDelete]);

  return (
    <div className="space-y-3">
      {dialog.outcome ? <OutcomeNotice outcome={dialog.outcome} onDismiss={dialog.dismissOutcome} /> : null}
      <DeleteIndicatorDialog target={dialog.target} onClose={dialog.close} onDeleted={dialog.done} />
      <DataTable
        label="Threat indicators"
        columns={tableColumns}
        {...pageProps(data, sort)}
        getRowId={(row) => row.id}
        emptyState={
          <ListEmptyState
            icon={ShieldAlert}
            noun="indicators"
            emptyTitle="No threat indicators yet"
            emptyDescription="Import a CSV from a threat feed or your own findings; blocks made from the Action center are listed here too."
            filterParams={FILTER_PARAMS}
          />
        }
        toolbar={
          <DataTableToolbar filterParams={FILTER_PARAMS}>
            <DataTableSearchInput param="q" placeholder="Search value, description, source" />
            <DataTableFacetedFilter param="kind" title="Type" options={KIND_OPTIONS} />
            <DataTableFacetedFilter param="threatType" title="Threat" options={THREAT_OPTIONS} />
          </DataTableToolbar>
        }
      />
    </div>
  );
}
