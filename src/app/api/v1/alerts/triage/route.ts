import { ZTriageAlertsBody } from "@/server/alerts/alerts.schemas";
import { triageAlerts } from "@/server/alerts/triage-alerts";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute({ permission: "alerts:update", body: ZTriageAlertsBody }, ({ body, principal }) => triageAlerts(body, principal));
