import { CLUSTER_ROUTES } from "@/server/clusters/clusters.contracts";
import { listClusterMessages } from "@/server/clusters/clusters.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(CLUSTER_ROUTES.messages, ({ params, query }) => listClusterMessages(params.id, query));
