import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { decideAction } from "@/server/actions/decide-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(ACTION_ROUTES.reject, ({ params, body, principal }) =>
  decideAction(params.id, "reject", body?.comment, principal),
);
