import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClusterFlyout } from "@/components/clusters/cluster-flyout";
import { BackLink } from "@/components/console/back-link";
import { InvestigationStatusBadge } from "@/components/console/status-badges";
import { UrlTabs } from "@/components/console/url-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { PLAYBOOK_LABELS } from "@/lib/labels";
import { formatDateTime, formatDuration, formatNumber } from "@/lib/utils";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { ZIntId } from "@/server/http/list-filters";
import { getInvestigation } from "@/server/investigations/investigations.queries";
import { findMailboxConfigurations } from "@/server/mailboxes/get-mailbox-configuration";
import { ActionHistoryPanel, PendingActionsPanel } from "./action-panels";
import { MailboxConfiguration } from "./mailbox-configuration";
import { AlertsPanel, EvidencePanel, LogPanel, MailboxesPanel } from "./record-panels";
import { SummaryPanel } from "./summary-panel";

type TInvestigationPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const TABS = [
  { key: "summary", label: "Summary" },
  { key: "alerts", label: "Alerts" },
  { key: "mailboxes", label: "Mailboxes" },
  { key: "evidence", label: "Evidence" },
  { key: "log", label: "Log" },
  { key: "pending", label: "Pending actions" },
  { key: "history", label: "Pending action history" },
] as const;
type TTabKey = (typeof TABS)[number]["key"];

function readTab(value: string | string[] | undefined): TTabKey {
  const text = Array.isArray(value) ? value[0] : value;
  return TABS.find((tab) => tab.key === text)?.key ?? "summary";
}

export async function generateMetadata({ params }: TInvestigationPageProps): Promise<Metadata> {
  return { title: `Investigation ${(await params).id}` };
}

export default async function InvestigationPage({ params, searchParams }: TInvestigationPageProps) {
  const principal = await requirePagePermission("investigations:read");
  const id = ZIntId.safeParse((await params).id);
  const now = new Date();
  const investigation = id.success ? await getInvestigation(id.data, now) : null;
  if (!investigation) notFound();

  const tab = readTab((await searchParams).tab);
  const pending = investigation.actions.filter((action) => action.status === "Pending");
  const decided = investigation.actions.filter((action) => action.status !== "Pending");
  const counts: Partial<Record<TTabKey, number>> = {
    alerts: investigation.alerts.length,
    mailboxes: investigation.users.length,
    evidence: investigation.evidence.length,
    log: investigation.logTotal,
    pending: pending.length,
    history: decided.length,
  };
  const base = `/investigations/${investigation.id}`;
  const configurations = tab === "mailboxes" ? await findMailboxConfigurations(investigation.users) : [];

  return (
    <div>
      <BackLink href="/investigations" label="Investigations" />
      <PageHeader
        title={investigation.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <InvestigationStatusBadge status={investigation.status} />
            <span>
              Investigation {investigation.id} · {PLAYBOOK_LABELS[investigation.playbook]} · {investigation.detectionSource}
            </span>
          </span>
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label="Threats" value={formatNumber(investigation.threatCount)} tone={investigation.threatCount ? "high" : "neutral"} />
        <StatCard label="Actions" value={formatNumber(investigation.actionCount)} hint={pending.length ? `${formatNumber(pending.length)} pending` : undefined} tone={pending.length ? "medium" : "neutral"} />
        <StatCard label="Duration" value={formatDuration(investigation.durationMs)} hint={investigation.startedAt ? `started ${formatDateTime(investigation.startedAt)}` : "not started yet"} tone="info" />
        <StatCard label="Last changed" value={<span className="block text-base leading-6">{formatDateTime(investigation.updatedAt)}</span>} hint={`created ${formatDateTime(investigation.createdAt)}`} tone="neutral" />
      </div>
      <UrlTabs
        label="Investigation sections"
        tabs={TABS.map((item) => ({
          href: item.key === "summary" ? base : `${base}?tab=${item.key}`,
          label: item.label,
          count: counts[item.key],
          isActive: item.key === tab,
        }))}
      />
      <section aria-label={TABS.find((item) => item.key === tab)?.label}>
        {tab === "summary" ? <SummaryPanel investigation={investigation} /> : null}
        {tab === "alerts" ? <AlertsPanel alerts={investigation.alerts} /> : null}
        {tab === "mailboxes" ? (
          <div className="space-y-4">
            <MailboxesPanel investigation={investigation} />
            {configurations.map((mailbox) => (
              <MailboxConfiguration key={mailbox.address} mailbox={mailbox} />
            ))}
          </div>
        ) : null}
        {tab === "evidence" ? <EvidencePanel investigation={investigation} /> : null}
        {tab === "log" ? <LogPanel investigation={investigation} /> : null}
        {tab === "pending" ? <PendingActionsPanel investigationId={investigation.id} actions={pending} now={now} /> : null}
        {tab === "history" ? <ActionHistoryPanel actions={decided} /> : null}
      </section>
      <ClusterFlyout canAssess={can(principal.role, "clusters:assess")} />
    </div>
  );
}
