import { withRoute } from "@/server/http/with-route";
import { INVESTIGATION_ROUTES } from "@/server/investigations/investigations.contracts";
import { revertInvestigation } from "@/server/investigations/revert-investigation";

export const POST = withRoute(INVESTIGATION_ROUTES.revert, ({ params, body, principal }) =>
  revertInvestigation(params.id, body.comment, principal),
);
