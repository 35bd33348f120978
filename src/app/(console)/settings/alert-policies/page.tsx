import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { listAlertPolicies } from "@/server/alerts/alert-policies.service";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { AlertPoliciesList } from "./alert-policies-list";

export const metadata: Metadata = { title: "Alert policies" };

export default async function AlertPoliciesPage() {
  const principal = await requirePagePermission("settings:read");
  const policies = await listAlertPolicies();
  return (
    <div>
      <BackLink href="/settings" label="Settings" />
      <PageHeader
        title="Alert policies"
        description="The built-in detections: whether each one runs, how severe its alerts are, and the outbound sending limits."
      />
      <AlertPoliciesList policies={policies} canEdit={can(principal.role, "settings:write")} />
    </div>
  );
}
