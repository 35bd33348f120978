import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatBytes } from "@/lib/email-format";
import { formatNumber } from "@/lib/utils";
import type { TEmailMessage } from "@/server/explorer/get-email-message";
import { ThreatBadges } from "../../threat-badges";
import { pivotClass } from "./message-overview";

function ListCard({ title, description, isEmpty, emptyText, children }: { title: string; description?: string; isEmpty: boolean; emptyText: string; children: ReactNode }) {
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>{isEmpty ? <p className="text-sm text-muted-foreground">{emptyText}</p> : <div className="overflow-hidden rounded-md border">{children}</div>}</CardContent>
    </Card>
  );
}

export function RecipientsCard({ message }: { message: TEmailMessage }) {
  const shown = message.recipients.length;
  const description =
    message.recipientCount > shown ? `Showing ${formatNumber(shown)} of ${formatNumber(message.recipientCount)} recipients.` : "Where the message went for each recipient, and where it is now.";
  return (
    <ListCard title={`Recipients (${formatNumber(message.recipientCount)})`} description={description} isEmpty={shown === 0} emptyText="No recipients recorded.">
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
              <TableCell>{recipient.additionalActions.length ? recipient.additionalActions.join(", ") : <span className="text-muted-foreground">None</span>}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ListCard>
  );
}

export function UrlsCard({ urls }: { urls: TEmailMessage["urls"] }) {
  return (
    <ListCard title={`URLs (${formatNumber(urls.length)})`} isEmpty={urls.length === 0} emptyText="The message has no URLs.">
      <Table aria-label="URLs">
        <TableHeader>
          <TableRow>
            <TableHead>URL</TableHead>
            <TableHead>Domain</TableHead>
            <TableHead>Found in</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {urls.map((url) => (
            <TableRow key={url.id}>
              {/* Plain text on purpose: a URL from a suspicious message must never be one click away. */}
              <TableCell className="max-w-96 font-mono text-xs break-all whitespace-normal">{url.url}</TableCell>
              <TableCell>
                <Link href={`/explorer?urlDomain=${encodeURIComponent(url.urlDomain)}`} className={pivotClass} title="Search Explorer for mail with this URL domain">
                  {url.urlDomain}
                </Link>
              </TableCell>
              <TableCell>{url.urlLocation}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ListCard>
  );
}

export function AttachmentsCard({ attachments }: { attachments: TEmailMessage["attachments"] }) {
  return (
    <ListCard title={`Attachments (${formatNumber(attachments.length)})`} isEmpty={attachments.length === 0} emptyText="The message has no attachments.">
      <Table aria-label="Attachments">
        <TableHeader>
          <TableRow>
            <TableHead>File name</TableHead>
            <TableHead>Type</TableHead>
            <TableHead className="text-right">Size</TableHead>
            <TableHead>SHA-256</TableHead>
            <TableHead>Threats</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {attachments.map((file) => (
            <TableRow key={`${file.sha256} ${file.fileName}`}>
              <TableCell className="font-medium">{file.fileName}</TableCell>
              <TableCell>{file.fileType}</TableCell>
              <TableCell className="text-right tabular-nums">{formatBytes(file.fileSize)}</TableCell>
              <TableCell className="min-w-48 font-mono text-xs break-all whitespace-normal">
                <Link href={`/explorer?sha256=${file.sha256}`} className={pivotClass} title="Search Explorer for mail with this file">
                  {file.sha256}
                </Link>
              </TableCell>
              <TableCell>
                <ThreatBadges threats={file.threatTypes} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ListCard>
  );
}
