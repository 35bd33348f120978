import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type TRole } from "@/lib/roles";
import { can } from "@/server/auth/permissions";
import { API_ROUTES, type TApiRoute } from "@/server/openapi/routes";
import { makeUser, routeContext } from "../factories/users";

// Every route of the registry × every role, as a browser session of a real user of that role: nobody → 401, a role
// below the route's permission → 403, a role that holds it → past the role check (whatever the deliberately empty
// request then earns: 400, 404, …). The role is checked before the input, so a reader learns nothing from a 400
// either. A route added to the registry joins this matrix the day it is written.

// Only the cookie decoding is replaced (it needs Next's request scope); the user it names is loaded and checked
// against the database as on the server.
let session: { user: { id: string; sessionVersion: number } } | null = null;
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("next-auth")>()), getServerSession: () => Promise.resolve(session) }));

type THandler = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;

async function handlerOf(route: TApiRoute): Promise<THandler> {
  const file = path.resolve("src/app", `.${route.path.replace(/\{(\w+)\}/g, "[$1]")}`, "route.ts");
  const handler = ((await import(/* @vite-ignore */ file)) as Record<string, THandler | undefined>)[route.method];
  if (!handler) throw new Error(`${file} has no ${route.method}`);
  return handler;
}

/** Path parameters that name nothing stored, so that a role allowed in changes nothing. */
function paramsOf(route: TApiRoute): Record<string, string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  return Object.fromEntries(names.map((name) => [name, name === "address" ? "nobody@nowhere.invalid" : "999999"]));
}

function requestFor(route: TApiRoute, params: Record<string, string>): Request {
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  const contentType = route.body ? "application/json" : Object.keys(route.bodyMediaTypes ?? {})[0];
  return new Request(`http://localhost${url}`, {
    method: route.method,
    // As the console's own pages send it.
    headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", ...(hasBody && contentType ? { "content-type": contentType } : {}) },
    body: hasBody && contentType ? (contentType.includes("json") ? "{}" : "x") : undefined,
  });
}

const users = {} as Record<TRole, string>;
beforeAll(async () => {
  for (const role of ROLES) users[role] = (await makeUser(role)).id;
});

const cases = API_ROUTES.flatMap((route) => [undefined, ...ROLES].map((role) => [`${route.method} ${route.path} as ${role ?? "nobody"}`, route, role] as const));

describe("route × role", () => {
  it("covers every route of the registry with every role and nobody", () => {
    expect(cases.length).toBe(API_ROUTES.length * (ROLES.length + 1));
  });

  it.each(cases)("%s", async (_, route, role) => {
    const params = paramsOf(route);
    session = role ? { user: { id: users[role], sessionVersion: 0 } } : null;
    const response = await (await handlerOf(route))(requestFor(route, params), routeContext(params));
    const said = `${response.status} ${await response.text()}`;
    if (route.permission === null) expect(response.status, said).not.toBe(401);
    else if (!role) expect(response.status, said).toBe(401);
    else if (!can(role, route.permission)) expect(response.status, said).toBe(403);
    else expect([401, 403], said).not.toContain(response.status);
  });
});
