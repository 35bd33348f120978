import { z } from "zod";
import { ROLES } from "@/server/auth/permissions";
import { defineContract } from "@/server/http/contract";
import { ZWireDate } from "@/server/http/wire";
import { ZIdParams } from "@/server/users/users.schemas";
import { ZCreateTokenSchema } from "./tokens.schemas";

// Never the hash; the secret only in the answer that made the token.
const ZToken = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  prefix: z.string(),
  createdAt: ZWireDate,
  lastUsedAt: ZWireDate.nullable(),
  revokedAt: ZWireDate.nullable(),
});

export const TOKEN_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/tokens",
    permission: "tokens:manage",
    summary: "List API tokens",
    response: z.object({ items: z.array(ZToken.extend({ createdBy: z.object({ name: z.string() }).nullable() })) }),
  }),
  create: defineContract({
    method: "POST",
    path: "/api/v1/tokens",
    permission: "tokens:manage",
    summary: "Make an API token",
    description: "The answer holds the secret, the only time it is shown.",
    body: ZCreateTokenSchema,
    response: ZToken.extend({ secret: z.string() }),
    status: 201,
  }),
  revoke: defineContract({
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    permission: "tokens:manage",
    summary: "Revoke an API token",
    params: ZIdParams,
    response: ZToken,
  }),
};
