import { ACTIVITY_ROUTES } from "@/server/activity/activity.contracts";
import { getActivityFeed } from "@/server/activity/get-activity-feed";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(ACTIVITY_ROUTES.feed, ({ query }) => getActivityFeed(query));
