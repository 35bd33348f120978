import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type TRole } from "@/lib/roles";
import { can } from "@/server/auth/permissions";
import type { TContract } from "@/server/http/contract";
import { API_CONTRACTS } from "@/server/openapi/routes";
import { assertContractResponse } from "../support/contract-response";
import { makeToken, makeUser, routeContext } from "../factories/users";

// Every route contract × every role, as a browser session of a real user of that role and as an API token of that
// role: nobody → 401, a role below the route's permission → 403, a token on a route for signed-in users only → 403,
// a caller that holds the permission → past the role check (whatever the deliberately empty request then earns: 400,
// 404, …), and a 2xx answer is what the contract's response schema says. The role is checked before the input, so a
// reader learns nothing from a 400 either. A route joins this matrix the day its contract is written.

// Only the cookie decoding is replaced (it needs Next's request scope); the user it names is loaded and checked
// against the database as on the server.
let session: { user: { id: string; sessionVersion: number } } | null = null;
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: () => Promise.resolve(session),
}));

type THandler = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;

async function handlerOf(route: TContract): Promise<THandler> {
  const file = path.resolve("src/app", `.${route.path.replace(/\{(\w+)\}/g, "[$1]")}`, "route.ts");
  const handler = ((await import(/* @vite-ignore */ file)) as Record<string, THandler | undefined>)[route.method];
  if (!handler) throw new Error(`${file} has no ${route.method}`);
  return handler;
}

/** Path parameters that name nothing stored, so that a role allowed in changes nothing. */
function paramsOf(route: TContract): Record<string, string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  return Object.fromEntries(names.map((name) => [name, name === "address" ? "nobody@nowhere.invalid" : "999999"]));
}

type TCaller = { kind: "session" | "token"; role: TRole } | null;

function requestFor(route: TContract, params: Record<string, string>, caller: TCaller): Request {
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  const contentType = route.body ? "application/json" : Object.keys(route.bodyMediaTypes ?? {})[0];
  // A session as the console's own pages send it; a token as a script does.
  const who: Record<string, string> =
    caller?.kind === "token"
      ? { authorization: `Bearer ${tokens[caller.role]}` }
      : { origin: "http://localhost", "sec-fetch-site": "same-origin" };
  return new Request(`http://localhost${url}`, {
    method: route.method,
    headers: { ...who, ...(hasBody && contentType ? { "content-type": contentType } : {}) },
    body: hasBody && contentType ? (contentType.includes("json") ? "{}" : "x") : undefined,
  });
}

const users = {} as Record<TRole, string>;
const tokens = {} as Record<TRole, string>;
beforeAll(async () => {
  for (const role of ROLES) {
    users[role] = (await makeUser(role)).id;
    tokens[role] = await makeToken(role);
  }
});

const CALLERS: TCaller[] = [
  null,
  ...ROLES.map((role) => ({ kind: "session" as const, role })),
  ...ROLES.map((role) => ({ kind: "token" as const, role })),
];
const named = (caller: TCaller) => (caller ? `${caller.role} ${caller.kind}` : "nobody");
const cases = API_CONTRACTS.flatMap((route) =>
  CALLERS.map((caller) => [`${route.method} ${route.path} as ${named(caller)}`, route, caller] as const),
);

describe("route × role", () => {
  it("covers every route with nobody, and each role signed in and as a token", () => {
    expect(cases.length).toBe(API_CONTRACTS.length * (2 * ROLES.length + 1));
  });

  it.each(cases)("%s", async (_, route, caller) => {
    const params = paramsOf(route);
    session = caller?.kind === "session" ? { user: { id: users[caller.role], sessionVersion: 0 } } : null;
    const response = await (await handlerOf(route))(requestFor(route, params, caller), routeContext(params));
    const text = await response.text();
    const said = `${response.status} ${text}`;
    if (route.permission === null) expect(response.status, said).not.toBe(401);
    else if (!caller) expect(response.status, said).toBe(401);
    else if (!can(caller.role, route.permission)) expect(response.status, said).toBe(403);
    else if (caller.kind === "token" && route.isUsersOnly) expect(response.status, said).toBe(403);
    else expect([401, 403], said).not.toContain(response.status);
    if (response.ok && route.response) assertContractResponse(route as TContract, JSON.parse(text));
  });
});
