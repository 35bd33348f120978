import { ALERT_ROUTES } from "@/server/alerts/alerts.contracts";
import { triageAlerts } from "@/server/alerts/triage-alerts";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(ALERT_ROUTES.triage, ({ body, principal }) => triageAlerts(body, principal));
