import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";
import { stopInvestigation, ZStopInvestigationBody } from "@/server/investigations/stop-investigation";

export const POST = withRoute({ permission: "investigations:stop", params: ZIntIdParams, body: ZStopInvestigationBody }, ({ params, body, principal }) =>
  stopInvestigation(params.id, body.reason, principal),
);
