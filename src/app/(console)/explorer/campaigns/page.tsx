import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { listCampaigns } from "@/server/campaigns/campaigns.queries";
import { ZCampaignListQuery } from "@/server/campaigns/campaigns.schemas";
import { parseLenient } from "@/server/http/pagination";
import { ExplorerViews } from "../explorer-views";
import { CampaignsTable } from "./campaigns-table";

export const metadata: Metadata = { title: "Campaigns · Threat Explorer" };

export default async function CampaignsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission("submissions:read");
  const query = parseLenient(ZCampaignListQuery, await searchParams);
  const page = await listCampaigns(query);
  return (
    <div>
      <PageHeader
        title="Threat Explorer"
        description="Campaigns: reports that share a sender, Reply-To, link host, file or body, seen as one attack."
      />
      <ExplorerViews active="campaigns" />
      <CampaignsTable data={page} sort={query.sort} />
    </div>
  );
}
