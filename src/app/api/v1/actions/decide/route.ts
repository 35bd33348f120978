import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { decideActions } from "@/server/actions/decide-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(ACTION_ROUTES.decideMany, ({ body, principal }) =>
  decideActions(body.ids, body.decision, body.comment, principal),
);
