import { VerdictBadge } from "@/components/console/status-badges";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn, formatDateTime } from "@/lib/utils";
import type { TSubmissionView } from "@/server/submissions/submission-view";
import { Field } from "../../explorer/email/[networkMessageId]/message-overview";

// The strongest evidence first, either way; the rest is in the investigation's threat-type step.
const SHOWN_SIGNALS = 12;

/** The verdict a reader trusts first (the analyst's, this report's or its campaign's), then the engine's with its evidence. */
export function VerdictCard({ submission, className }: { submission: TSubmissionView; className?: string }) {
  const { detection } = submission;
  const fromCampaign = !submission.assessment ? submission.campaign?.assessment : null;
  const signals = [...detection.signals]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, SHOWN_SIGNALS);
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>Verdict and evidence</CardTitle>
        <CardDescription className="[overflow-wrap:anywhere]">
          {detection.summary ??
            (submission.verdict === "Unknown" ? "The investigation has not judged the message yet." : "")}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Automatic verdict">
            <span className="flex flex-wrap items-center gap-1.5">
              <VerdictBadge verdict={submission.verdict} />
              {submission.threatType ? (
                <span className="text-xs text-muted-foreground">{submission.threatType}</span>
              ) : null}
            </span>
          </Field>
          <Field label="Analyst's assessment">
            {submission.assessment ? (
              <span
                className="flex flex-wrap items-center gap-1.5"
                title={submission.assessedAt ? `on ${formatDateTime(submission.assessedAt)}` : undefined}
              >
                <VerdictBadge verdict={submission.assessment} />
                <span className="text-xs text-muted-foreground">
                  {submission.assessedThreatType ? `${submission.assessedThreatType} · ` : null}by{" "}
                  {submission.assessedByName ?? "an analyst"}
                </span>
              </span>
            ) : fromCampaign ? (
              <span className="flex flex-wrap items-center gap-1.5">
                <VerdictBadge verdict={fromCampaign.assessment} />
                <span className="text-xs text-muted-foreground">from its campaign (below)</span>
              </span>
            ) : (
              "None"
            )}
          </Field>
          <Field label="Confidence">{detection.confidence ?? "—"}</Field>
          <Field label="Bulk complaint level (BCL)">{detection.bulkComplaintLevel ?? "—"}</Field>
          {detection.detectionMethods?.length ? (
            <Field label="Detection technologies">{detection.detectionMethods.join(", ")}</Field>
          ) : null}
          {detection.rspamd ? <Field label="rspamd">{detection.rspamd}</Field> : null}
        </dl>
        {signals.length ? (
          <div className="overflow-x-auto rounded-md border">
            <Table aria-label="Signals">
              <TableHeader>
                <TableRow>
                  <TableHead className="w-16 text-right">Weight</TableHead>
                  <TableHead className="hidden sm:table-cell">Signal</TableHead>
                  <TableHead>Evidence</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {signals.map((signal) => (
                  <TableRow key={`${signal.id}-${signal.evidence}`}>
                    <TableCell
                      className={cn(
                        "text-right tabular-nums",
                        signal.weight > 0 ? "text-high-foreground" : "text-muted-foreground",
                      )}
                    >
                      {signal.weight > 0 ? "+" : ""}
                      {signal.weight}
                    </TableCell>
                    <TableCell className="hidden font-mono text-xs sm:table-cell">{signal.id}</TableCell>
                    <TableCell className="min-w-48 whitespace-normal [overflow-wrap:anywhere]">
                      {signal.evidence}
                      {/* On a phone the signal's name goes under its evidence: a column of its own leaves neither room to read. */}
                      <span className="block font-mono text-[11px] text-muted-foreground sm:hidden">{signal.id}</span>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
