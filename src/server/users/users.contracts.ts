import { z } from "zod";
import { ROLES } from "@/server/auth/permissions";
import { defineContract } from "@/server/http/contract";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZCreateUserSchema, ZIdParams, ZUpdateUserSchema, ZUserListQuery } from "./users.schemas";

// Never the password hash.
const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  isDisabled: z.boolean(),
  createdAt: ZWireDate,
  lastSignInAt: ZWireDate.nullable(),
});

export const USER_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/users",
    permission: "users:manage",
    summary: "List users",
    query: ZUserListQuery,
    response: ZPage(ZUser),
  }),
  create: defineContract({
    method: "POST",
    path: "/api/v1/users",
    permission: "users:manage",
    summary: "Add a user",
    body: ZCreateUserSchema,
    response: ZUser,
    status: 201,
  }),
  update: defineContract({
    method: "PATCH",
    path: "/api/v1/users/{id}",
    permission: "users:manage",
    summary: "Change a user",
    params: ZIdParams,
    body: ZUpdateUserSchema,
    response: ZUser,
  }),
};
