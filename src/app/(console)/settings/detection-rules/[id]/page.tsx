import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/console/back-link";
import { DateTime } from "@/components/console/date-time";
import { DetailsList } from "@/components/console/details-list";
import { SimpleTable } from "@/components/console/simple-table";
import { AlertStatusBadge, SeverityBadge } from "@/components/console/status-badges";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { FREQUENCY_LABELS, huntingLink, lookBackLabel, RULE_ACTION_LABELS } from "@/lib/detection-rules";
import { formatNumber } from "@/lib/utils";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { AppError } from "@/server/http/app-error";
import { getDetectionRuleDetails } from "@/server/detection-rules/detection-rules.service";
import { RuleStatus } from "../rule-status";
import { ExportRulesButton } from "../rules-as-code";
import { EditRuleDialog } from "./edit-rule-dialog";
import { RuleSwitch } from "./rule-switch";

export const metadata: Metadata = { title: "Detection rule" };

type TDetails = Awaited<ReturnType<typeof getDetectionRuleDetails>>;
type TRun = TDetails["runs"][number];
type TAlert = TDetails["alerts"][number];

const RUN_COLUMNS = [
  { header: "When", cell: (run: TRun) => <DateTime value={run.startedAt} /> },
  { header: "Window from", cell: (run: TRun) => <DateTime value={run.windowFrom} /> },
  {
    header: "Rows",
    cell: (run: TRun) => `${formatNumber(run.rowCount)}${run.isTruncated ? " (truncated)" : ""}`,
    className: "text-right tabular-nums",
  },
  { header: "Alerts", cell: (run: TRun) => formatNumber(run.alertCount), className: "text-right tabular-nums" },
  {
    header: "Duration",
    cell: (run: TRun) => `${formatNumber(run.durationMs)} ms`,
    className: "text-right tabular-nums",
  },
  { header: "Error", cell: (run: TRun) => (run.error ? <span className="text-destructive">{run.error}</span> : "—") },
] as const;

const ALERT_COLUMNS = [
  {
    header: "Alert",
    cell: (alert: TAlert) => (
      <Link href={`/alerts/${alert.id}`} className="text-link hover:underline">
        {alert.title}
      </Link>
    ),
  },
  { header: "Severity", cell: (alert: TAlert) => <SeverityBadge severity={alert.severity} /> },
  { header: "Status", cell: (alert: TAlert) => <AlertStatusBadge status={alert.status} /> },
  { header: "Events", cell: (alert: TAlert) => formatNumber(alert.eventCount), className: "text-right tabular-nums" },
  {
    header: "Investigation",
    cell: (alert: TAlert) =>
      alert.investigationId ? (
        <Link href={`/investigations/${alert.investigationId}`} className="text-link hover:underline">
          {alert.investigationId}
        </Link>
      ) : (
        "—"
      ),
  },
  { header: "Created", cell: (alert: TAlert) => <DateTime value={alert.createdAt} /> },
] as const;

export default async function DetectionRulePage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePagePermission("settings:read");
  const { rule, runs, alerts } = await getDetectionRuleDetails((await params).id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const canManage = can(principal.role, "detectionRules:manage");
  return (
    <div className="space-y-4">
      <BackLink href="/settings/detection-rules" label="Detection rules" />
      <PageHeader
        title={rule.name}
        description={rule.description || undefined}
        actions={
          <div className="flex flex-wrap items-start gap-2">
            {canManage ? <EditRuleDialog rule={rule} /> : null}
            <ExportRulesButton id={rule.id} />
          </div>
        }
      />
      {rule.disabledReason ? (
        <p role="alert" className="rounded-md border border-high/30 bg-high-subtle p-3 text-sm text-high-foreground">
          {rule.disabledReason}
        </p>
      ) : null}
      <Card>
        <CardContent className="space-y-4 pt-6">
          <DetailsList
            items={[
              {
                label: "Status",
                value: <RuleStatus isEnabled={rule.isEnabled} disabledReason={rule.disabledReason} />,
              },
              { label: "Severity", value: <SeverityBadge severity={rule.severity} /> },
              { label: "Category", value: rule.category },
              { label: "Frequency", value: FREQUENCY_LABELS[rule.frequency] },
              { label: "Look-back", value: lookBackLabel(rule.lookBackMinutes) },
              { label: "Impacted entities", value: rule.entityColumns.join(", ") },
              { label: "Actions", value: RULE_ACTION_LABELS[rule.action] },
              { label: "Last run", value: rule.lastRunAt ? <DateTime value={rule.lastRunAt} /> : "Not yet" },
              { label: "Created by", value: `${rule.createdByName}${rule.isBuiltIn ? " (built in)" : ""}` },
              {
                label: "Query",
                value: (
                  <div className="space-y-1">
                    <pre className="overflow-x-auto rounded-md bg-muted p-2 font-mono text-xs">{rule.query}</pre>
                    <Link href={huntingLink(rule.query)} className="text-link hover:underline">
                      Open in Advanced hunting
                    </Link>
                  </div>
                ),
              },
            ]}
          />
          {canManage ? <RuleSwitch id={rule.id} isEnabled={rule.isEnabled} /> : null}
        </CardContent>
      </Card>
      <h2 className="text-lg font-semibold">Run history</h2>
      <SimpleTable
        label="Run history"
        columns={RUN_COLUMNS}
        rows={runs}
        getKey={(run) => run.id}
        emptyTitle="No runs yet"
        emptyDescription="The rule runs on its schedule once it is on."
      />
      <h2 className="text-lg font-semibold">Alerts</h2>
      <SimpleTable
        label="Alerts"
        columns={ALERT_COLUMNS}
        rows={alerts}
        getKey={(alert) => alert.id}
        emptyTitle="No alerts"
      />
    </div>
  );
}
