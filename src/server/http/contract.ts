import type { z } from "zod";
import type { TPermission } from "@/server/auth/permissions";

export type THttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Everything a route promises, written once: withRoute enforces it, GET /api/v1/openapi.json documents it, the
 * route × role and fuzz tests walk it, the integration tests hold every answer to `response`, and the console's
 * typed client (src/lib/api-client.ts) takes its types from it.
 */
export type TContract = {
  method: THttpMethod;
  /** OpenAPI style: /api/v1/alerts/{id}; the route file lives at src/app/api/v1/alerts/[id]/route.ts. */
  path: string;
  /** null: open to anyone (health checks, this document). */
  permission: TPermission | null;
  /** Only a signed-in person: an API token is refused (403), as for what belongs to a user (saved queries). */
  isUsersOnly?: boolean;
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body. A route that reads its body its own way (NDJSON, CSV, .eml) names its media types in `bodyMediaTypes`. */
  body?: z.ZodType;
  /** The media types a body may have, each with its schema (null: not JSON); withRoute refuses any other. */
  bodyMediaTypes?: Record<string, z.ZodType | null>;
  /** The JSON answer as it travels (dates as ISO strings). null: not JSON (`responseMediaType` says what). */
  response: z.ZodType | null;
  responseMediaType?: string;
  /** Status of a successful answer (default 200). */
  status?: number;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
};

/** Keeps the literal method and path, so that the typed client can look a contract up by "GET /api/v1/alerts". */
export function defineContract<const TDefined extends TContract>(contract: TDefined): TDefined {
  return contract;
}

export type TContractKey<TDefined> = TDefined extends { method: infer M extends string; path: infer P extends string }
  ? `${M} ${P}`
  : never;

/** The names between braces in a path: "/api/v1/alerts/{id}/history" → "id". */
export type TPathParamNames<TPath extends string> = TPath extends `${string}{${infer Name}}${infer Rest}`
  ? Name | TPathParamNames<Rest>
  : never;

/** The answer's type as the client receives it. */
export type TResponseOf<TDefined> = TDefined extends { response: infer R extends z.ZodType } ? z.output<R> : unknown;

/** What a caller passes: the path's parameters, the query and the body, each only where the contract has one. */
export type TCallInput<TDefined extends TContract> = ([TPathParamNames<TDefined["path"]>] extends [never]
  ? unknown
  : { params: Record<TPathParamNames<TDefined["path"]>, string | number> }) &
  (TDefined extends { query: infer Q extends z.ZodType } ? { query?: Partial<z.input<Q>> } : unknown) &
  (TDefined extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : unknown);

/** The media types withRoute lets a body have. */
export function acceptedMediaTypes(contract: TContract): readonly string[] | undefined {
  return contract.bodyMediaTypes ? Object.keys(contract.bodyMediaTypes) : undefined;
}
