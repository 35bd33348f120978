import { withRoute } from "@/server/http/with-route";
import { ZSavedQueryBody } from "@/server/hunting/saved-queries.schemas";
import { createSavedQuery, listSavedQueries } from "@/server/hunting/saved-queries.service";

export const GET = withRoute({ permission: "console:read" }, ({ principal }) => listSavedQueries(principal));

export const POST = withRoute({ permission: "console:read", body: ZSavedQueryBody, status: 201 }, ({ body, principal }) => createSavedQuery(body, principal));
