import { ZActionIdParams, ZDecisionBody } from "@/server/actions/action-decision.schemas";
import { decideAction } from "@/server/actions/decide-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute({ permission: "actions:decide", params: ZActionIdParams, body: ZDecisionBody }, ({ params, body, principal }) =>
  decideAction(params.id, "approve", body?.comment, principal),
);
