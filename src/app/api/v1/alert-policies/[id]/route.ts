import { ALERT_POLICY_ROUTES } from "@/server/alerts/alert-policies.contracts";
import { updateAlertPolicy } from "@/server/alerts/alert-policies.service";
import { withRoute } from "@/server/http/with-route";

export const PATCH = withRoute(ALERT_POLICY_ROUTES.update, ({ params, body, principal }) =>
  updateAlertPolicy(params.id, body, principal),
);
