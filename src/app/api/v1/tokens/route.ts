import { withRoute } from "@/server/http/with-route";
import { TOKEN_ROUTES } from "@/server/tokens/tokens.contracts";
import { createToken, listTokens } from "@/server/tokens/tokens.service";

export const GET = withRoute(TOKEN_ROUTES.list, async () => ({ items: await listTokens() }));

export const POST = withRoute(TOKEN_ROUTES.create, ({ body, principal }) => createToken(body, principal));
