import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { takeAction } from "@/server/actions/take-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(ACTION_ROUTES.take, ({ body, principal }) => takeAction(body, principal));
