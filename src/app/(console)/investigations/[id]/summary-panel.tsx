import { ClusterLink } from "@/components/clusters/cluster-link";
import { SimpleTable } from "@/components/console/simple-table";
import { StepStatusBadge, VerdictBadge } from "@/components/console/status-badges";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { clusterKindLabel, humanize, PHASE_LABELS } from "@/lib/labels";
import { formatDuration, formatNumber } from "@/lib/utils";
import type { TInvestigationDetails } from "@/server/investigations/investigations.queries";

type TStep = TInvestigationDetails["steps"][number];
type TCluster = TInvestigationDetails["clusters"][number];

const PHASE_ORDER = ["root", "hunting", "remediation"];
const MAX_SENTENCES = 3;

function groupByPhase(steps: TStep[]): [string, TStep[]][] {
  const groups = new Map<string, TStep[]>();
  for (const step of steps) groups.set(step.phase, [...(groups.get(step.phase) ?? []), step]);
  // Known phases in playbook order, then anything a later playbook adds, in the order its steps came.
  const rank = (phase: string) => (PHASE_ORDER.includes(phase) ? PHASE_ORDER.indexOf(phase) : PHASE_ORDER.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

function stepDuration(step: TStep): string {
  if (!step.startedAt || !step.endedAt) return "";
  return formatDuration(step.endedAt.getTime() - step.startedAt.getTime());
}

const clusterColumns = [
  {
    header: "Cluster",
    cell: (cluster: TCluster) => (
      <ClusterLink clusterId={cluster.id} className="font-medium">
        {cluster.name}
      </ClusterLink>
    ),
  },
  { header: "Kind", cell: (cluster: TCluster) => clusterKindLabel(cluster.kind) },
  { header: "Verdict", cell: (cluster: TCluster) => <VerdictBadge verdict={cluster.verdict} /> },
  {
    header: "Messages",
    className: "text-right",
    cell: (cluster: TCluster) => <span className="tabular-nums">{formatNumber(cluster.messageCount)}</span>,
  },
  {
    header: "Query",
    cell: (cluster: TCluster) => <code className="text-xs text-muted-foreground">{cluster.queryText}</code>,
  },
];

export function SummaryPanel({ investigation }: { investigation: TInvestigationDetails }) {
  const phases = groupByPhase(investigation.steps);
  return (
    <div className="space-y-4">
      {investigation.error ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          {investigation.error}
        </p>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Playbook steps</CardTitle>
          <CardDescription>Each phase of the playbook and what its steps found.</CardDescription>
        </CardHeader>
        <CardContent>
          {phases.length === 0 ? (
            <EmptyState
              title="No steps yet"
              description="The steps appear here once a worker picks the investigation up."
              className="py-6"
            />
          ) : (
            <div className="space-y-5">
              {phases.map(([phase, steps]) => (
                <section key={phase} aria-label={PHASE_LABELS[phase] ?? humanize(phase)}>
                  <h3 className="mb-2 text-sm font-semibold">{PHASE_LABELS[phase] ?? humanize(phase)}</h3>
                  <ol className="divide-y rounded-md border">
                    {steps.map((step) => {
                      const list = Array.isArray(step.findings) ? step.findings : [];
                      const findings = list.length;
                      // Findings written as sentences are worth reading here; structured ones are counted.
                      const sentences = list
                        .filter((item): item is string => typeof item === "string")
                        .slice(0, MAX_SENTENCES);
                      return (
                        <li key={step.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                          <span className="min-w-0 flex-1 basis-48 break-words">
                            {step.name}
                            {sentences.length ? (
                              <ul className="mt-0.5 list-disc pl-4 text-xs text-muted-foreground">
                                {sentences.map((sentence, index) => (
                                  <li key={index}>{sentence}</li>
                                ))}
                              </ul>
                            ) : null}
                          </span>
                          <span className="flex items-center gap-3">
                            <span className="text-xs text-muted-foreground">
                              {findings
                                ? `${formatNumber(findings)} finding${findings === 1 ? "" : "s"}`
                                : "No findings"}
                              {step.risk !== "None" ? ` · risk ${step.risk.toLowerCase()}` : ""}
                              {stepDuration(step) ? ` · ${stepDuration(step)}` : ""}
                            </span>
                            <StepStatusBadge status={step.status} />
                          </span>
                        </li>
                      );
                    })}
                  </ol>
                </section>
              ))}
            </div>
          )}
        </CardContent>
      </Card>
      <section aria-labelledby="clusters-heading" className="space-y-2">
        <h2 id="clusters-heading" className="text-sm font-semibold">
          Email clusters
        </h2>
        <SimpleTable
          label="Email clusters"
          columns={clusterColumns}
          rows={investigation.clusters}
          getKey={(cluster) => cluster.id}
          emptyTitle="No email clusters"
          emptyDescription="Hunting adds clusters of similar messages (same file, same URL, same sender) here."
        />
      </section>
    </div>
  );
}
