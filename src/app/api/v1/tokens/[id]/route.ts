import { withRoute } from "@/server/http/with-route";
import { revokeToken } from "@/server/tokens/tokens.service";
import { ZIdParams } from "@/server/users/users.schemas";

export const DELETE = withRoute({ permission: "tokens:manage", params: ZIdParams }, ({ params, principal }) => revokeToken(params.id, principal));
