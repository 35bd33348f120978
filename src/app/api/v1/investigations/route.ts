import { ZSelection } from "@/server/explorer/selection";
import { withRoute } from "@/server/http/with-route";
import { listInvestigations } from "@/server/investigations/investigations.queries";
import { ZInvestigationListQuery } from "@/server/investigations/investigations.schemas";
import { triggerInvestigation } from "@/server/investigations/trigger-investigation";

export const GET = withRoute({ permission: "investigations:read", query: ZInvestigationListQuery }, ({ query }) => listInvestigations(query));

export const POST = withRoute({ permission: "investigations:trigger", body: ZSelection, status: 201 }, ({ body, principal }) => triggerInvestigation(body, principal));
