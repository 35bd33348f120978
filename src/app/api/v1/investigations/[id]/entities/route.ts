import { notFound } from "@/server/http/app-error";
import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";
import { listInvestigationEntities, ZInvestigationEntitiesQuery } from "@/server/investigations/investigation-entities.queries";

export const GET = withRoute({ permission: "investigations:read", params: ZIntIdParams, query: ZInvestigationEntitiesQuery }, async ({ params, query }) => {
  const entities = await listInvestigationEntities(params.id, query);
  if (!entities) throw notFound("The investigation");
  return entities;
});
