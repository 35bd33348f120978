import { withRoute } from "@/server/http/with-route";
import { RESTRICTION_ROUTES } from "@/server/restrictions/restrictions.contracts";
import { listRestrictedUsers } from "@/server/restrictions/restrictions.queries";

export const GET = withRoute(RESTRICTION_ROUTES.list, ({ query }) => listRestrictedUsers(query));
