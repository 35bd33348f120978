"use client";

import { MailSearch } from "lucide-react";
import { useState, type ReactNode } from "react";
import { DateTime } from "@/components/console/date-time";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { pageProps } from "@/components/data-table/table-params";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatNumber } from "@/lib/utils";
import { ExplorerActions, ExplorerOutcome, type TExplorerOutcome } from "./explorer-actions";
import { ThreatBadges } from "./threat-badges";
import { EXPLORER_FILTER_PARAMS, ExplorerFilters, type TExplorerFacets, type TExplorerRange } from "./explorer-filters";

export type TEmailRow = {
  id: string;
  timestamp: Date;
  networkMessageId: string;
  senderFromAddress: string;
  recipientEmailAddress: string;
  subject: string;
  threatTypes: string[];
  detectionMethods: string;
  bulkComplaintLevel: number | null;
  deliveryAction: string;
  latestDeliveryLocation: string;
  additionalActions: string[];
  emailDirection: string;
};

type TEmailTableProps = {
  data: { items: TEmailRow[]; total: number; isTotalCapped: boolean; page: number; pageSize: number };
  sort: string;
  range: TExplorerRange;
  /** "the last 7 days", or the dates of a custom window: named in the empty state. */
  windowPhrase: string;
  facets: TExplorerFacets;
  /** The volume chart, rendered on the server and shown between the filters and the table. */
  chart: ReactNode;
  /** Security Operator and up: rows can be ticked, and Actions act on them or on the whole search. */
  canAct: boolean;
  /** The search's filters, for acting on every message it matches. */
  searchFilters: Record<string, unknown>;
};

// Pinned: when, whose copy (the recipient, what an action acts on), and the verdict and where the copy went. Sender and
// subject share what is left, cut with the whole text in the tooltip; the rest are a click away in Columns.
const columns: DataTableColumnDef<TEmailRow>[] = [
  {
    accessorKey: "timestamp",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Date" />,
    meta: { label: "Date", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.timestamp} />,
  },
  {
    accessorKey: "subject",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Subject" />,
    meta: { label: "Subject", width: "fill" },
  },
  {
    accessorKey: "recipientEmailAddress",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Recipient" />,
    meta: { label: "Recipient", isPinned: true, width: "wide" },
  },
  {
    accessorKey: "senderFromAddress",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Sender" />,
    meta: { label: "Sender", width: "fill" },
  },
  {
    id: "threats",
    header: "Threats",
    enableSorting: false,
    meta: { isPinned: true },
    cell: ({ row }) => <ThreatBadges threats={row.original.threatTypes} />,
  },
  {
    id: "detectionMethods",
    header: "Detection technologies",
    enableSorting: false,
    meta: { width: "fill", isHiddenByDefault: true },
    cell: ({ row }) => {
      const methods = detectionTechnologies(row.original.detectionMethods);
      return methods ? <span title={methods}>{methods}</span> : <span className="text-muted-foreground">—</span>;
    },
  },
  {
    id: "bcl",
    header: "BCL",
    enableSorting: false,
    meta: { isHiddenByDefault: true },
    cell: ({ row }) => row.original.bulkComplaintLevel ?? <span className="text-muted-foreground">—</span>,
  },
  // The latest location says where the copy is (Quarantine for a blocked one); the delivery action is a click away.
  { accessorKey: "deliveryAction", header: "Delivery action", enableSorting: false, meta: { isHiddenByDefault: true } },
  {
    accessorKey: "latestDeliveryLocation",
    header: "Latest delivery location",
    enableSorting: false,
    meta: { isPinned: true },
  },
  {
    id: "additionalActions",
    header: "Additional actions",
    enableSorting: false,
    meta: { width: "fill", isHiddenByDefault: true },
    cell: ({ row }) => {
      const actions = row.original.additionalActions.join(", ");
      return actions ? <span title={actions}>{actions}</span> : <span className="text-muted-foreground">None</span>;
    },
  },
  { accessorKey: "emailDirection", header: "Direction", enableSorting: false, meta: { isHiddenByDefault: true } },
];

// DetectionMethods is Defender's JSON ({"Phish":["Spoof DMARC"]}); the table lists the technologies, each once.
function detectionTechnologies(text: string): string {
  if (!text) return "";
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") return [...new Set(Object.values(parsed).flat().map(String))].join(", ");
  } catch {
    // Not JSON (e.g. "Sender restricted"): shown as it is.
  }
  return text;
}

export function EmailTable({
  data,
  sort,
  range,
  windowPhrase,
  facets,
  chart,
  canAct,
  searchFilters,
}: TEmailTableProps) {
  const [outcome, setOutcome] = useState<TExplorerOutcome | null>(null);
  const total = `${formatNumber(data.total)}${data.isTotalCapped ? "+" : ""}`;
  return (
    <DataTable
      label="Email"
      columns={columns}
      {...pageProps(data, sort)}
      isTotalCapped={data.isTotalCapped}
      getRowId={(row) => row.id}
      getRowHref={(row) => `/explorer/email/${row.networkMessageId}`}
      enableRowSelection={canAct}
      renderSelectionActions={(rows, clearSelection) => {
        const networkMessageIds = [...new Set(rows.map((row) => row.networkMessageId))];
        const done = (next: TExplorerOutcome) => {
          setOutcome(next);
          clearSelection();
        };
        return (
          <ExplorerActions
            selection={{ networkMessageIds }}
            description={`the ${formatNumber(networkMessageIds.length)} selected messages (every recipient's copy)`}
            onDone={done}
          />
        );
      }}
      emptyState={<ExplorerEmptyState range={range} windowPhrase={windowPhrase} />}
      toolbar={
        <div className="space-y-4">
          <ExplorerFilters range={range} facets={facets} />
          {chart}
          {outcome ? <ExplorerOutcome outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
          {canAct && data.total > 0 ? (
            <div className="flex flex-wrap items-center justify-end gap-2">
              <ExplorerActions
                selection={{ filters: searchFilters }}
                description={`all ${total} message copies this search matches in ${windowPhrase}`}
                label={`Act on all ${total} results`}
                onDone={setOutcome}
              />
            </div>
          ) : null}
        </div>
      }
    />
  );
}

function ExplorerEmptyState({ range, windowPhrase }: { range: TExplorerRange; windowPhrase: string }) {
  const url = useTableUrl();
  const isFiltered = EXPLORER_FILTER_PARAMS.some((name) => url.getParam(name) !== undefined);
  return (
    <EmptyState
      icon={MailSearch}
      title="No messages match"
      description={
        isFiltered ? `Nothing in ${windowPhrase} matches these filters.` : `No mail was recorded in ${windowPhrase}.`
      }
      action={
        <div className="flex flex-wrap justify-center gap-2">
          {isFiltered ? (
            <Button
              onClick={() => url.setParams(Object.fromEntries(EXPLORER_FILTER_PARAMS.map((name) => [name, null])))}
            >
              Reset filters
            </Button>
          ) : null}
          {range !== "30d" ? (
            <Button variant="outline" onClick={() => url.setParams({ range: "30d", from: null, to: null })}>
              Search the last 30 days
            </Button>
          ) : null}
        </div>
      }
    />
  );
}
