"use client";

import { Layers } from "lucide-react";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/faceted-filter";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { DateTime } from "@/components/console/date-time";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { VerdictBadge } from "@/components/console/status-badges";
import { PERIOD_LABELS, toOptions } from "@/lib/labels";
import { formatNumber } from "@/lib/utils";
import type { TCampaignListItem } from "@/server/campaigns/campaigns.queries";

export type TCampaignRow = TCampaignListItem;

const FILTER_PARAMS = ["q", "period", "from", "to"] as const;
const linkClass = "text-link hover:underline";

// The first of a list, and how many more: the whole list is in the cell's title.
function FirstOf({ values, count, noun }: { values: string[]; count: number; noun: string }) {
  if (!count) return <span className="text-muted-foreground">—</span>;
  return (
    <span
      className="block"
      title={values.join("\n") + (count > values.length ? `\n… ${count - values.length} more` : "")}
    >
      <span className="block truncate">{values[0]}</span>
      {count > 1 ? (
        <span className="text-xs text-muted-foreground">{`+${formatNumber(count - 1)} more ${noun}${count - 1 === 1 ? "" : "s"}`}</span>
      ) : null}
    </span>
  );
}

const columns: DataTableColumnDef<TCampaignRow>[] = [
  {
    id: "campaign",
    header: "Campaign",
    enableSorting: false,
    meta: { label: "Campaign", isPinned: true, width: "fill" },
    cell: ({ row }) => (
      <span className="block" title={row.original.subject}>
        <span className="block truncate font-medium">{row.original.subject || "(no subject)"}</span>
        <span className="text-xs text-muted-foreground">#{row.original.id}</span>
      </span>
    ),
  },
  {
    id: "verdict",
    header: "Verdict",
    enableSorting: false,
    meta: { label: "Verdict", isPinned: true },
    cell: ({ row }) => (
      <span
        className="flex flex-wrap items-center gap-1.5"
        title={
          row.original.assessedByName
            ? `Assessed by ${row.original.assessedByName}`
            : "The worst automatic verdict of its reports"
        }
      >
        <VerdictBadge verdict={row.original.verdict} />
        {row.original.threatType || row.original.assessedByName ? (
          <span className="text-xs whitespace-nowrap text-muted-foreground">
            {[row.original.threatType, row.original.assessedByName ? "Analyst" : ""].filter(Boolean).join(" · ")}
          </span>
        ) : null}
      </span>
    ),
  },
  {
    accessorKey: "reports",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Reports" />,
    meta: { label: "Reports", isPinned: true },
    // Recipients under the reports: both say how wide it went, and one column less keeps the dates on a laptop screen.
    cell: ({ row }) => (
      <span className="block whitespace-nowrap">
        <Link
          href={`/submissions?campaign=${row.original.id}`}
          className={linkClass}
          aria-label={`${row.original.reports} reports of campaign ${row.original.id}`}
        >
          {formatNumber(row.original.reports)}
        </Link>
        <span className="block text-xs text-muted-foreground">{`${formatNumber(row.original.recipients)} recipient${row.original.recipients === 1 ? "" : "s"}`}</span>
      </span>
    ),
  },
  {
    id: "senders",
    header: "Senders",
    enableSorting: false,
    meta: { label: "Senders", width: "fill" },
    cell: ({ row }) => <FirstOf values={row.original.senders} count={row.original.senderCount} noun="sender" />,
  },
  {
    id: "linkHosts",
    header: "Link hosts",
    enableSorting: false,
    meta: { label: "Link hosts", width: "fill" },
    cell: ({ row }) => <FirstOf values={row.original.linkHosts} count={row.original.linkHostCount} noun="host" />,
  },
  {
    accessorKey: "firstSeen",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="First seen" />,
    meta: { label: "First seen", isHiddenByDefault: true },
    cell: ({ row }) => <DateTime value={row.original.firstSeen} />,
  },
  {
    accessorKey: "lastSeen",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Last seen" />,
    meta: { label: "Last seen", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.lastSeen} />,
  },
  {
    id: "investigation",
    header: "Investigation",
    enableSorting: false,
    meta: { label: "Investigation", isPinned: true },
    cell: ({ row }) =>
      row.original.investigationId ? (
        <Link
          href={`/investigations/${row.original.investigationId}`}
          className={linkClass}
          aria-label={`Investigation ${row.original.investigationId}`}
        >
          #{row.original.investigationId}
        </Link>
      ) : (
        "—"
      ),
  },
];

export function CampaignsTable({
  data,
  sort,
}: {
  data: { items: TCampaignRow[]; total: number; page: number; pageSize: number };
  sort: string;
}) {
  return (
    <DataTable
      label="Campaigns"
      columns={columns}
      {...pageProps(data, sort)}
      getRowId={(row) => String(row.id)}
      emptyState={
        <ListEmptyState
          icon={Layers}
          noun="campaigns"
          emptyTitle="No campaigns yet"
          emptyDescription="When two or more reports share a sender, a Reply-To, a link host (not a shortener or a cloud-document site), a file or a body within the campaign window, they are listed here as one campaign."
          filterParams={FILTER_PARAMS}
        />
      }
      toolbar={
        <DataTableToolbar filterParams={FILTER_PARAMS}>
          <DataTableSearchInput placeholder="Search sender or subject" />
          <DataTableFacetedFilter param="period" title="Last seen" options={toOptions(PERIOD_LABELS)} isMulti={false} />
        </DataTableToolbar>
      }
    />
  );
}
