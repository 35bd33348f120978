"use client";

import { Webhook } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/console/form-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import { ACTIVITY_CONTENT_TYPE_LABELS } from "@/lib/labels";
import { formatDateTime } from "@/lib/utils";
import { DeliveryLog, type TDeliveryRow } from "./delivery-log";
import { NewWebhookDialog } from "./new-webhook-dialog";

type TWebhookRow = {
  id: string;
  name: string;
  url: string;
  contentTypes: (keyof typeof ACTIVITY_CONTENT_TYPE_LABELS)[];
  isEnabled: boolean;
  pausedReason: string | null;
  failedAttempts: number;
  nextAttemptAt: Date | null;
  createdByName: string;
  createdAt: Date;
  recentDeliveries: TDeliveryRow[];
};

export function WebhooksPanel({ webhooks }: { webhooks: TWebhookRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function change(call: () => Promise<unknown>) {
    setError(null);
    try {
      await call();
      router.refresh();
    } catch (caught) {
      setError(apiErrorMessage(caught, "Could not change the webhook"));
    }
  }

  return (
    <div className="space-y-4">
      <div className="space-y-1 rounded-lg border bg-muted/30 p-4 text-sm text-muted-foreground">
        <p>
          Each delivery is a POST of{" "}
          <code className="font-mono text-xs">{"{ webhookId, attempt, sentAt, records }"}</code>, the same records as
          the feed, each sent once. Check{" "}
          <code className="font-mono text-xs">X-Breakwater-Signature: sha256=&lt;hex&gt;</code>, the HMAC-SHA256 of the
          raw body with the webhook&apos;s secret, and refuse a{" "}
          <code className="font-mono text-xs">X-Breakwater-Timestamp</code> that is too old.
        </p>
        <p>
          A failed delivery is sent again after 1, 4, 16, 64 and 256 seconds with the same records; after the sixth
          failure the webhook pauses where it stopped until you enable it.
        </p>
      </div>
      <div className="flex justify-end">
        <NewWebhookDialog onCreated={() => router.refresh()} />
      </div>
      <FormError message={error} />
      {webhooks.length === 0 ? (
        <EmptyState
          icon={Webhook}
          title="No webhooks yet"
          description="Add one for each SIEM or automation that should hear about alerts, investigations and decisions."
        />
      ) : (
        webhooks.map((webhook) => (
          <section
            key={webhook.id}
            aria-labelledby={`webhook-${webhook.id}`}
            className="space-y-3 rounded-lg border p-4"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 space-y-1">
                <h2 id={`webhook-${webhook.id}`} className="font-semibold">
                  {webhook.name} <WebhookStatus webhook={webhook} />
                </h2>
                <p className="font-mono text-xs break-all">{webhook.url}</p>
                <p className="text-xs text-muted-foreground">
                  {webhook.contentTypes.map((type) => ACTIVITY_CONTENT_TYPE_LABELS[type]).join(", ")} · added{" "}
                  {formatDateTime(webhook.createdAt)} by {webhook.createdByName}
                </p>
                {webhook.pausedReason ? <p className="text-xs text-destructive">{webhook.pausedReason}</p> : null}
              </div>
              <div className="flex gap-2">
                <Button
                  variant="outline"
                  size="sm"
                  onClick={() =>
                    change(() =>
                      callApi("PATCH /api/v1/webhooks/{id}", {
                        params: webhook,
                        body: { isEnabled: !webhook.isEnabled },
                      }),
                    )
                  }
                >
                  {webhook.isEnabled ? "Disable" : "Enable"}
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => change(() => callApi("DELETE /api/v1/webhooks/{id}", { params: webhook }))}
                  aria-label={`Delete ${webhook.name}`}
                >
                  Delete
                </Button>
              </div>
            </div>
            <DeliveryLog name={webhook.name} deliveries={webhook.recentDeliveries} />
          </section>
        ))
      )}
    </div>
  );
}

function WebhookStatus({ webhook }: { webhook: TWebhookRow }) {
  if (webhook.pausedReason) return <Badge variant="high">Paused</Badge>;
  if (!webhook.isEnabled) return <Badge variant="outline">Disabled</Badge>;
  if (webhook.failedAttempts > 0)
    return (
      <Badge variant="medium">
        Retrying {webhook.nextAttemptAt ? `at ${formatDateTime(webhook.nextAttemptAt)}` : ""}
      </Badge>
    );
  return <Badge variant="success">Active</Badge>;
}
