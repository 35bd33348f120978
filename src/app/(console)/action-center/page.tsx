import type { Metadata } from "next";
import { UrlTabs } from "@/components/console/url-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { countPendingActions, listActions, listActionTypes } from "@/server/actions/actions.queries";
import { ZActionListQuery } from "@/server/actions/actions.schemas";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { parseLenient } from "@/server/http/pagination";
import { ActionsTable } from "./actions-table";

export const metadata: Metadata = { title: "Action center" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ActionCenterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("actions:read");
  const raw = await searchParams;
  const query = parseLenient(ZActionListQuery, raw);
  // History reads best by decision time; the API keeps one default (creation time) for both views.
  if (query.view === "history" && first(raw.sort) !== query.sort) query.sort = "-decidedAt";
  const [page, types, pendingCount] = await Promise.all([
    listActions(query),
    listActionTypes(),
    countPendingActions(query.investigation),
  ]);
  // Switching tabs keeps only the investigation: the other filters (status, decided by) differ between tabs.
  const keep = query.investigation ? `investigation=${query.investigation}` : "";
  return (
    <div>
      <PageHeader
        title="Action center"
        description="Remediation actions waiting for approval, and the history of what was decided, by whom, and when."
      />
      <UrlTabs
        label="Action center views"
        tabs={[
          {
            href: `/action-center${keep ? `?${keep}` : ""}`,
            label: "Pending",
            count: pendingCount,
            isActive: query.view === "pending",
          },
          {
            href: `/action-center?view=history${keep ? `&${keep}` : ""}`,
            label: "History",
            isActive: query.view === "history",
          },
        ]}
      />
      {/* Keyed by tab: a decision's outcome notice belongs to the tab it was taken on. */}
      <ActionsTable
        key={query.view}
        view={query.view}
        data={page}
        sort={query.sort}
        types={types}
        canDecide={can(principal.role, "actions:decide")}
        canAssess={can(principal.role, "clusters:assess")}
        viewerId={principal.id}
      />
    </div>
  );
}
