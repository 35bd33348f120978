import { listActions } from "@/server/actions/actions.queries";
import { ZActionListQuery } from "@/server/actions/actions.schemas";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "actions:read", query: ZActionListQuery }, ({ query }) => listActions(query));
