import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SimpleTable } from "@/components/console/simple-table";
import { InvestigationStatusBadge } from "@/components/console/status-badges";
import { MailboxConfiguration } from "@/components/mailboxes/mailbox-configuration";
import { PageHeader } from "@/components/ui/page-header";
import { PLAYBOOK_LABELS } from "@/lib/labels";
import { formatDateTime, formatNumber } from "@/lib/utils";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { ZMailboxParams } from "@/server/mailboxes/mailboxes.schemas";
import { getMailboxOverview } from "@/server/mailboxes/get-mailbox-overview";
import { InvestigateUserButton } from "./investigate-user-button";
import { PriorityAccountSwitch } from "./priority-account-switch";

type TMailboxPageProps = { params: Promise<{ address: string }> };

// Metadata renders before the page's sign-in check: it names nothing a stranger should read back.
export const metadata: Metadata = { title: "Mailbox" };

const linkClass = "font-medium text-link hover:underline";

/** A user's mailbox: what the investigation graph's mailbox nodes open. */
export default async function MailboxPage({ params }: TMailboxPageProps) {
  const principal = await requirePagePermission("investigations:read");
  const parsed = ZMailboxParams.safeParse({ address: decodeURIComponent((await params).address) });
  const overview = parsed.success ? await getMailboxOverview(parsed.data.address) : null;
  if (!overview) notFound();
  const { mailbox, restriction, investigations, openAlerts } = overview;
  type TRun = (typeof investigations)[number];
  const columns = [
    {
      header: "Investigation",
      className: "whitespace-normal min-w-56",
      cell: (run: TRun) => (
        <Link className={linkClass} href={`/investigations/${run.id}`}>
          {run.name}
        </Link>
      ),
    },
    { header: "Status", cell: (run: TRun) => <InvestigationStatusBadge status={run.status} /> },
    { header: "Playbook", cell: (run: TRun) => PLAYBOOK_LABELS[run.playbook] },
    { header: "Created", cell: (run: TRun) => formatDateTime(run.createdAt) },
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={mailbox.displayName}
        description={<span className="break-all">{mailbox.address}</span>}
        actions={
          can(principal.role, "investigations:trigger") ? <InvestigateUserButton address={mailbox.address} /> : null
        }
      />
      {restriction ? (
        <p
          role="status"
          className="rounded-md border border-high/30 bg-high-subtle px-3 py-2 text-sm text-high-foreground"
        >
          Restricted from sending email since {formatDateTime(restriction.restrictedAt)}: {restriction.reason}.{" "}
          <Link
            className="font-medium underline"
            href={`/restricted-users?state=all&user=${encodeURIComponent(mailbox.address)}`}
          >
            View restricted user details
          </Link>
        </p>
      ) : null}
      {can(principal.role, "settings:write") ? (
        <PriorityAccountSwitch address={mailbox.address} isPriority={mailbox.isPriority} />
      ) : mailbox.isPriority ? (
        <p className="text-sm font-medium">Priority account</p>
      ) : null}
      <p className="text-sm text-muted-foreground">
        <Link className={linkClass} href={`/alerts?user=${encodeURIComponent(mailbox.address)}`}>
          {formatNumber(openAlerts)} open alert{openAlerts === 1 ? "" : "s"}
        </Link>{" "}
        involve this user.
      </p>
      <MailboxConfiguration mailbox={mailbox} />
      <section aria-labelledby="mailbox-investigations" className="space-y-2">
        <h2 id="mailbox-investigations" className="text-sm font-semibold">
          Investigations
        </h2>
        <SimpleTable
          label="Investigations"
          columns={columns}
          rows={investigations}
          getKey={(run) => run.id}
          emptyTitle="No investigations"
          emptyDescription="No investigation has looked at this user yet."
        />
      </section>
    </div>
  );
}
