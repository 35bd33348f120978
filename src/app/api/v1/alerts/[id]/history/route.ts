import { ALERT_ROUTES } from "@/server/alerts/alerts.contracts";
import { getAlertHistory } from "@/server/alerts/alerts.queries";
import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(ALERT_ROUTES.history, async ({ params, query }) => {
  const history = await getAlertHistory(params.id, query);
  if (!history) throw notFound("The alert");
  return history;
});
