import { withRoute } from "@/server/http/with-route";
import { ZUpdateWebhookBody, ZWebhookIdParams } from "@/server/webhooks/webhooks.schemas";
import { deleteWebhook, updateWebhook } from "@/server/webhooks/webhooks.service";

export const PATCH = withRoute({ permission: "webhooks:manage", params: ZWebhookIdParams, body: ZUpdateWebhookBody }, ({ params, body, principal }) =>
  updateWebhook(params.id, body, principal),
);

export const DELETE = withRoute({ permission: "webhooks:manage", params: ZWebhookIdParams }, ({ params, principal }) => deleteWebhook(params.id, principal));
