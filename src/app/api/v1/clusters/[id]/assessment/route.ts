import { assessCluster } from "@/server/clusters/assess-cluster";
import { CLUSTER_ROUTES } from "@/server/clusters/clusters.contracts";
import { withRoute } from "@/server/http/with-route";

export const PUT = withRoute(CLUSTER_ROUTES.assess, ({ params, body, principal }) =>
  assessCluster(params.id, body, principal),
);
