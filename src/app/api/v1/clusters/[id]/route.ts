import { CLUSTER_ROUTES } from "@/server/clusters/clusters.contracts";
import { getCluster } from "@/server/clusters/clusters.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(CLUSTER_ROUTES.get, ({ params }) => getCluster(params.id));
