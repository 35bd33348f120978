import { defineContract } from "@/server/http/contract";
import { ZActivityFeedPage, ZActivityFeedQuery } from "./activity.schemas";

export const ACTIVITY_ROUTES = {
  feed: defineContract({
    method: "GET",
    path: "/api/v1/activity/feed",
    permission: "activity:read",
    summary: "SIEM activity feed",
    query: ZActivityFeedQuery,
    response: ZActivityFeedPage,
  }),
};
