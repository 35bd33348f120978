import "server-only";
import type { z } from "zod";
import { can, leastRoleFor, ROLE_LABELS, type TPermission } from "@/server/auth/permissions";
import { requestPrincipal } from "@/server/auth/current-principal";
import type { TPrincipal } from "@/server/auth/principal";
import { AppError } from "./app-error";
import { errorResponse, issuesOf, toAppError } from "./error-response";
import { assertShallow } from "./limit-depth";
import { readText } from "./read-body";
import { assertSameOrigin } from "./same-origin";

type TRouteContext = { params: Promise<Record<string, string | string[]>> };

type TRouteConfig<TBody extends z.ZodType, TQuery extends z.ZodType, TParams extends z.ZodType> = {
  /** null: open to anyone (health checks, sign-in). */
  permission: TPermission | null;
  body?: TBody;
  query?: TQuery;
  params?: TParams;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Status for a successful answer that is not a Response (default 200). */
  status?: number;
  /** Media types a POST/PUT/PATCH/DELETE body may have (default JSON only); see same-origin.ts. */
  accepts?: readonly string[];
};

type THandlerInput<TBody extends z.ZodType, TQuery extends z.ZodType, TParams extends z.ZodType> = {
  request: Request;
  principal: TPrincipal;
  body: z.output<TBody>;
  query: z.output<TQuery>;
  params: z.output<TParams>;
};

const ANONYMOUS: TPrincipal = { kind: "system", id: null, name: "anonymous", role: "reader" };

/**
 * The one wrapper every API route goes through: who is calling (session or bearer token), may they (403 vs 401),
 * is the input valid (400 naming the field), and one JSON error shape for everything that goes wrong.
 */
export function withRoute<TBody extends z.ZodType = z.ZodUndefined, TQuery extends z.ZodType = z.ZodUnknown, TParams extends z.ZodType = z.ZodUnknown>(
  config: TRouteConfig<TBody, TQuery, TParams>,
  handler: (input: THandlerInput<TBody, TQuery, TParams>) => Promise<unknown>,
) {
  const route = async (request: Request, context: TRouteContext): Promise<Response> => {
    try {
      assertSameOrigin(request, config.accepts);
      const principal = config.permission ? await authorise(request, config.permission) : ANONYMOUS;
      const query = parse(config.query, Object.fromEntries(new URL(request.url).searchParams), "query");
      const params = parse(config.params, await context.params, "params");
      const body = config.body ? parse(config.body, await readJson(request, config.maxBodyBytes ?? 1 << 20), "body") : undefined;
      const result = await handler({ request, principal, body, query, params } as THandlerInput<TBody, TQuery, TParams>);
      return result instanceof Response ? result : Response.json(result, { status: config.status ?? 200 });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "INTERNAL") console.error(`${request.method} ${new URL(request.url).pathname}:`, error);
      return errorResponse(appError);
    }
  };
  // Kept on the handler so a test can hold the OpenAPI registry (src/server/openapi/routes.ts) to what each route does.
  return Object.assign(route, { config });
}

async function authorise(request: Request, permission: TPermission): Promise<TPrincipal> {
  const principal = await requestPrincipal(request);
  if (!principal) throw new AppError("UNAUTHORIZED", "Sign in or send a valid API token");
  if (!can(principal.role, permission)) {
    throw new AppError("FORBIDDEN", `This needs the ${ROLE_LABELS[leastRoleFor(permission)]} role or higher`);
  }
  return principal;
}

/** Validates with the route's error shape: a 400 whose issues name the field under `where` (body, query, params). */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  return parse(schema, value, where) as z.output<T>;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> | unknown {
  if (!schema) return value;
  assertShallow(value, where);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error, [where]);
  throw new AppError("BAD_REQUEST", `Invalid ${issues[0].path}: ${issues[0].message}`, issues);
}

async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readText(request, maxBytes);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid body: it is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
  }
}
