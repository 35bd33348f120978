import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { listWebhooks } from "@/server/webhooks/webhooks.service";
import { WebhooksPanel } from "./webhooks-panel";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requirePagePermission("webhooks:manage");
  const { items } = await listWebhooks();
  return (
    <div>
      <BackLink href="/settings" label="Settings" />
      <PageHeader
        title="Integrations"
        description="Webhooks send the SIEM feed (alerts, investigation status changes, action decisions) to your SIEM or SOAR as they happen. Scripts can also poll GET /api/v1/activity/feed."
      />
      <WebhooksPanel webhooks={items} />
    </div>
  );
}
