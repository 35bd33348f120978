import { ALERT_ROUTES } from "@/server/alerts/alerts.contracts";
import { getAlert } from "@/server/alerts/alerts.queries";
import { updateAlert } from "@/server/alerts/triage-alerts";
import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";

async function alertOr404(id: number) {
  const alert = await getAlert(id);
  if (!alert) throw notFound("The alert");
  return alert;
}

export const GET = withRoute(ALERT_ROUTES.get, ({ params }) => alertOr404(params.id));

export const PATCH = withRoute(ALERT_ROUTES.update, async ({ params, body, principal }) => {
  await updateAlert(params.id, body, principal);
  return alertOr404(params.id);
});
