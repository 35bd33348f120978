import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatBytes } from "@/lib/email-format";
import { formatNumber } from "@/lib/utils";
import type { TEmailMessage } from "@/server/explorer/get-email-message";
import { ThreatBadges } from "../../threat-badges";
import { pivotClass } from "./message-overview";

/** A card holding one list of a message (recipients, links, files), or a line saying there is none. */
export function ListCard({
  title,
  description,
  isEmpty,
  emptyText,
  children,
}: {
  title: string;
  description?: string;
  isEmpty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>
        {isEmpty ? (
          <p className="text-sm text-muted-foreground">{emptyText}</p>
        ) : (
          <div className="overflow-x-auto rounded-md border">{children}</div>
        )}
      </CardContent>
    </Card>
  );
}

export function RecipientsCard({ message }: { message: TEmailMessage }) {
  const shown = message.recipients.length;
  const description =
    message.recipientCount > shown
      ? `Showing ${formatNumber(shown)} of ${formatNumber(message.recipientCount)} recipients.`
      : "Where the message went for each recipient, and where it is now.";
  return (
    <ListCard
      title={`Recipients (${formatNumber(message.recipientCount)})`}
      description={description}
      isEmpty={shown === 0}
      emptyText="No recipients recorded."
    >
      <Table aria-label="Recipients">
        <TableHeader>
          <TableRow>
            <TableHead>Recipient</TableHead>
            <TableHead>Delivery action</TableHead>
            <TableHead>Original location</TableHead>
            <TableHead>Latest delivery location</TableHead>
            <TableHead>Threats</TableHead>
            <TableHead>Additional actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {message.recipients.map((recipient) => (
            <TableRow key={recipient.id}>
              <TableCell className="font-medium">{recipient.recipientEmailAddress}</TableCell>
              <TableCell>{recipient.deliveryAction}</TableCell>
              <TableCell>{recipient.deliveryLocation}</TableCell>
              <TableCell>{recipient.latestDeliveryLocation}</TableCell>
              <TableCell>
                <ThreatBadges threats={recipient.threatTypes} />
              </TableCell>
              <TableCell className="min-w-44 whitespace-normal">
                {recipient.additionalActions.length ? (
                  recipient.additionalActions.join(", ")
                ) : (
                  <span className="text-muted-foreground">None</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ListCard>
  );
}

export function UrlsCard({ urls }: { urls: TEmailMessage["urls"] }) {
  return (
    <ListCard
      title={`URLs (${formatNumber(urls.length)})`}
      isEmpty={urls.length === 0}
      emptyText="The message has no URLs."
    >
      <ul aria-label="URLs" className="divide-y">
        {urls.map((url) => (
          <li key={url.id} className="space-y-1 px-3 py-2">
            {/* Plain text on purpose: a URL from a suspicious message must never be one click away. */}
            <p className="font-mono text-xs break-all">{url.url}</p>
            <p className="text-xs text-muted-foreground">
              <Link
                href={`/explorer?urlDomain=${encodeURIComponent(url.urlDomain)}`}
                className={pivotClass}
                title="Search Explorer for mail with this URL domain"
              >
                {url.urlDomain}
              </Link>
              {` · found in ${url.urlLocation.toLowerCase()}`}
            </p>
          </li>
        ))}
      </ul>
    </ListCard>
  );
}

export function AttachmentsCard({ attachments }: { attachments: TEmailMessage["attachments"] }) {
  return (
    <ListCard
      title={`Attachments (${formatNumber(attachments.length)})`}
      isEmpty={attachments.length === 0}
      emptyText="The message has no attachments."
    >
      <ul aria-label="Attachments" className="divide-y">
        {attachments.map((file) => (
          <li key={`${file.sha256} ${file.fileName}`} className="space-y-1 px-3 py-2">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium break-all">{file.fileName}</span>
              <span className="text-xs text-muted-foreground">
                {file.fileType} · {formatBytes(file.fileSize)}
                {file.recipientCount > 1 ? ` · to ${formatNumber(file.recipientCount)} recipients` : null}
              </span>
              <ThreatBadges threats={file.threatTypes} />
            </div>
            <p className="font-mono text-xs break-all">
              <span className="sr-only">SHA-256: </span>
              <Link
                href={`/explorer?sha256=${file.sha256}`}
                className={pivotClass}
                title="Search Explorer for mail with this file (SHA-256)"
              >
                {file.sha256}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </ListCard>
  );
}
