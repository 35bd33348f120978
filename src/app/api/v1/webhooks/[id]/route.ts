import { withRoute } from "@/server/http/with-route";
import { WEBHOOK_ROUTES } from "@/server/webhooks/webhooks.contracts";
import { deleteWebhook, updateWebhook } from "@/server/webhooks/webhooks.service";

export const PATCH = withRoute(WEBHOOK_ROUTES.update, ({ params, body, principal }) =>
  updateWebhook(params.id, body, principal),
);

export const DELETE = withRoute(WEBHOOK_ROUTES.remove, ({ params, principal }) => deleteWebhook(params.id, principal));
