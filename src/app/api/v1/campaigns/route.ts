import { listCampaigns } from "@/server/campaigns/campaigns.queries";
import { ZCampaignListQuery } from "@/server/campaigns/campaigns.schemas";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "submissions:read", query: ZCampaignListQuery }, ({ query }) => listCampaigns(query));
