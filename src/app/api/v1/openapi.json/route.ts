import { withRoute } from "@/server/http/with-route";
import { buildOpenApi } from "@/server/openapi/build-openapi";
import { OPENAPI_ROUTES } from "@/server/openapi/openapi.contracts";

// Open like /api/health: client generators fetch it without a token, and it describes the API, not its data.
export const GET = withRoute(OPENAPI_ROUTES.document, async () => buildOpenApi());
