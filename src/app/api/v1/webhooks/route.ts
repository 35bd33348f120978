import { withRoute } from "@/server/http/with-route";
import { ZCreateWebhookBody } from "@/server/webhooks/webhooks.schemas";
import { createWebhook, listWebhooks } from "@/server/webhooks/webhooks.service";

export const GET = withRoute({ permission: "webhooks:manage" }, () => listWebhooks());

export const POST = withRoute({ permission: "webhooks:manage", body: ZCreateWebhookBody, status: 201 }, ({ body, principal }) => createWebhook(body, principal));
