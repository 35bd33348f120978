import { ZDecideManyBody } from "@/server/actions/action-decision.schemas";
import { decideActions } from "@/server/actions/decide-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute({ permission: "actions:decide", body: ZDecideManyBody }, ({ body, principal }) =>
  decideActions(body.ids, body.decision, body.comment, principal),
);
