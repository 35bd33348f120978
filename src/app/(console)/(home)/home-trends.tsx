import { SeriesLegend, StackedBars, type TBarSeries } from "@/components/charts/stacked-bars";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { ALERT_STATUS_LABELS } from "@/lib/labels";
import { formatDuration, formatNumber } from "@/lib/utils";
import type { TDayCounts, THomeTrends } from "@/server/dashboard/get-home-trends";

const ALERT_SERIES = [
  { key: "Resolved", label: ALERT_STATUS_LABELS.Resolved, swatch: "bg-success" },
  { key: "InProgress", label: ALERT_STATUS_LABELS.InProgress, swatch: "bg-info" },
  { key: "New", label: ALERT_STATUS_LABELS.New, swatch: "bg-high" },
] as const;

const INVESTIGATION_SERIES = [
  { key: "noThreats", label: "No threats found", swatch: "bg-informational" },
  { key: "remediated", label: "Remediated", swatch: "bg-success" },
  { key: "other", label: "Failed or stopped", swatch: "bg-low" },
  { key: "running", label: "Running", swatch: "bg-info" },
  { key: "pendingAction", label: "Pending action", swatch: "bg-medium" },
] as const;

const PENDING_SERIES = [
  { key: "waiting", label: "Waiting", swatch: "bg-medium" },
  { key: "expiring", label: "Expire within a day", swatch: "bg-high" },
] as const;

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

function dailyBars<K extends string>(rows: readonly TDayCounts<K>[]) {
  return rows.map((row) => ({
    id: new Date(row.day).toISOString(),
    label: dayLabel.format(row.day),
    longLabel: dayLabel.format(row.day),
    values: row,
  }));
}

function totalsOf<K extends string>(
  series: readonly TBarSeries<K>[],
  rows: readonly Record<K, number>[],
): Record<K, number> {
  return Object.fromEntries(series.map(({ key }) => [key, rows.reduce((sum, row) => sum + row[key], 0)])) as Record<
    K,
    number
  >;
}

function summaryOf<K extends string>(
  what: string,
  series: readonly TBarSeries<K>[],
  totals: Record<K, number>,
): string {
  const total = series.reduce((sum, { key }) => sum + totals[key], 0);
  if (total === 0) return `No ${what} in the last 30 days.`;
  return `${formatNumber(total)} ${what} in the last 30 days: ${series.map(({ key, label }) => `${formatNumber(totals[key])} ${label.toLowerCase()}`).join(", ")}.`;
}

function DailyChart<K extends string>({
  title,
  description,
  what,
  series,
  rows,
}: {
  title: string;
  description: string;
  what: string;
  series: readonly TBarSeries<K>[];
  rows: readonly TDayCounts<K>[];
}) {
  const totals = totalsOf(series, rows);
  return (
    <Card>
      <CardHeader className="gap-2">
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
        <SeriesLegend series={series} totals={totals} />
      </CardHeader>
      <CardContent>
        <StackedBars
          series={series}
          bars={dailyBars(rows)}
          summary={summaryOf(what, series, totals)}
          emptyText={`No ${what} in the last 30 days`}
          barHeading="Day (UTC)"
          height="h-28"
        />
      </CardContent>
    </Card>
  );
}

/** The last 30 days as an analyst reviews them: what came in, how it ended, what waits, and how fast it was handled. */
export function HomeTrends({ trends }: { trends: THomeTrends }) {
  const { pendingByAge, pendingExpiryDays, decided, remediation } = trends;
  const pendingTotal = pendingByAge.reduce((sum, bucket) => sum + bucket.count, 0);
  const expiringNext = pendingByAge.at(-1)?.count ?? 0;
  const ageLabel = (ageDays: number) =>
    ageDays === 0
      ? "< 1 day"
      : ageDays === pendingExpiryDays - 1
        ? `${ageDays}+ days`
        : `${ageDays} ${ageDays === 1 ? "day" : "days"}`;
  // The last day before the expiry is the one to act on: its bar is in the alarm colour.
  const pendingBars = pendingByAge.map((bucket) => {
    const isLast = bucket.ageDays === pendingExpiryDays - 1;
    return {
      id: String(bucket.ageDays),
      label: ageLabel(bucket.ageDays),
      longLabel: `waiting ${ageLabel(bucket.ageDays)}`,
      values: { waiting: isLast ? 0 : bucket.count, expiring: isLast ? bucket.count : 0 },
    };
  });
  const automationRate = decided.total ? `${Math.round((decided.automated / decided.total) * 100)} %` : "–";

  return (
    <section aria-labelledby="trends" className="space-y-3">
      <h2 id="trends" className="text-sm font-medium text-muted-foreground">
        Last 30 days
      </h2>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <StatCard
          label="Automation rate"
          value={automationRate}
          tone="info"
          hint={
            decided.total
              ? `${formatNumber(decided.automated)} of ${formatNumber(decided.total)} decided actions carried out by automation`
              : "no actions decided yet"
          }
          href="/action-center?view=history"
        />
        <StatCard
          label="Mean time from alert to remediation"
          value={remediation.meanSeconds === null ? "–" : formatDuration(remediation.meanSeconds * 1000)}
          tone="info"
          hint={
            remediation.investigations
              ? `over ${formatNumber(remediation.investigations)} remediated ${remediation.investigations === 1 ? "investigation" : "investigations"}`
              : "nothing remediated yet"
          }
        />
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <DailyChart
          title="Alerts"
          description="Raised per day (UTC), by their status now"
          what="alerts"
          series={ALERT_SERIES}
          rows={trends.alerts}
        />
        <DailyChart
          title="Investigations"
          description="Started per day (UTC), by their status now"
          what="investigations"
          series={INVESTIGATION_SERIES}
          rows={trends.investigations}
        />
      </div>
      <Card>
        <CardHeader className="gap-2 sm:flex-row sm:items-start sm:justify-between">
          <div className="space-y-1">
            <CardTitle>Pending actions by age</CardTitle>
            <CardDescription>
              Undecided actions expire after {pendingExpiryDays} days and their investigations end as Terminated by
              system.
              {expiringNext ? ` ${formatNumber(expiringNext)} expire within a day.` : ""}
            </CardDescription>
          </div>
          <SeriesLegend
            series={PENDING_SERIES}
            totals={{ waiting: pendingTotal - expiringNext, expiring: expiringNext }}
          />
        </CardHeader>
        <CardContent>
          <StackedBars
            series={PENDING_SERIES}
            bars={pendingBars}
            summary={
              pendingTotal
                ? `${formatNumber(pendingTotal)} pending actions; ${formatNumber(expiringNext)} expire within a day.`
                : "No pending actions."
            }
            emptyText="No pending actions"
            barHeading="Waiting"
            height="h-28"
          />
        </CardContent>
      </Card>
    </section>
  );
}
