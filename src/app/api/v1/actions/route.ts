import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { listActions } from "@/server/actions/actions.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(ACTION_ROUTES.list, ({ query }) => listActions(query));
