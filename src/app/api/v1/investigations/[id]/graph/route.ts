import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";
import { getInvestigationGraph } from "@/server/investigations/investigation-entities.queries";
import { INVESTIGATION_ROUTES } from "@/server/investigations/investigations.contracts";

export const GET = withRoute(INVESTIGATION_ROUTES.graph, async ({ params }) => {
  const graph = await getInvestigationGraph(params.id);
  if (!graph) throw notFound("The investigation");
  return graph;
});
