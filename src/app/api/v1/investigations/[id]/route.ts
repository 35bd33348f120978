import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";
import { INVESTIGATION_ROUTES } from "@/server/investigations/investigations.contracts";
import { getInvestigation } from "@/server/investigations/investigations.queries";

export const GET = withRoute(INVESTIGATION_ROUTES.get, async ({ params }) => {
  const investigation = await getInvestigation(params.id);
  if (!investigation) throw notFound("The investigation");
  return investigation;
});
