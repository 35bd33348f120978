import { ZActivityFeedQuery } from "@/server/activity/activity.schemas";
import { getActivityFeed } from "@/server/activity/get-activity-feed";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "activity:read", query: ZActivityFeedQuery }, ({ query }) => getActivityFeed(query));
