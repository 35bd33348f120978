import { z } from "zod";
import { defineContract } from "@/server/http/contract";

const ZOperation = z.looseObject({
  operationId: z.string(),
  summary: z.string(),
  "x-permission": z.string().nullable(),
  responses: z.record(z.string(), z.unknown()),
});

export const OPENAPI_ROUTES = {
  document: defineContract({
    method: "GET",
    path: "/api/v1/openapi.json",
    permission: null,
    summary: "This document",
    description: "The API as OpenAPI 3.1, generated from the routes' contracts.",
    response: z.object({
      openapi: z.literal("3.1.0"),
      info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
      paths: z.record(z.string(), z.record(z.string(), ZOperation)),
      components: z.object({
        securitySchemes: z.record(z.string(), z.unknown()),
        schemas: z.record(z.string(), z.unknown()),
      }),
    }),
  }),
};
