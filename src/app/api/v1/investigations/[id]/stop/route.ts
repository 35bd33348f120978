import { withRoute } from "@/server/http/with-route";
import { INVESTIGATION_ROUTES } from "@/server/investigations/investigations.contracts";
import { stopInvestigation } from "@/server/investigations/stop-investigation";

export const POST = withRoute(INVESTIGATION_ROUTES.stop, ({ params, body, principal }) =>
  stopInvestigation(params.id, body.reason, principal),
);
