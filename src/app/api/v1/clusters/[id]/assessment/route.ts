import { assessCluster } from "@/server/clusters/assess-cluster";
import { ZAssessClusterBody, ZClusterIdParams } from "@/server/clusters/clusters.schemas";
import { withRoute } from "@/server/http/with-route";

export const PUT = withRoute({ permission: "clusters:assess", params: ZClusterIdParams, body: ZAssessClusterBody }, ({ params, body, principal }) => assessCluster(params.id, body, principal));
