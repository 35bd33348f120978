import { ALERT_ROUTES } from "@/server/alerts/alerts.contracts";
import { commentOnAlert } from "@/server/alerts/triage-alerts";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(ALERT_ROUTES.comment, async ({ params, body, principal }) => {
  await commentOnAlert(params.id, body.comment, principal);
  return { alertId: params.id, comment: body.comment };
});
