import { withRoute } from "@/server/http/with-route";
import { USER_ROUTES } from "@/server/users/users.contracts";
import { updateUser } from "@/server/users/users.service";

export const PATCH = withRoute(USER_ROUTES.update, ({ params, body, principal }) =>
  updateUser(params.id, body, principal),
);
