"use client";

import { PriorityAccountTag } from "@/components/console/priority-account-tag";
import { useEffect, useState } from "react";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import { actionTypeLabel } from "@/lib/labels";
import { PREVIEW_LOCATIONS } from "@/lib/preview-locations";
import { formatDateTime, formatNumber } from "@/lib/utils";
import type { TActionPreview, TEmailPreview, TIdentityPreview } from "@/server/actions/preview-action";

const TOP_SHOWN = 5;

type TLoaded = { previews: TActionPreview[]; error: null } | { previews: null; error: string };

/** The live previews of the actions about to be decided; null while they load. */
export function useActionPreviews(ids: number[]): TLoaded | null {
  const key = ids.join(",");
  const [loaded, setLoaded] = useState<{ key: string; value: TLoaded } | null>(null);
  useEffect(() => {
    if (!key) return;
    let isCurrent = true;
    Promise.all(key.split(",").map((id) => callApi("GET /api/v1/actions/{id}/preview", { params: { id } })))
      .then((previews) => isCurrent && setLoaded({ key, value: { previews, error: null } }))
      .catch(
        (caught) =>
          isCurrent &&
          setLoaded({
            key,
            value: { previews: null, error: apiErrorMessage(caught, "The preview could not be loaded") },
          }),
      );
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return loaded?.key === key ? loaded.value : null;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}

function Top({ title, rows }: { title: string; rows: { key: string; label: React.ReactNode; count: number }[] }) {
  if (!rows.length) return null;
  return (
    <div className="min-w-0 space-y-1">
      <h4 className="text-xs font-semibold text-muted-foreground">{title}</h4>
      <ol className="space-y-0.5" aria-label={title}>
        {rows.slice(0, TOP_SHOWN).map((row) => (
          <li key={row.key} className="flex min-w-0 justify-between gap-2">
            <span className="min-w-0 truncate" title={row.key}>
              {row.label}
            </span>
            <span className="tabular-nums text-muted-foreground">{formatNumber(row.count)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function EmailPreview({ preview }: { preview: TEmailPreview }) {
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-3 gap-2">
        <Figure label="Live now" value={formatNumber(preview.liveCount)} />
        <Figure label="When found" value={formatNumber(preview.frozenCount)} />
        <Figure label="Of the organisation" value={`${Math.round(preview.organisationShare * 1000) / 10} %`} />
      </dl>
      <ul className="flex flex-wrap gap-1.5" aria-label="Copies by location">
        {PREVIEW_LOCATIONS.map((location) => [location, preview.byLocation[location] ?? 0] as const)
          .filter(([, count]) => count > 0)
          .map(([location, count]) => (
            <li key={location} className="rounded border bg-background px-1.5 py-0.5 text-xs">
              {location} <span className="font-semibold tabular-nums">{formatNumber(count)}</span>
            </li>
          ))}
      </ul>
      <div className="grid gap-3 sm:grid-cols-2">
        <Top
          title={`Mailboxes (${formatNumber(preview.mailboxCount)}${preview.priorityMailboxCount ? `, ${formatNumber(preview.priorityMailboxCount)} priority` : ""})`}
          rows={preview.mailboxes.map((mailbox) => ({
            key: mailbox.address,
            count: mailbox.count,
            label: (
              <>
                {mailbox.isPriority ? <PriorityAccountTag /> : null}
                {mailbox.address}
              </>
            ),
          }))}
        />
        <Top
          title="Senders"
          rows={preview.senders.map((sender) => ({ key: sender.address, label: sender.address, count: sender.count }))}
        />
        <Top
          title="Link hosts"
          rows={preview.linkHosts.map((host) => ({ key: host.host, label: host.host, count: host.count }))}
        />
        {preview.oldest && preview.newest ? (
          <p className="text-xs text-muted-foreground">
            Received {formatDateTime(new Date(preview.oldest))} to {formatDateTime(new Date(preview.newest))}
          </p>
        ) : null}
      </div>
      {preview.samples.length ? (
        <details className="text-xs">
          <summary className="cursor-pointer text-muted-foreground">Sample messages</summary>
          <ul className="mt-1 space-y-1">
            {preview.samples.map((sample) => (
              <li key={`${sample.networkMessageId}-${sample.recipient}`} className="break-words">
                <span className="font-medium">{sample.subject}</span> — {sample.sender} to {sample.recipient} (
                {sample.location})
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function IdentityPreview({ preview }: { preview: TIdentityPreview }) {
  if (!preview.exists) return <p>The mailbox {preview.mailbox} no longer exists.</p>;
  return (
    <div className="space-y-2">
      <p className="break-all">
        {preview.isPriority ? <PriorityAccountTag /> : null}
        {preview.mailbox} loses:
      </p>
      <ul className="list-disc pl-5" aria-label="What the user loses">
        {preview.loses.length ? (
          preview.loses.map((loss) => <li key={loss}>{loss}</li>)
        ) : (
          <li>Nothing: it is already done</li>
        )}
      </ul>
      {preview.otherOpenActions.length ? (
        <p className="text-xs text-muted-foreground">
          Also pending on this user:{" "}
          {preview.otherOpenActions.map((action) => `${actionTypeLabel(action.type)} (#${action.id})`).join(", ")}
        </p>
      ) : null}
    </div>
  );
}

/** What an action touches (or touched, when History shows what the approver saw). */
export function ActionPreview({ preview }: { preview: TActionPreview }) {
  if (preview.kind === "email") return <EmailPreview preview={preview} />;
  if (preview.kind === "identity") return <IdentityPreview preview={preview} />;
  return <p className="text-muted-foreground">Nothing to count for this action.</p>;
}
