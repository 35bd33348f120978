import { listAlerts } from "@/server/alerts/alerts.queries";
import { ZAlertListQuery } from "@/server/alerts/alerts.schemas";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "alerts:read", query: ZAlertListQuery }, ({ query, principal }) => listAlerts(query, principal));
