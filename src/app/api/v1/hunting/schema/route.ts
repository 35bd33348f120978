import { HUNTING_ROUTES } from "@/server/hunting/hunting.contracts";
import { getHuntingSchema } from "@/server/hunting/hunting.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(HUNTING_ROUTES.schema, () => getHuntingSchema());
