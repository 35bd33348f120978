import { withRoute } from "@/server/http/with-route";
import { ZIdParams, ZUpdateUserSchema } from "@/server/users/users.schemas";
import { updateUser } from "@/server/users/users.service";

export const PATCH = withRoute({ permission: "users:manage", params: ZIdParams, body: ZUpdateUserSchema }, ({ params, body, principal }) =>
  updateUser(params.id, body, principal),
);
