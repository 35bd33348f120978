import { DASHBOARD_ROUTES } from "@/server/dashboard/dashboard.contracts";
import { getHomeCounts } from "@/server/dashboard/get-home-counts";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(DASHBOARD_ROUTES.counts, () => getHomeCounts());
