import { withRoute } from "@/server/http/with-route";
import { TOKEN_ROUTES } from "@/server/tokens/tokens.contracts";
import { revokeToken } from "@/server/tokens/tokens.service";

export const DELETE = withRoute(TOKEN_ROUTES.revoke, ({ params, principal }) => revokeToken(params.id, principal));
