import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";
import { listInvestigationEntities } from "@/server/investigations/investigation-entities.queries";
import { INVESTIGATION_ROUTES } from "@/server/investigations/investigations.contracts";

export const GET = withRoute(INVESTIGATION_ROUTES.entities, async ({ params, query }) => {
  const entities = await listInvestigationEntities(params.id, query);
  if (!entities) throw notFound("The investigation");
  return entities;
});
