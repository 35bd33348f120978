import { getAlertHistory } from "@/server/alerts/alerts.queries";
import { ZAlertHistoryQuery } from "@/server/alerts/alerts.schemas";
import { notFound } from "@/server/http/app-error";
import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "alerts:read", params: ZIntIdParams, query: ZAlertHistoryQuery }, async ({ params, query }) => {
  const history = await getAlertHistory(params.id, query);
  if (!history) throw notFound("The alert");
  return history;
});
