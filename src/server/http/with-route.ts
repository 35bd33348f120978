import "server-only";
import type { z } from "zod";
import { can, leastRoleFor, ROLE_LABELS, type TPermission } from "@/server/auth/permissions";
import { requestPrincipal } from "@/server/auth/current-principal";
import type { TPrincipal } from "@/server/auth/principal";
import { AppError } from "./app-error";
import { acceptedMediaTypes, type TContract } from "./contract";
import { errorResponse, issuesOf, toAppError } from "./error-response";
import { assertShallow } from "./limit-depth";
import { readText } from "./read-body";
import { currentResponseCheck } from "./response-check";
import { assertSameOrigin } from "./same-origin";

type TRouteContext = { params: Promise<Record<string, string | string[]>> };

type TSchemaOf<TDefined, TKey extends string> = TDefined extends { [K in TKey]: infer S extends z.ZodType }
  ? z.output<S>
  : TKey extends "body"
    ? undefined
    : unknown;

type THandlerInput<TDefined> = {
  request: Request;
  principal: TPrincipal;
  body: TSchemaOf<TDefined, "body">;
  query: TSchemaOf<TDefined, "query">;
  params: TSchemaOf<TDefined, "params">;
};

/** What a handler may return for a response schema: the values JSON.stringify turns into it (a Date for a date string). */
type TServes<T> = T extends string
  ? string extends T
    ? string | Date
    : T
  : T extends readonly (infer I)[]
    ? readonly TServes<I>[]
    : T extends object
      ? { [K in keyof T]: TServes<T[K]> }
      : T;

type THandlerResult<TDefined> = TDefined extends { response: infer R extends z.ZodType }
  ? TServes<z.output<R>> | Response
  : unknown;

const ANONYMOUS: TPrincipal = { kind: "system", id: null, name: "anonymous", role: "reader" };

/**
 * The one wrapper every API route goes through: who is calling (session or bearer token), may they (403 vs 401),
 * is the input valid (400 naming the field), and one JSON error shape for everything that goes wrong.
 */
export function withRoute<TDefined extends TContract>(
  contract: TDefined,
  handler: (input: THandlerInput<TDefined>) => Promise<THandlerResult<TDefined>>,
) {
  const accepts = acceptedMediaTypes(contract);
  const route = async (request: Request, context: TRouteContext): Promise<Response> => {
    try {
      assertSameOrigin(request, accepts);
      const principal = contract.permission ? await authorise(request, contract.permission) : ANONYMOUS;
      if (contract.isUsersOnly && principal.kind !== "user")
        throw new AppError("FORBIDDEN", "This belongs to a signed-in user; API tokens have none");
      const query = parse(contract.query, Object.fromEntries(new URL(request.url).searchParams), "query");
      const params = parse(contract.params, await context.params, "params");
      const body = contract.body
        ? parse(contract.body, await readJson(request, contract.maxBodyBytes ?? 1 << 20), "body")
        : undefined;
      const result = await handler({ request, principal, body, query, params } as THandlerInput<TDefined>);
      const response = result instanceof Response ? result : Response.json(result, { status: contract.status ?? 200 });
      await checkResponse(contract, response);
      return response;
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "INTERNAL") console.error(`${request.method} ${new URL(request.url).pathname}:`, error);
      return errorResponse(appError);
    }
  };
  // Kept on the handler so the OpenAPI, route × role and fuzz tests can walk the contracts of the route files.
  return Object.assign(route, { contract });
}

/** In the tests, the answer against the contract's response schema; in production there is no check set. */
async function checkResponse(contract: TContract, response: Response): Promise<void> {
  const check = currentResponseCheck();
  if (!check || !response.ok || !response.headers.get("content-type")?.includes("json")) return;
  check(contract, await response.clone().json());
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
    throw new AppError("BAD_REQUEST", "Invalid body: it is not valid JSON", [
      { path: "body", message: "not valid JSON" },
    ]);
  }
}
