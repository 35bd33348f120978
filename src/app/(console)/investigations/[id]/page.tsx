import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClusterFlyout } from "@/components/clusters/cluster-flyout";
import { BackLink } from "@/components/console/back-link";
import { InvestigationStatusBadge } from "@/components/console/status-badges";
import { UrlTabs } from "@/components/console/url-tabs";
import { PageHeader } from "@/components/ui/page-header";
import type { ActionStatus } from "@/generated/prisma/enums";
import { StatCard } from "@/components/ui/stat-card";
import { PLAYBOOK_LABELS } from "@/lib/labels";
import { formatDateTime, formatDuration, formatNumber } from "@/lib/utils";
import { InvestigationGraph } from "@/components/investigations/investigation-graph";
import { MailboxConfiguration } from "@/components/mailboxes/mailbox-configuration";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { ZIntId } from "@/server/http/list-filters";
import { parseLenient } from "@/server/http/pagination";
import {
  getInvestigationGraph,
  listInvestigationEntities,
  ZInvestigationEntitiesQuery,
} from "@/server/investigations/investigation-entities.queries";
import { getInvestigation } from "@/server/investigations/investigations.queries";
import { STOPPABLE } from "@/server/investigations/stop-investigation";
import { findMailboxConfigurations } from "@/server/mailboxes/get-mailbox-configuration";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";
import { ActionHistoryPanel, PendingActionsPanel } from "./action-panels";
import { EntitiesPanel } from "./entities-panel";
import { RevertInvestigationButton } from "./revert-investigation-button";
import { StopInvestigationButton } from "./stop-investigation-button";
import { AlertsPanel, EvidencePanel, LogPanel, MailboxesPanel } from "./record-panels";
import { SummaryPanel } from "./summary-panel";

type TInvestigationPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const CARRIED_OUT: readonly ActionStatus[] = ["Completed", "PartiallyCompleted"];

const TABS = [
  { key: "summary", label: "Summary" },
  { key: "graph", label: "Investigation graph" },
  { key: "alerts", label: "Alerts" },
  { key: "mailboxes", label: "Mailboxes" },
  { key: "evidence", label: "Evidence" },
  { key: "entities", label: "Entities" },
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

  const rawParams = await searchParams;
  const tab = readTab(rawParams.tab);
  const pending = investigation.actions.filter((action) => action.status === "Pending");
  const decided = investigation.actions.filter((action) => action.status !== "Pending");
  const counts: Partial<Record<TTabKey, number>> = {
    alerts: investigation.alerts.length,
    mailboxes: investigation.users.length,
    evidence: investigation.evidence.length,
    entities:
      investigation.evidence.filter((item) => item.kind !== "emailCluster").length + investigation.clusters.length,
    log: investigation.logTotal,
    pending: pending.length,
    history: decided.length,
  };
  const base = `/investigations/${investigation.id}`;
  const input = (investigation.input ?? {}) as { submissionId?: unknown };
  const submissionId = typeof input.submissionId === "string" ? input.submissionId : null;
  const entitiesQuery = parseLenient(ZInvestigationEntitiesQuery, { page: rawParams.page, kind: rawParams.kind });
  const [configurations, graph, entities] = await Promise.all([
    tab === "mailboxes" ? findMailboxConfigurations(investigation.users) : [],
    tab === "graph" ? getInvestigationGraph(investigation.id) : null,
    tab === "entities" ? listInvestigationEntities(investigation.id, entitiesQuery) : null,
  ]);
  const canStop = can(principal.role, "investigations:stop") && STOPPABLE.includes(investigation.status);
  // Offered once the run has carried out something; the dialog's preview says what of it can be undone.
  const canRevert =
    can(principal.role, "actions:decide") && decided.some((action) => CARRIED_OUT.includes(action.status));

  return (
    <div>
      <BackLink href="/investigations" label="Investigations" />
      <PageHeader
        title={investigation.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <InvestigationStatusBadge status={investigation.status} />
            <span>
              Investigation {investigation.id} · {PLAYBOOK_LABELS[investigation.playbook]} ·{" "}
              {investigation.detectionSource}
            </span>
            {submissionId ? (
              <Link href={`/submissions/${submissionId}`} className="text-link hover:underline">
                The reported message
              </Link>
            ) : null}
          </span>
        }
        actions={
          canStop || canRevert ? (
            <>
              {canRevert ? <RevertInvestigationButton investigationId={investigation.id} /> : null}
              {canStop ? (
                <StopInvestigationButton investigationId={investigation.id} pendingActions={pending.length} />
              ) : null}
            </>
          ) : null
        }
      />
      {investigation.status === "TerminatedByUser" && investigation.stoppedByName ? (
        <p role="status" className="mb-4 rounded-md border bg-muted/40 px-3 py-2 text-sm break-words">
          Stopped by {investigation.stoppedByName}
          {investigation.endedAt ? ` on ${formatDateTime(investigation.endedAt)}` : ""}: {investigation.stopReason}
        </p>
      ) : null}
      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          label="Threats"
          value={formatNumber(investigation.threatCount)}
          tone={investigation.threatCount ? "high" : "neutral"}
        />
        <StatCard
          label="Actions"
          value={formatNumber(investigation.actionCount)}
          hint={pending.length ? `${formatNumber(pending.length)} pending` : undefined}
          tone={pending.length ? "medium" : "neutral"}
        />
        <StatCard
          label="Duration"
          value={formatDuration(investigation.durationMs)}
          hint={investigation.startedAt ? `started ${formatDateTime(investigation.startedAt)}` : "not started yet"}
          tone="info"
        />
        <StatCard
          label="Last changed"
          value={<span className="block text-base leading-6">{formatDateTime(investigation.updatedAt)}</span>}
          hint={`created ${formatDateTime(investigation.createdAt)}`}
          tone="neutral"
        />
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
        {graph ? <InvestigationGraph graph={graph} /> : null}
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
        {entities ? (
          <EntitiesPanel
            base={base}
            data={entities}
            kind={entitiesQuery.kind}
            stepNames={new Map(investigation.steps.map((step) => [step.key, step.name]))}
          />
        ) : null}
        {tab === "log" ? <LogPanel investigation={investigation} /> : null}
        {tab === "pending" ? (
          <PendingActionsPanel
            investigationId={investigation.id}
            actions={pending}
            clusters={investigation.clusters}
            settings={await getAutomationSettings()}
            now={now}
          />
        ) : null}
        {tab === "history" ? <ActionHistoryPanel actions={decided} /> : null}
      </section>
      <ClusterFlyout canAssess={can(principal.role, "clusters:assess")} />
    </div>
  );
}
