import { getHomeCounts } from "@/server/dashboard/get-home-counts";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "console:read" }, () => getHomeCounts());
