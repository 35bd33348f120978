import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatBytes, formatUtcSeconds } from "@/lib/email-format";
import { formatNumber } from "@/lib/utils";
import type { TSubmissionView } from "@/server/submissions/submission-view";
import { ListCard } from "../../explorer/email/[networkMessageId]/message-details";
import { Field, pivotClass } from "../../explorer/email/[networkMessageId]/message-overview";

type TDetails = TSubmissionView["details"];

const list = (values: string[]) => (values.length ? values.join(", ") : "—");

/** Who reported it, who sent it and how it reached the organisation. */
export function ReportCard({ submission }: { submission: TSubmissionView }) {
  const { details } = submission;
  return (
    <Card>
      <CardHeader>
        <CardTitle>The reported message</CardTitle>
        <CardDescription>
          {submission.source === "eml"
            ? "Read from the message the user reported."
            : "Read from the stored copy the report named: no headers or body came with it."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field label="Sender (From)">
            {details.senderDisplayName ? `${details.senderDisplayName} ` : null}&lt;{submission.sender}&gt;
          </Field>
          <Field label="Reply-To">{list(details.replyTo)}</Field>
          <Field label="MAIL FROM (envelope sender)">{details.mailFromAddress || "—"}</Field>
          <Field label="Recipients">{list(details.recipients)}</Field>
          <Field label="Reported by">{submission.reporter}</Field>
          <Field label="Sent (UTC)">{details.sentAt ? formatUtcSeconds(details.sentAt) : "—"}</Field>
          <Field label="Sender IP">{details.senderIPv4 ?? "—"}</Field>
          <Field label="Internet message ID" isMono>
            {submission.internetMessageId ?? "—"}
          </Field>
          <Field label="Stored copy">
            {submission.networkMessageId ? (
              <Link href={`/explorer/email/${submission.networkMessageId}`} className={pivotClass}>
                Open in Threat Explorer
              </Link>
            ) : (
              "Not in the tenant store"
            )}
          </Field>
          <Field label="Investigation">
            {submission.investigationId ? (
              <Link href={`/investigations/${submission.investigationId}`} className={pivotClass}>
                #{submission.investigationId}
              </Link>
            ) : (
              "—"
            )}
          </Field>
          <Field label="Alert">
            {submission.alertId ? (
              <Link href={`/alerts/${submission.alertId}`} className={pivotClass}>
                #{submission.alertId}
              </Link>
            ) : (
              "—"
            )}
          </Field>
        </dl>
      </CardContent>
    </Card>
  );
}

/** Each link with the text it showed: a link whose text names another site is the classic lure. */
export function LinksCard({ urls }: { urls: TDetails["urls"] }) {
  return (
    <ListCard
      title={`Links (${formatNumber(urls.length)})`}
      description="Where each link goes, and what it showed the reader."
      isEmpty={!urls.length}
      emptyText="The message has no links."
    >
      <Table aria-label="Links">
        <TableHeader>
          <TableRow>
            <TableHead>Shown text</TableHead>
            <TableHead>Goes to</TableHead>
            <TableHead>Host</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {urls.map((url) => (
            <TableRow key={url.url}>
              <TableCell className="min-w-32 max-w-48 whitespace-normal [overflow-wrap:anywhere]">
                {url.linkText || <span className="text-muted-foreground">(in the text)</span>}
              </TableCell>
              <TableCell className="min-w-56 max-w-96 font-mono text-xs whitespace-normal break-all">
                {url.url}
              </TableCell>
              <TableCell className="min-w-36 whitespace-normal [overflow-wrap:anywhere]">{url.domain}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ListCard>
  );
}

export function AttachmentsCard({ attachments }: { attachments: TDetails["attachments"] }) {
  return (
    <ListCard
      title={`Attachments (${formatNumber(attachments.length)})`}
      description="Each file as it came, with its SHA-256."
      isEmpty={!attachments.length}
      emptyText="The message has no attachments."
    >
      <Table aria-label="Attachments">
        <TableHeader>
          <TableRow>
            <TableHead>File</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Size</TableHead>
            <TableHead>SHA-256</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {attachments.map((file) => (
            <TableRow key={`${file.sha256}-${file.fileName}`}>
              <TableCell className="min-w-40 max-w-64 whitespace-normal [overflow-wrap:anywhere]">
                {file.fileName || <span className="text-muted-foreground">(no name)</span>}
                {file.hasMacros ? (
                  <Badge variant="high" className="ml-1.5">
                    Macros
                  </Badge>
                ) : null}
                {file.archive ? (
                  <span className="block text-xs text-muted-foreground">{`Archive: ${file.archive.entries.slice(0, 5).join(", ")}${file.archive.entries.length > 5 ? "…" : ""}${file.archive.isEncrypted ? " (encrypted)" : ""}`}</span>
                ) : null}
              </TableCell>
              <TableCell className="min-w-28 whitespace-normal [overflow-wrap:anywhere]">
                {file.contentType || "—"}
              </TableCell>
              <TableCell className="whitespace-nowrap">{formatBytes(file.size)}</TableCell>
              <TableCell className="min-w-48 font-mono text-xs whitespace-normal break-all">{file.sha256}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ListCard>
  );
}

/** The headers that matter (routing, authentication, sender, client), in the message's order: the newest hop first. */
export function HeadersCard({ headers, total }: { headers: TDetails["headers"]; total: number }) {
  return (
    <ListCard
      title="Headers that matter"
      description={`${formatNumber(headers.length)} of the message's ${formatNumber(total)} headers: routing, authentication, sender and client, newest hop first.`}
      isEmpty={!headers.length}
      emptyText="No headers came with the report."
    >
      <Table aria-label="Headers">
        <TableHeader>
          <TableRow>
            <TableHead className="w-40">Header</TableHead>
            <TableHead>Value</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {headers.map((header, index) => (
            <TableRow key={`${header.key}-${index}`}>
              <TableCell className="align-top font-medium">{header.key}</TableCell>
              <TableCell className="min-w-64 font-mono text-xs whitespace-normal break-all">{header.value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ListCard>
  );
}
