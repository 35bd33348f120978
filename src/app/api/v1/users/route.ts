import { withRoute } from "@/server/http/with-route";
import { USER_ROUTES } from "@/server/users/users.contracts";
import { createUser, listUsers } from "@/server/users/users.service";

export const GET = withRoute(USER_ROUTES.list, ({ query }) => listUsers(query));

export const POST = withRoute(USER_ROUTES.create, ({ body, principal }) => createUser(body, principal));
