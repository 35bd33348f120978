"use client";

import { ShieldCheck } from "lucide-react";
import { DateTime } from "@/components/console/date-time";
import { SeverityBadge } from "@/components/console/status-badges";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FREQUENCY_LABELS, type TFrequency } from "@/lib/detection-rules";
import { formatDateTime, formatNumber } from "@/lib/utils";
import { RuleStatus } from "./rule-status";

type TRuleRow = {
  id: string;
  name: string;
  isEnabled: boolean;
  disabledReason: string | null;
  severity: "Informational" | "Low" | "Medium" | "High";
  frequency: TFrequency;
  nextRunAt: Date;
  alertCount: number;
  lastRun: { startedAt: Date; rowCount: number; alertCount: number; error: string | null } | null;
};

const columns: DataTableColumnDef<TRuleRow>[] = [
  {
    accessorKey: "name",
    header: "Name",
    enableSorting: false,
    meta: { label: "Name", isPinned: true, width: "wide" },
  },
  {
    id: "status",
    header: "Status",
    enableSorting: false,
    meta: { label: "Status", isPinned: true },
    cell: ({ row }) => <RuleStatus isEnabled={row.original.isEnabled} disabledReason={row.original.disabledReason} />,
  },
  {
    accessorKey: "severity",
    header: "Severity",
    enableSorting: false,
    cell: ({ row }) => <SeverityBadge severity={row.original.severity} />,
  },
  {
    accessorKey: "frequency",
    header: "Frequency",
    enableSorting: false,
    cell: ({ row }) => FREQUENCY_LABELS[row.original.frequency],
  },
  {
    id: "lastRun",
    header: "Last run",
    enableSorting: false,
    meta: { label: "Last run", isPinned: true },
    cell: ({ row }) => {
      const run = row.original.lastRun;
      if (!run) return "Not yet";
      return (
        <span>
          <DateTime value={run.startedAt} />
          <span className="block text-xs text-muted-foreground">
            {run.error ? "Failed" : `${formatNumber(run.rowCount)} rows, ${formatNumber(run.alertCount)} new alerts`}
          </span>
        </span>
      );
    },
  },
  {
    id: "nextRun",
    header: "Next run",
    enableSorting: false,
    meta: { label: "Next run", isPinned: true },
    // A rule that is off has no next run: the time it would have had says nothing. One whose time has come waits for
    // the worker's next tick: "Due now", not "2 minutes ago".
    cell: ({ row }) => {
      if (!row.original.isEnabled) return "—";
      const nextRunAt = new Date(row.original.nextRunAt);
      if (nextRunAt.getTime() > Date.now()) return <DateTime value={nextRunAt} />;
      return (
        <time dateTime={nextRunAt.toISOString()} title={formatDateTime(nextRunAt)} suppressHydrationWarning>
          Due now
        </time>
      );
    },
  },
  {
    accessorKey: "alertCount",
    header: "Matches",
    enableSorting: false,
    meta: { label: "Matches", className: "text-right" },
    cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.alertCount)} alerts</span>,
  },
];

type TRulesTableProps = { rules: TRuleRow[]; total: number; page: number; pageSize: number };

/** Settings › Detection rules, by name, each row opening the rule; on a phone the rows are cards, like every list's. */
export function RulesTable({ rules, total, page, pageSize }: TRulesTableProps) {
  return (
    <DataTable
      label="Detection rules"
      columns={columns}
      rows={rules}
      total={total}
      page={page}
      pageSize={pageSize}
      sort={null}
      getRowId={(rule) => rule.id}
      getRowHref={(rule) => `/settings/detection-rules/${rule.id}`}
      emptyState={
        <EmptyState
          icon={ShieldCheck}
          title="No detection rules"
          description="Create one from a query on the Advanced hunting page, or import one as YAML."
        />
      }
    />
  );
}
