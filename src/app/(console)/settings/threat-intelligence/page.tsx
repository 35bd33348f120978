import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { parseLenient } from "@/server/http/pagination";
import { ZIndicatorListQuery } from "@/server/intel/threat-indicators.schemas";
import { listIndicators } from "@/server/intel/threat-indicators.service";
import { ImportPanel } from "./import-panel";
import { IndicatorsTable } from "./indicators-table";

export const metadata: Metadata = { title: "Threat intelligence" };

export default async function ThreatIntelligencePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("settings:read");
  const query = parseLenient(ZIndicatorListQuery, await searchParams);
  const page = await listIndicators(query);
  const canEdit = can(principal.role, "settings:write");
  return (
    <div className="space-y-4">
      <div>
        <BackLink href="/settings" label="Settings" />
        <PageHeader
          title="Threat intelligence"
          description="URLs, domains, file hashes, IP addresses and senders known to be malicious. Investigations judge a reported message's links, files and sender against them."
        />
      </div>
      {canEdit ? (
        <ImportPanel />
      ) : (
        <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
          You can read these indicators; importing and deleting them needs the Security Administrator role.
        </p>
      )}
      <IndicatorsTable data={page} sort={query.sort} canDelete={canEdit} />
    </div>
  );
}
