import { getHomeTrends } from "@/server/dashboard/get-home-trends";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "console:read" }, () => getHomeTrends());
