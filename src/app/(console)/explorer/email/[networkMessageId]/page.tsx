import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { formatUtcSeconds } from "@/lib/email-format";
import { formatNumber } from "@/lib/utils";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { ZEmailMessageParams } from "@/server/explorer/explorer.schemas";
import { findEmailMessage } from "@/server/explorer/get-email-message";
import { AttachmentsCard, RecipientsCard, UrlsCard } from "./message-details";
import { MessageActions } from "./message-actions";
import { AuthenticationCard, HeadersCard } from "./message-overview";
import { TimelineCard } from "./message-timeline";

type TProps = { params: Promise<{ networkMessageId: string }> };

// The title and the page read the same message; cache() makes that one query per request.
const loadMessage = cache(async (networkMessageId: string) => {
  const parsed = ZEmailMessageParams.safeParse({ networkMessageId });
  return parsed.success ? findEmailMessage(parsed.data.networkMessageId) : null;
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  // Metadata renders apart from the page (and from the layout on a client navigation): it guards itself too.
  await requirePagePermission("console:read");
  const message = await loadMessage((await params).networkMessageId);
  return { title: message ? `${message.subject || "(no subject)"} · Threat Explorer` : "Message not found" };
}

export default async function EmailMessagePage({ params }: TProps) {
  const principal = await requirePagePermission("console:read");
  const message = await loadMessage((await params).networkMessageId);
  if (!message) notFound();
  const recipients = `${formatNumber(message.recipientCount)} recipient${message.recipientCount === 1 ? "" : "s"}`;
  return (
    <div className="space-y-4">
      <Link
        href="/explorer"
        className="inline-flex items-center gap-1.5 rounded-sm text-sm text-link hover:underline focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-ring"
      >
        <ArrowLeft className="size-4" aria-hidden />
        Threat Explorer
      </Link>
      <PageHeader
        className="mb-2"
        title={message.subject || "(no subject)"}
        description={`From ${message.senderFromAddress} to ${recipients} · ${formatUtcSeconds(message.timestamp)} UTC · ${message.emailDirection}`}
        actions={
          can(principal.role, "actions:decide") && can(principal.role, "investigations:trigger") ? (
            <MessageActions networkMessageId={message.networkMessageId} recipientCount={message.recipientCount} />
          ) : null
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <HeadersCard message={message} className="min-w-0 lg:col-span-2" />
        <AuthenticationCard details={message.authenticationDetails} className="min-w-0" />
      </div>
      <RecipientsCard message={message} />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <UrlsCard urls={message.urls} />
        <AttachmentsCard attachments={message.attachments} />
      </div>
      <TimelineCard message={message} />
    </div>
  );
}
