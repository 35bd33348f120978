import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZDeleted, ZWireDate } from "@/server/http/wire";
import { ZHuntingQueryRequest, ZHuntingQueryResult } from "./kql/hunting-query.schemas";
import { ZSavedQueryBody, ZSavedQueryIdParams } from "./saved-queries.schemas";

const ZSavedQuery = z.object({
  id: z.uuid(),
  name: z.string(),
  query: z.string(),
  createdAt: ZWireDate,
  updatedAt: ZWireDate,
});

const ZHuntingTable = z.object({
  name: z.string(),
  model: z.enum([
    "EmailEvent",
    "EmailUrlInfo",
    "EmailAttachmentInfo",
    "EmailPostDeliveryEvent",
    "IdentityLogonEvent",
    "UrlClickEvent",
  ]),
  description: z.string(),
  columns: z.array(
    z.object({
      name: z.string(),
      field: z.string().nullable(),
      type: z.enum(["datetime", "string", "int", "long", "bool", "dynamic"]),
      description: z.string(),
    }),
  ),
  hiddenFields: z.array(z.string()),
  approximateRowCount: z.number().int(),
});

export const HUNTING_ROUTES = {
  query: defineContract({
    method: "POST",
    path: "/api/v1/hunting/query",
    permission: "console:read",
    summary: "Run a hunting query",
    description:
      "KQL over EmailEvents, EmailUrlInfo, EmailAttachmentInfo, EmailPostDeliveryEvents, UrlClickEvents and IdentityLogonEvents; read-only, with a time and row limit. Queries run on a small pool of their own; one user or token runs at most two at once (`BREAKWATER_HUNTING_QUERIES_PER_USER`), more answer 429 with Retry-After.",
    body: ZHuntingQueryRequest,
    // 20,000 characters fit in 128 KiB of JSON even written as \uXXXX escapes (6 bytes a character).
    maxBodyBytes: 128 * 1024,
    response: ZHuntingQueryResult,
  }),
  schema: defineContract({
    method: "GET",
    path: "/api/v1/hunting/schema",
    permission: "console:read",
    summary: "Hunting tables",
    description: "The tables and columns a query can read.",
    response: z.object({ tables: z.array(ZHuntingTable) }),
  }),
  listSaved: defineContract({
    method: "GET",
    path: "/api/v1/hunting/saved-queries",
    permission: "console:read",
    isUsersOnly: true,
    summary: "My saved queries",
    description: "The signed-in user's own saved hunting queries, by name.",
    response: z.array(ZSavedQuery),
  }),
  save: defineContract({
    method: "POST",
    path: "/api/v1/hunting/saved-queries",
    permission: "console:read",
    isUsersOnly: true,
    summary: "Save a query",
    description: "Under a name unique to the user (409 when taken).",
    body: ZSavedQueryBody,
    response: ZSavedQuery,
    status: 201,
  }),
  update: defineContract({
    method: "PUT",
    path: "/api/v1/hunting/saved-queries/{id}",
    permission: "console:read",
    isUsersOnly: true,
    summary: "Change a saved query",
    description: "Rename or rewrite one of your own; another user's is not found (404).",
    params: ZSavedQueryIdParams,
    body: ZSavedQueryBody,
    response: ZSavedQuery,
  }),
  remove: defineContract({
    method: "DELETE",
    path: "/api/v1/hunting/saved-queries/{id}",
    permission: "console:read",
    isUsersOnly: true,
    summary: "Delete a saved query",
    params: ZSavedQueryIdParams,
    response: ZDeleted(z.uuid()),
  }),
};
