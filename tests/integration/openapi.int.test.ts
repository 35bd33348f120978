import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { leastRoleFor } from "@/server/auth/permissions";
import { API_ROUTES, type THttpMethod } from "@/server/openapi/routes";
import { apiRequest, routeContext } from "../factories/users";

const API_DIR = path.resolve("src/app/api");
const METHODS: THttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type TRouteModule = Partial<Record<THttpMethod, { config?: { permission: unknown; query?: unknown; params?: unknown; body?: unknown; accepts?: readonly string[] } }>>;

/** Every route file's URL, as OpenAPI writes it: [id] becomes {id}. NextAuth's own routes are not the API. */
async function routeFiles(): Promise<{ file: string; path: string }[]> {
  const entries = await readdir(API_DIR, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith("route.ts") && !entry.startsWith("auth"))
    .map((entry) => ({ file: path.join(API_DIR, entry), path: `/api/${path.dirname(entry).replace(/\[([^\]]+)\]/g, "{$1}")}` }));
}

describe("the OpenAPI registry", () => {
  it("lists every route the app serves, with the permission and the very schemas the route checks", async () => {
    const served = new Set<string>();
    for (const route of await routeFiles()) {
      const module = (await import(/* @vite-ignore */ route.file)) as TRouteModule;
      for (const method of METHODS.filter((name) => module[name])) {
        served.add(`${method} ${route.path}`);
        const entry = API_ROUTES.find((candidate) => candidate.method === method && candidate.path === route.path);
        expect(entry, `${method} ${route.path} is missing from src/server/openapi/routes.ts`).toBeDefined();
        const config = module[method]!.config;
        if (!config) continue;
        expect(entry!.permission, `${method} ${route.path} permission`).toBe(config.permission);
        expect(entry!.query, `${method} ${route.path} query`).toBe(config.query);
        expect(entry!.params, `${method} ${route.path} params`).toBe(config.params);
        if (config.body) expect(entry!.body, `${method} ${route.path} body`).toBe(config.body);
        else expect(entry!.body, `${method} ${route.path} reads its body itself: name it in bodyMediaTypes`).toBeUndefined();
        // withRoute refuses any other media type (src/server/http/same-origin.ts), so the document must say the same.
        if (config.accepts) expect(Object.keys(entry!.bodyMediaTypes ?? {}).sort(), `${method} ${route.path} media types`).toEqual([...config.accepts].sort());
      }
    }
    expect(API_ROUTES.map((entry) => `${entry.method} ${entry.path}`).filter((key) => !served.has(key))).toEqual([]);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document of the v1 routes, with their parameters, bodies and roles", async () => {
    const response = await GET(apiRequest("/api/v1/openapi.json"), routeContext());
    expect(response.status).toBe(200);
    const document = JSON.parse(await response.text());
    expect(document.openapi).toBe("3.1.0");

    const operations = Object.entries(document.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route, method, operation: operation as { operationId: string; parameters: { name: string; in: string }[]; "x-permission": string | null; "x-required-role": string | null } })),
    );
    expect(operations).toHaveLength(API_ROUTES.length);
    expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
    for (const { route, operation } of operations) {
      // Each {param} of the path is a path parameter, and the other way round.
      const templated = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(operation.parameters.filter((parameter) => parameter.in === "path").map((parameter) => parameter.name).sort(), route).toEqual(templated);
      expect(operation["x-required-role"]).toBe(operation["x-permission"] ? leastRoleFor(operation["x-permission"] as never) : null);
    }
    for (const ref of JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) expect(document.components.schemas[ref[1]]).toBeDefined();

    const feed = document.paths["/api/v1/activity/feed"].get;
    expect(feed["x-required-role"]).toBe("reader");
    expect(feed.description).toContain("nextStartTime");
    expect(feed.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(["contentType", "startTime", "endTime", "page", "pageSize"]);
    expect(feed.responses["200"].content["application/json"].schema.properties).toHaveProperty("settledUntil");
    expect(feed.responses["400"]).toBeDefined();

    const createWebhook = document.paths["/api/v1/webhooks"].post;
    expect(createWebhook["x-required-role"]).toBe("admin");
    expect(createWebhook.requestBody.content["application/json"].schema.required).toEqual(["name", "url"]);
    expect(createWebhook.responses).toHaveProperty("201");
    expect(document.paths["/api/v1/actions/{id}/approve"].post.requestBody.required).toBe(false);
    expect(Object.keys(document.paths["/api/v1/ingest/email-events"].post.requestBody.content)).toEqual(["application/json", "application/x-ndjson"]);
    expect(document.paths["/api/health"].get.security).toEqual([]);
  });
});
