import { getCluster } from "@/server/clusters/clusters.queries";
import { ZClusterIdParams } from "@/server/clusters/clusters.schemas";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "investigations:read", params: ZClusterIdParams }, ({ params }) => getCluster(params.id));
