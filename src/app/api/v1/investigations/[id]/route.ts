import { notFound } from "@/server/http/app-error";
import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";
import { getInvestigation } from "@/server/investigations/investigations.queries";

export const GET = withRoute({ permission: "investigations:read", params: ZIntIdParams }, async ({ params }) => {
  const investigation = await getInvestigation(params.id);
  if (!investigation) throw notFound("The investigation");
  return investigation;
});
