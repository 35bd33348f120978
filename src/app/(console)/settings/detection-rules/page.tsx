import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/console/back-link";
import { DateTime } from "@/components/console/date-time";
import { SimpleTable } from "@/components/console/simple-table";
import { SeverityBadge } from "@/components/console/status-badges";
import { PageHeader } from "@/components/ui/page-header";
import { FREQUENCY_LABELS } from "@/lib/detection-rules";
import { formatNumber } from "@/lib/utils";
import { requirePagePermission } from "@/server/auth/page-guard";
import { listDetectionRules, type TRuleListItem } from "@/server/detection-rules/detection-rules.service";
import { RuleStatus } from "./rule-status";

export const metadata: Metadata = { title: "Detection rules" };

const COLUMNS = [
  {
    header: "Name",
    cell: (rule: TRuleListItem) => (
      <Link href={`/settings/detection-rules/${rule.id}`} className="text-link hover:underline">
        {rule.name}
      </Link>
    ),
  },
  {
    header: "Status",
    cell: (rule: TRuleListItem) => <RuleStatus isEnabled={rule.isEnabled} disabledReason={rule.disabledReason} />,
  },
  { header: "Severity", cell: (rule: TRuleListItem) => <SeverityBadge severity={rule.severity} /> },
  { header: "Frequency", cell: (rule: TRuleListItem) => FREQUENCY_LABELS[rule.frequency] },
  {
    header: "Last run",
    cell: (rule: TRuleListItem) =>
      rule.lastRun ? (
        <span>
          <DateTime value={rule.lastRun.startedAt} />
          <span className="block text-xs text-muted-foreground">
            {rule.lastRun.error
              ? "Failed"
              : `${formatNumber(rule.lastRun.rowCount)} rows, ${formatNumber(rule.lastRun.alertCount)} new alerts`}
          </span>
        </span>
      ) : (
        "Not yet"
      ),
  },
  {
    header: "Matches",
    cell: (rule: TRuleListItem) => <span className="tabular-nums">{formatNumber(rule.alertCount)} alerts</span>,
    className: "text-right",
  },
] as const;

export default async function DetectionRulesPage() {
  await requirePagePermission("settings:read");
  const rules = await listDetectionRules();
  return (
    <div className="space-y-4">
      <BackLink href="/settings" label="Settings" />
      <PageHeader
        title="Detection rules"
        description="Custom detection rules: hunting queries that run on a schedule, raise an alert per entity they match, and can start an investigation. Create one from Advanced hunting; import and export them as YAML through the API."
      />
      <SimpleTable
        label="Detection rules"
        columns={COLUMNS}
        rows={rules}
        getKey={(rule) => rule.id}
        emptyTitle="No detection rules"
        emptyDescription="Create one from a query on the Advanced hunting page."
      />
    </div>
  );
}
