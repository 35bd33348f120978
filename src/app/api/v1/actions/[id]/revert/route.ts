import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { revertEmailAction } from "@/server/actions/revert-email-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(ACTION_ROUTES.revert, ({ params, body, principal }) =>
  revertEmailAction(params.id, body.to, body.comment, principal),
);
