import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZReleaseBody, ZRestrictionIdParams } from "./release-restricted-user";
import { ZRestrictedUserListQuery, ZSenderParams } from "./restrictions.schemas";

const ZRestriction = z.object({
  id: z.number().int(),
  address: z.string(),
  reason: z.string(),
  restrictedAt: ZWireDate,
  releasedAt: ZWireDate.nullable(),
  releasedByName: z.string().nullable(),
  releaseReason: z.string().nullable(),
});

export const RESTRICTION_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/restricted-users",
    permission: "restrictedUsers:read",
    summary: "List restricted users",
    query: ZRestrictedUserListQuery,
    response: ZPage(ZRestriction.extend({ alert: z.object({ id: z.number().int(), title: z.string() }).nullable() })),
  }),
  release: defineContract({
    method: "POST",
    path: "/api/v1/restricted-users/{id}/release",
    permission: "restrictedUsers:release",
    summary: "Release a restricted user",
    params: ZRestrictionIdParams,
    body: ZReleaseBody,
    response: ZRestriction.extend({ releasedById: z.string().nullable() }),
  }),
  senderStatus: defineContract({
    method: "GET",
    path: "/api/v1/senders/{address}/status",
    permission: "restrictedUsers:read",
    summary: "Sender status",
    description: "`{ restricted: boolean }`, for a mail system's sending policy check.",
    params: ZSenderParams,
    response: z.object({ address: z.string(), restricted: z.boolean() }),
  }),
};
