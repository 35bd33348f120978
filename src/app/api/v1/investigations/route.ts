import { withRoute } from "@/server/http/with-route";
import { investigateUser } from "@/server/investigations/investigate-user";
import { INVESTIGATION_ROUTES } from "@/server/investigations/investigations.contracts";
import { listInvestigations } from "@/server/investigations/investigations.queries";
import { triggerInvestigation } from "@/server/investigations/trigger-investigation";

export const GET = withRoute(INVESTIGATION_ROUTES.list, ({ query }) => listInvestigations(query));

export const POST = withRoute(INVESTIGATION_ROUTES.trigger, ({ body, principal }) =>
  "user" in body ? investigateUser(body.user, principal) : triggerInvestigation(body, principal),
);
