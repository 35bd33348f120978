import { getAlert } from "@/server/alerts/alerts.queries";
import { ZUpdateAlertBody } from "@/server/alerts/alerts.schemas";
import { updateAlert } from "@/server/alerts/triage-alerts";
import { notFound } from "@/server/http/app-error";
import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";

async function alertOr404(id: number) {
  const alert = await getAlert(id);
  if (!alert) throw notFound("The alert");
  return alert;
}

export const GET = withRoute({ permission: "alerts:read", params: ZIntIdParams }, ({ params }) => alertOr404(params.id));

export const PATCH = withRoute({ permission: "alerts:update", params: ZIntIdParams, body: ZUpdateAlertBody }, async ({ params, body, principal }) => {
  await updateAlert(params.id, body, principal);
  return alertOr404(params.id);
});
