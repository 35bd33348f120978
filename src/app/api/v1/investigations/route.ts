import { withRoute } from "@/server/http/with-route";
import { investigateUser, ZTriggerInvestigationBody } from "@/server/investigations/investigate-user";
import { listInvestigations } from "@/server/investigations/investigations.queries";
import { ZInvestigationListQuery } from "@/server/investigations/investigations.schemas";
import { triggerInvestigation } from "@/server/investigations/trigger-investigation";

export const GET = withRoute({ permission: "investigations:read", query: ZInvestigationListQuery }, ({ query }) => listInvestigations(query));

export const POST = withRoute({ permission: "investigations:trigger", body: ZTriggerInvestigationBody, status: 201 }, ({ body, principal }) =>
  "user" in body ? investigateUser(body.user, principal) : triggerInvestigation(body, principal),
);
