import { withRoute } from "@/server/http/with-route";
import { ZDeliveryListQuery, ZWebhookIdParams } from "@/server/webhooks/webhooks.schemas";
import { listDeliveries } from "@/server/webhooks/webhooks.service";

export const GET = withRoute({ permission: "webhooks:manage", params: ZWebhookIdParams, query: ZDeliveryListQuery }, ({ params, query }) =>
  listDeliveries(params.id, query),
);
