"use client";

import { Ellipsis, Flag, Gavel } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { DateTime } from "@/components/console/date-time";
import { DataTableColumnHeader } from "@/components/data-table/column-header";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/faceted-filter";
import { rowActionsColumnClass } from "@/components/data-table/row-actions-column";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { OutcomeNotice } from "@/components/console/outcome-notice";
import { useRowDialog } from "@/components/console/use-row-dialog";
import { VerdictBadge } from "@/components/console/status-badges";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { Verdict } from "@/generated/prisma/enums";
import { PERIOD_LABELS, VERDICT_LABELS, toOptions } from "@/lib/labels";
import { formatDateTime } from "@/lib/utils";
import { AssessmentDialog, type TAssessTarget } from "./assessment-dialog";
import { SenderCell, type TSenderFacts } from "./sender-cell";

export type TSubmissionRow = TSenderFacts & {
  id: string;
  createdAt: Date;
  reporter: string;
  subject: string;
  verdict: Verdict;
  threatType: string;
  /** The detection engine's answer (src/server/verdicts/detection-record.ts); {} until the run has judged it. */
  detection: unknown;
  assessment: Verdict | null;
  assessedThreatType: string | null;
  assessedByName: string | null;
  assessedAt: Date | null;
  alertId: number | null;
  investigationId: number | null;
  campaignId: number | null;
  /** Another report of the campaign was assessed and this one was not: the assessment applies here too. */
  campaignAssessment: {
    submissionId: string;
    assessment: Verdict;
    assessedThreatType: string | null;
    assessedByName: string | null;
  } | null;
};

type TSubmissionsTableProps = {
  data: { items: TSubmissionRow[]; total: number; page: number; pageSize: number };
  sort: string;
  /** Security Operator and up: a Set assessment item on each row. */
  canAssess: boolean;
};

const FILTER_PARAMS = ["q", "verdict", "reporter", "campaign", "period", "from", "to"] as const;

const link = (href: string, text: string, label: string) => (
  <Link href={href} className="text-link hover:underline" aria-label={label} title={label}>
    {text}
  </Link>
);

function VerdictCell({ row }: { row: TSubmissionRow }) {
  const fromCampaign = row.campaignAssessment;
  if (!row.assessment && fromCampaign) {
    return (
      <span
        className="flex items-center gap-1.5"
        title={`Assessed by ${fromCampaign.assessedByName ?? "an analyst"} on another report of campaign #${row.campaignId}; automatic verdict: ${VERDICT_LABELS[row.verdict]}`}
      >
        <VerdictBadge verdict={fromCampaign.assessment} />
        <span className="text-xs text-muted-foreground">
          Campaign{fromCampaign.assessedThreatType ? ` · ${fromCampaign.assessedThreatType}` : ""}
        </span>
      </span>
    );
  }
  if (!row.assessment) return <VerdictBadge verdict={row.verdict} />;
  const by = `Assessed by ${row.assessedByName ?? "an analyst"}${row.assessedAt ? ` on ${formatDateTime(row.assessedAt)}` : ""}`;
  return (
    <span className="flex items-center gap-1.5" title={`${by}; automatic verdict: ${VERDICT_LABELS[row.verdict]}`}>
      <VerdictBadge verdict={row.assessment} />
      <span className="text-xs text-muted-foreground">
        Analyst{row.assessedThreatType ? ` · ${row.assessedThreatType}` : ""}
      </span>
    </span>
  );
}

type TShownSignal = { id: string; weight: number; evidence: string };
type TShownDetection = { confidence?: string; summary?: string; bulkComplaintLevel?: number; signals?: TShownSignal[] };

// The reason an analyst reads first (the strongest signal for the verdict, two lines at most); every signal with its
// weight in the cell's title, and on the investigation's threat-type step.
function WhyCell({ row }: { row: TSubmissionRow }) {
  const detection = (row.detection ?? {}) as TShownDetection;
  const signals = detection.signals ?? [];
  if (!signals.length && !detection.summary) return <span className="text-muted-foreground">—</span>;
  const isBulk = row.threatType === "Bulk";
  const towards =
    row.verdict === "Clean"
      ? signals.filter((signal) => signal.weight < 0 || isBulk)
      : signals.filter((signal) => signal.weight > 0);
  const first = isBulk
    ? `Bulk mail, complaint level ${detection.bulkComplaintLevel ?? "?"}`
    : (towards[0]?.evidence ?? detection.summary ?? "");
  const more = Math.max(0, towards.length - (isBulk ? 0 : 1));
  const all = signals
    .map((signal) => `${signal.weight > 0 ? "+" : ""}${signal.weight} ${signal.id}: ${signal.evidence}`)
    .join("\n");
  return (
    <span className="block text-xs" title={`${detection.summary ?? ""}\n\n${all}`}>
      <span className="line-clamp-2">{first}</span>
      <span className="text-muted-foreground">
        {detection.confidence ? `${detection.confidence} confidence` : null}
        {more ? ` · ${more} more signal${more === 1 ? "" : "s"}` : null}
      </span>
    </span>
  );
}

