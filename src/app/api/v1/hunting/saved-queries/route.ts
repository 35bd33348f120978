import { withRoute } from "@/server/http/with-route";
import { HUNTING_ROUTES } from "@/server/hunting/hunting.contracts";
import { createSavedQuery, listSavedQueries } from "@/server/hunting/saved-queries.service";

export const GET = withRoute(HUNTING_ROUTES.listSaved, ({ principal }) => listSavedQueries(principal));

export const POST = withRoute(HUNTING_ROUTES.save, ({ body, principal }) => createSavedQuery(body, principal));
