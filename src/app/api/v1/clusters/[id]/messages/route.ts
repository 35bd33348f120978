import { listClusterMessages } from "@/server/clusters/clusters.queries";
import { ZClusterIdParams, ZClusterMessagesQuery } from "@/server/clusters/clusters.schemas";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "investigations:read", params: ZClusterIdParams, query: ZClusterMessagesQuery }, ({ params, query }) =>
  listClusterMessages(params.id, query),
);