// Verdict first after the time: it is what an analyst scans the list for. Long names are cut to keep every column
// on a laptop screen; the full text is in each cell's title.
const columns: DataTableColumnDef<TSubmissionRow>[] = [
  {
    accessorKey: "createdAt",
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Reported" />,
    meta: { label: "Reported", isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
  {
    id: "verdict",
    header: "Verdict",
    enableSorting: false,
    meta: { isPinned: true },
    cell: ({ row }) => <VerdictCell row={row.original} />,
  },
  {
    accessorKey: "threatType",
    header: "Threat",
    enableSorting: false,
    cell: ({ row }) => row.original.threatType || "—",
  },
  {
    id: "why",
    header: "Why",
    enableSorting: false,
    meta: { className: "min-w-64", cellClassName: "max-w-80 whitespace-normal" },
    cell: ({ row }) => <WhyCell row={row.original} />,
  },
  {
    accessorKey: "subject",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Subject" />,
    meta: { label: "Subject", isPinned: true, width: "wide" },
    cell: ({ row }) => (
      <Link href={`/submissions/${row.original.id}`} className="text-link hover:underline" title={row.original.subject}>
        {row.original.subject || "(no subject)"}
      </Link>
    ),
  },
  {
    accessorKey: "sender",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Sender" />,
    meta: { label: "Sender", cellClassName: "max-w-44" },
    cell: ({ row }) => <SenderCell row={row.original} />,
  },
  {
    accessorKey: "reporter",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Reporter" />,
    meta: { label: "Reporter", cellClassName: "max-w-44" },
    cell: ({ row }) => <span title={row.original.reporter}>{row.original.reporter}</span>,
  },
  {
    id: "investigation",
    header: "Investigation",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.investigationId
        ? link(
            `/investigations/${row.original.investigationId}`,
            `#${row.original.investigationId}`,
            `Investigation ${row.original.investigationId}`,
          )
        : "—",
  },
  {
    id: "alert",
    header: "Alert",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.alertId
        ? link(`/alerts/${row.original.alertId}`, `#${row.original.alertId}`, `Alert ${row.original.alertId}`)
        : "—",
  },
];

function assessColumn(onAssess: (target: TAssessTarget) => void): DataTableColumnDef<TSubmissionRow> {
  return {
    id: "assess",
    header: () => <span className="sr-only">Actions</span>,
    enableSorting: false,
    meta: { isRowActions: true, className: rowActionsColumnClass("w-12") },
    cell: ({ row }) => (
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon-sm" aria-label={`Actions for the message from ${row.original.sender}`}>
            <Ellipsis aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => onAssess(row.original)}>
            <Gavel aria-hidden />
            Set assessment…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    ),
  };
}

export function SubmissionsTable({ data, sort, canAssess }: TSubmissionsTableProps) {
  const dialog = useRowDialog<TAssessTarget>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dialog's open function is the same on every render (useRowDialog)
  const tableColumns = useMemo(() => (canAssess ? [...columns, assessColumn(dialog.open)] : columns), [canAssess]);

  return (
    <div className="space-y-3">
      {dialog.outcome ? <OutcomeNotice outcome={dialog.outcome} onDismiss={dialog.dismissOutcome} /> : null}
      <AssessmentDialog target={dialog.target} onClose={dialog.close} onAssessed={dialog.done} />
      <DataTable
        label="Submissions"
        columns={tableColumns}
        {...pageProps(data, sort)}
        getRowId={(row) => row.id}
        emptyState={
          <ListEmptyState
            icon={Flag}
            noun="submissions"
            emptyTitle="No messages have been reported yet"
            emptyDescription="Messages users report as phish or malware (with a Report button, or sent to POST /api/v1/submissions) are listed here with the verdict of the investigation each one starts."
            filterParams={FILTER_PARAMS}
          />
        }
        toolbar={
          <DataTableToolbar filterParams={FILTER_PARAMS}>
            <DataTableSearchInput placeholder="Search subject or sender" />
            <DataTableFacetedFilter
              param="period"
              title="Time period"
              options={toOptions(PERIOD_LABELS)}
              isMulti={false}
            />
            <DataTableFacetedFilter param="verdict" title="Verdict" options={toOptions(VERDICT_LABELS)} />
          </DataTableToolbar>
        }
      />
    </div>
  );
}
