import { ZAlertCommentBody } from "@/server/alerts/alerts.schemas";
import { commentOnAlert } from "@/server/alerts/triage-alerts";
import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute({ permission: "alerts:update", params: ZIntIdParams, body: ZAlertCommentBody, status: 201 }, async ({ params, body, principal }) => {
  await commentOnAlert(params.id, body.comment, principal);
  return { alertId: params.id, comment: body.comment };
});
