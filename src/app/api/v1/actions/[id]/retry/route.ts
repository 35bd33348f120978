import { ZActionIdParams } from "@/server/actions/action-decision.schemas";
import { retryEmailAction } from "@/server/actions/retry-email-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute({ permission: "actions:decide", params: ZActionIdParams }, ({ params, principal }) => retryEmailAction(params.id, principal));
