import { withRoute } from "@/server/http/with-route";
import { WEBHOOK_ROUTES } from "@/server/webhooks/webhooks.contracts";
import { listDeliveries } from "@/server/webhooks/webhooks.service";

export const GET = withRoute(WEBHOOK_ROUTES.deliveries, ({ params, query }) => listDeliveries(params.id, query));
