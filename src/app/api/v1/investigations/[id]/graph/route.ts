import { notFound } from "@/server/http/app-error";
import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";
import { getInvestigationGraph } from "@/server/investigations/investigation-entities.queries";

export const GET = withRoute({ permission: "investigations:read", params: ZIntIdParams }, async ({ params }) => {
  const graph = await getInvestigationGraph(params.id);
  if (!graph) throw notFound("The investigation");
  return graph;
});
