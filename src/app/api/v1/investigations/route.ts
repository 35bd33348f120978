import { withRoute } from "@/server/http/with-route";
import { listInvestigations } from "@/server/investigations/investigations.queries";
import { ZInvestigationListQuery } from "@/server/investigations/investigations.schemas";

export const GET = withRoute({ permission: "investigations:read", query: ZInvestigationListQuery }, ({ query }) => listInvestigations(query));
