import { CAMPAIGN_ROUTES } from "@/server/campaigns/campaigns.contracts";
import { listCampaigns } from "@/server/campaigns/campaigns.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(CAMPAIGN_ROUTES.list, ({ query }) => listCampaigns(query));
