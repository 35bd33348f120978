import { withRoute } from "@/server/http/with-route";
import { ZCreateTokenSchema } from "@/server/tokens/tokens.schemas";
import { createToken, listTokens } from "@/server/tokens/tokens.service";

export const GET = withRoute({ permission: "tokens:manage" }, async () => ({ items: await listTokens() }));

export const POST = withRoute({ permission: "tokens:manage", body: ZCreateTokenSchema, status: 201 }, ({ body, principal }) =>
  createToken(body, principal),
);
