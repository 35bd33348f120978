import { withRoute } from "@/server/http/with-route";
import { HUNTING_ROUTES } from "@/server/hunting/hunting.contracts";
import { deleteSavedQuery, updateSavedQuery } from "@/server/hunting/saved-queries.service";

export const PUT = withRoute(HUNTING_ROUTES.update, ({ params, body, principal }) =>
  updateSavedQuery(params.id, body, principal),
);

export const DELETE = withRoute(HUNTING_ROUTES.remove, ({ params, principal }) =>
  deleteSavedQuery(params.id, principal),
);
