import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { decideAction } from "@/server/actions/decide-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(ACTION_ROUTES.approve, ({ params, body, principal }) =>
  decideAction(params.id, "approve", body?.comment, principal),
);
