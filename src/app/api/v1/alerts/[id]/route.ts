import { getAlert } from "@/server/alerts/alerts.queries";
import { notFound } from "@/server/http/app-error";
import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "alerts:read", params: ZIntIdParams }, async ({ params }) => {
  const alert = await getAlert(params.id);
  if (!alert) throw notFound("The alert");
  return alert;
});
