import { withRoute } from "@/server/http/with-route";
import { ZSavedQueryBody, ZSavedQueryIdParams } from "@/server/hunting/saved-queries.schemas";
import { deleteSavedQuery, updateSavedQuery } from "@/server/hunting/saved-queries.service";

export const PUT = withRoute({ permission: "console:read", params: ZSavedQueryIdParams, body: ZSavedQueryBody }, ({ params, body, principal }) =>
  updateSavedQuery(params.id, body, principal),
);

export const DELETE = withRoute({ permission: "console:read", params: ZSavedQueryIdParams }, ({ params, principal }) => deleteSavedQuery(params.id, principal));
