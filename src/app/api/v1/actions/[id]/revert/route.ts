import { ZActionIdParams, ZRevertBody } from "@/server/actions/action-decision.schemas";
import { revertEmailAction } from "@/server/actions/revert-email-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute({ permission: "actions:decide", params: ZActionIdParams, body: ZRevertBody }, ({ params, body, principal }) =>
  revertEmailAction(params.id, body.to, body.comment, principal),
);
