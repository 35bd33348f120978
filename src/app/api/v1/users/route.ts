import { withRoute } from "@/server/http/with-route";
import { ZCreateUserSchema, ZUserListQuery } from "@/server/users/users.schemas";
import { createUser, listUsers } from "@/server/users/users.service";

export const GET = withRoute({ permission: "users:manage", query: ZUserListQuery }, ({ query }) => listUsers(query));

export const POST = withRoute({ permission: "users:manage", body: ZCreateUserSchema, status: 201 }, ({ body, principal }) =>
  createUser(body, principal),
);
