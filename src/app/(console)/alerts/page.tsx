import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { listAlertPolicies, listAlerts, listAssignees } from "@/server/alerts/alerts.queries";
import { ZAlertListQuery } from "@/server/alerts/alerts.schemas";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { parseLenient } from "@/server/http/pagination";
import { AlertsTable } from "./alerts-table";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("alerts:read");
  const query = parseLenient(ZAlertListQuery, await searchParams);
  const [page, policies, assignees] = await Promise.all([
    listAlerts(query, principal),
    listAlertPolicies(),
    listAssignees(),
  ]);
  return (
    <div>
      <PageHeader
        title="Alerts"
        description="What the alert policies detected in mail flow and user reports, newest first."
      />
      <AlertsTable
        data={page}
        sort={query.sort}
        policyOptions={policies.map((policy) => ({ value: policy.id, label: policy.name }))}
        assignees={assignees}
        me={assignees.find((user) => principal.kind === "user" && user.id === principal.id) ?? null}
        canManage={can(principal.role, "alerts:update")}
      />
    </div>
  );
}
