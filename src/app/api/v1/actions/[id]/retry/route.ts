import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { retryEmailAction } from "@/server/actions/retry-email-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(ACTION_ROUTES.retry, ({ params, principal }) => retryEmailAction(params.id, principal));
