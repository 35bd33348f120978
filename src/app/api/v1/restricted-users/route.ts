import { withRoute } from "@/server/http/with-route";
import { listRestrictedUsers } from "@/server/restrictions/restrictions.queries";
import { ZRestrictedUserListQuery } from "@/server/restrictions/restrictions.schemas";

export const GET = withRoute({ permission: "restrictedUsers:read", query: ZRestrictedUserListQuery }, ({ query }) => listRestrictedUsers(query));
