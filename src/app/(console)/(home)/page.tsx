import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { formatNumber } from "@/lib/utils";
import { requirePagePermission } from "@/server/auth/page-guard";
import { getHomeCounts } from "@/server/dashboard/get-home-counts";
import { getHomeTrends } from "@/server/dashboard/get-home-trends";
import { HomeTrends } from "./home-trends";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  // The layout's check is not enough: a client navigation (RSC request) renders the page without its layout.
  await requirePagePermission("console:read");
  const [counts, trends] = await Promise.all([getHomeCounts(), getHomeTrends()]);
  return (
    <div className="space-y-8">
      <PageHeader title="Home" description="What needs attention now, and what the mail system has been doing." />
      <section aria-labelledby="attention" className="space-y-3">
        <h2 id="attention" className="text-sm font-medium text-muted-foreground">
          Needs attention
        </h2>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <StatCard
            label="Active alerts"
            value={formatNumber(counts.activeAlerts)}
            href="/alerts?status=New,InProgress"
            tone={counts.activeAlerts ? "high" : "neutral"}
          />
          <StatCard
            label="Investigations in progress"
            value={formatNumber(counts.runningInvestigations)}
            href="/investigations"
            tone="info"
          />
          <StatCard
            label="Pending actions"
            value={formatNumber(counts.pendingActions)}
            href="/action-center"
            tone={counts.pendingActions ? "medium" : "neutral"}
            hint="awaiting approval"
          />
          <StatCard
            label="Restricted users"
            value={formatNumber(counts.restrictedUsers)}
            href="/restricted-users"
            tone={counts.restrictedUsers ? "high" : "neutral"}
            hint="blocked from sending"
          />
        </div>
      </section>
      <HomeTrends trends={trends} />
      <section aria-labelledby="mail" className="space-y-3">
        <h2 id="mail" className="text-sm font-medium text-muted-foreground">
          Mail flow
        </h2>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <StatCard label="Mailboxes" value={formatNumber(counts.mailboxes)} tone="neutral" />
          <StatCard
            label="Email events, last 24 hours"
            value={formatNumber(counts.emailEventsLast24h)}
            href="/explorer"
            tone="info"
            hint="one per message and recipient"
          />
          <StatCard
            label="Threats detected, last 24 hours"
            value={formatNumber(counts.threatsLast24h)}
            href="/explorer?threat=any"
            tone={counts.threatsLast24h ? "medium" : "success"}
            hint="phish, malware or spam"
          />
          <StatCard
            label="Email events stored"
            value={`${counts.isEmailEventsTotalEstimated ? "≈ " : ""}${formatNumber(counts.emailEventsTotal)}`}
            tone="neutral"
            hint={
              counts.isEmailEventsTotalEstimated ? "estimate from table statistics" : "one per message and recipient"
            }
          />
        </div>
      </section>
    </div>
  );
}
