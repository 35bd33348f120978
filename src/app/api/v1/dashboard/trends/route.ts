import { DASHBOARD_ROUTES } from "@/server/dashboard/dashboard.contracts";
import { getHomeTrends } from "@/server/dashboard/get-home-trends";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(DASHBOARD_ROUTES.trends, () => getHomeTrends());
