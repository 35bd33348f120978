import "server-only";
import { z } from "zod";
import { leastRoleFor, ROLE_LABELS } from "@/server/auth/permissions";
import { ERROR_STATUS } from "@/server/http/app-error";
import type { TContract } from "@/server/http/contract";
import { API_CONTRACTS } from "./routes";

type TJsonSchema = { [key: string]: unknown };

export type TOpenApiParameter = {
  name: string;
  in: "query" | "path";
  required: boolean;
  description?: string;
  schema: TJsonSchema;
};

export type TOpenApiOperation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-permission": string | null;
  "x-required-role": string | null;
  security: Record<string, string[]>[];
  parameters: TOpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: TJsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: TJsonSchema }> }>;
};

export type TOpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, TOpenApiOperation>>;
  components: { securitySchemes: Record<string, TJsonSchema>; schemas: Record<string, TJsonSchema> };
};

const ERROR_REF = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ERROR_REF } },
});

/**
 * A route's schema as JSON Schema, as a client sends it (the input side of transforms and defaults) or receives it. Dates are
 * ISO strings on the wire; whatever JSON Schema cannot say (a custom check) is left open rather than failing.
 */
function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): TJsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema: json }) => {
      if (zodSchema._zod.def.type === "date") Object.assign(json, { type: "string", format: "date-time" });
    },
  }) as TJsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, location: "query" | "path"): TOpenApiParameter[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema) as {
    properties?: Record<string, TJsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === "path" || required.includes(name),
    ...(typeof description === "string" ? { description } : {}),
    schema: property,
  }));
}

function requestBody(route: TContract): TOpenApiOperation["requestBody"] {
  const media = route.bodyMediaTypes ?? (route.body ? { "application/json": route.body } : null);
  if (!media) return undefined;
  const content = Object.fromEntries(
    Object.entries(media).map(([type, schema]) => [type, { schema: schema ? jsonSchema(schema) : {} }]),
  );
  // A body with a default (approve's optional comment) may be left out.
  const isOptional = route.body?.safeParse(undefined).success;
  return { required: !isOptional, content };
}

function responseContent(route: TContract): Pick<TOpenApiOperation["responses"][string], "content"> {
  if (route.response) return { content: { "application/json": { schema: jsonSchema(route.response, "output") } } };
  if (route.responseMediaType) return { content: { [route.responseMediaType]: { schema: { type: "string" } } } };
  return {};
}

/** getAlerts, postActionsIdApprove: the method and the path's words. */
function operationId(route: TContract): string {
  const words = route.path
    .replace(/^\/api(\/v1)?\//, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [route.method.toLowerCase(), ...words.map((word) => word[0].toUpperCase() + word.slice(1))].join("");
}

function operation(route: TContract): TOpenApiOperation {
  const role = route.permission ? leastRoleFor(route.permission) : null;
  const queryDescription = route.query?.description;
  const who = route.isUsersOnly ? " A signed-in user only: API tokens are refused." : "";
  const description = [
    route.description,
    queryDescription,
    role ? `Needs the ${ROLE_LABELS[role]} role or higher.${who}` : "Open to anyone.",
  ]
    .filter(Boolean)
    .join("\n\n");
  const success = String(route.status ?? 200);
  const responses: TOpenApiOperation["responses"] = {
    [success]: { description: route.summary, ...responseContent(route) },
  };
  if (route.query || route.params || route.body || route.bodyMediaTypes)
    responses["400"] = errorResponse("Invalid input: `issues` name each field");
  if (route.permission) {
    responses["401"] = errorResponse("Nobody signed in, or the token is not valid");
    responses["403"] = errorResponse(
      route.isUsersOnly ? "The role is not enough, or an API token called" : "The role is not enough",
    );
  }
  if (route.params) responses["404"] = errorResponse("Not found");
  return {
    operationId: operationId(route),
    summary: route.summary,
    description,
    tags: [route.path.replace(/^\/api(\/v1)?\//, "").split("/")[0]],
    "x-permission": route.permission,
    "x-required-role": role,
    security: route.permission ? [{ bearerToken: [] }, { session: [] }] : [],
    parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
    ...(requestBody(route) ? { requestBody: requestBody(route) } : {}),
    responses,
  };
}

/** GET /api/v1/openapi.json and the API page: the v1 routes as OpenAPI 3.1, from the zod schemas the routes parse with. */
export function buildOpenApi(): TOpenApiDocument {
  const paths: TOpenApiDocument["paths"] = {};
  for (const route of API_CONTRACTS) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "Breakwater API",
      version: "1",
      description:
        "Everything a page can do, a script can do. Send `Authorization: Bearer <token>` (Settings › API tokens, or `npm run token -- create`). Lists answer `{ items, total, page, pageSize }`; errors answer `{ error: { code, message, issues? } }`.",
    },
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "An API token; its role decides what it may do." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in browser." },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: Object.keys(ERROR_STATUS) },
                message: { type: "string" },
                issues: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["path", "message"],
                    properties: { path: { type: "string" }, message: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
