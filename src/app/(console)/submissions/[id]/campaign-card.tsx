import Link from "next/link";
import { VerdictBadge } from "@/components/console/status-badges";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { describeKeys } from "@/lib/campaign-keys";
import { formatDateTime } from "@/lib/utils";
import type { TSubmissionView } from "@/server/submissions/submission-view";
import { pivotClass } from "../../explorer/email/[networkMessageId]/message-overview";

/** The campaign the report belongs to: its other reports, what links each to this one, and an assessment that applies here. */
export function CampaignCard({ submission }: { submission: TSubmissionView }) {
  const { campaign } = submission;
  if (!campaign) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Campaign</CardTitle>
          <CardDescription>
            No other report shares this message&apos;s sender, Reply-To, link hosts, files or body.
          </CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const { assessment } = campaign;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <Link href={`/explorer/campaigns?q=${encodeURIComponent(submission.sender)}`} className={pivotClass}>
            Campaign #{campaign.id}
          </Link>
        </CardTitle>
        <CardDescription>
          {`${campaign.reports} reports, first seen ${formatDateTime(campaign.firstSeen)}, last seen ${formatDateTime(campaign.lastSeen)}.`}
          {campaign.investigationId ? (
            <>
              {" "}
              Investigated in{" "}
              <Link href={`/investigations/${campaign.investigationId}`} className={pivotClass}>
                #{campaign.investigationId}
              </Link>
              .
            </>
          ) : null}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        {assessment && !submission.assessment ? (
          <p className="rounded-md border border-high/30 bg-high-subtle p-3 text-sm" role="note">
            {`Assessed ${assessment.assessment.toLowerCase()}${assessment.threatType ? ` (${assessment.threatType})` : ""} by ${assessment.byName ?? "an analyst"}${assessment.at ? ` on ${formatDateTime(assessment.at)}` : ""}, on `}
            <Link href={`/submissions/${assessment.submissionId}`} className={pivotClass}>
              another report of this campaign
            </Link>
            {assessment.shared.length
              ? ` that has the same ${describeKeys(assessment.shared)}`
              : " linked to this one through a third report"}
            . The assessment applies to this report too.
          </p>
        ) : null}
        <h4 className="text-sm font-medium">Other users reported similar messages</h4>
        <div className="overflow-x-auto rounded-md border">
          <Table aria-label="Other users reported similar messages">
            <TableHeader>
              <TableRow>
                <TableHead>Subject</TableHead>
                <TableHead>Reporter</TableHead>
                <TableHead>Reported</TableHead>
                <TableHead>Sender</TableHead>
                <TableHead>Verdict</TableHead>
                <TableHead>Linked by</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {campaign.others.map((other) => (
                <TableRow key={other.id}>
                  <TableCell className="min-w-48 max-w-64 whitespace-normal">
                    <Link href={`/submissions/${other.id}`} className={pivotClass}>
                      {other.subject || "(no subject)"}
                    </Link>
                  </TableCell>
                  <TableCell>{other.reporter}</TableCell>
                  <TableCell className="whitespace-nowrap">{formatDateTime(other.createdAt)}</TableCell>
                  <TableCell className="min-w-44 whitespace-normal [overflow-wrap:anywhere]">{other.sender}</TableCell>
                  <TableCell>
                    <VerdictBadge verdict={other.assessment ?? other.verdict} />
                  </TableCell>
                  <TableCell className="min-w-56 whitespace-normal text-xs [overflow-wrap:anywhere]">
                    {other.shared.length ? describeKeys(other.shared) : "another report of the campaign"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        {campaign.reports - 1 > campaign.others.length ? (
          <p className="text-xs text-muted-foreground">{`Showing ${campaign.others.length} of ${campaign.reports - 1} other reports.`}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
