import { ALERT_ROUTES } from "@/server/alerts/alerts.contracts";
import { listAlerts } from "@/server/alerts/alerts.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(ALERT_ROUTES.list, ({ query, principal }) => listAlerts(query, principal));
