import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";
import { revertInvestigation, ZRevertInvestigationBody } from "@/server/investigations/revert-investigation";

export const POST = withRoute({ permission: "actions:decide", params: ZIntIdParams, body: ZRevertInvestigationBody }, ({ params, body, principal }) =>
  revertInvestigation(params.id, body.comment, principal),
);
