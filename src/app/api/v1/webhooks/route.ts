import { withRoute } from "@/server/http/with-route";
import { WEBHOOK_ROUTES } from "@/server/webhooks/webhooks.contracts";
import { createWebhook, listWebhooks } from "@/server/webhooks/webhooks.service";

export const GET = withRoute(WEBHOOK_ROUTES.list, () => listWebhooks());

export const POST = withRoute(WEBHOOK_ROUTES.create, ({ body, principal }) => createWebhook(body, principal));
