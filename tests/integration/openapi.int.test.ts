import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { leastRoleFor } from "@/server/auth/permissions";
import type { TContract, THttpMethod } from "@/server/http/contract";
import { API_CONTRACTS } from "@/server/openapi/routes";
import { apiRequest, routeContext } from "../factories/users";

const API_DIR = path.resolve("src/app/api");
const METHODS: THttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type TRouteModule = Partial<Record<THttpMethod, { contract?: TContract }>>;

/** Every route file's URL, as OpenAPI writes it: [id] becomes {id}. NextAuth's own routes are not the API. */
async function routeFiles(): Promise<{ file: string; path: string }[]> {
  const entries = await readdir(API_DIR, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith("route.ts") && !entry.startsWith("auth"))
    .map((entry) => ({
      file: path.join(API_DIR, entry),
      path: `/api/${path.dirname(entry).replace(/\[([^\]]+)\]/g, "{$1}")}`,
    }));
}

const HOW_TO_DECLARE = (key: string) =>
  `${key} has no contract. Declare it once with defineContract({ method, path, permission, summary, params, query, body, response }) ` +
  "in src/server/<domain>/<domain>.contracts.ts, list that module in src/server/openapi/routes.ts, and write the route as " +
  "`export const METHOD = withRoute(CONTRACT, handler)` (README › Adding a route)";

describe("the route contracts", () => {
  it("are what every route file serves: each route passes its contract to withRoute, and every contract is listed", async () => {
    const served = new Set<string>();
    for (const route of await routeFiles()) {
      const module = (await import(/* @vite-ignore */ route.file)) as TRouteModule;
      for (const method of METHODS.filter((name) => module[name])) {
        const key = `${method} ${route.path}`;
        served.add(key);
        const { contract } = module[method]!;
        expect(contract, HOW_TO_DECLARE(key)).toBeDefined();
        expect(`${contract!.method} ${contract!.path}`, `${key} serves another route's contract`).toBe(key);
        expect(
          API_CONTRACTS.includes(contract!),
          `${key}: add its contracts module to CONTRACT_MODULES in src/server/openapi/routes.ts`,
        ).toBe(true);
      }
    }
    expect(
      API_CONTRACTS.map((entry) => `${entry.method} ${entry.path}`).filter((key) => !served.has(key)),
      "contracts with no route file",
    ).toEqual([]);
    expect(new Set(API_CONTRACTS.map((entry) => `${entry.method} ${entry.path}`)).size, "a route declared twice").toBe(
      API_CONTRACTS.length,
    );
  });

  it("each say what the route answers", () => {
    expect(
      API_CONTRACTS.filter((contract) => contract.response === null && !contract.responseMediaType).map(
        (contract) => `${contract.method} ${contract.path}`,
      ),
    ).toEqual([]);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document of the v1 routes, with their parameters, bodies and roles", async () => {
    const response = await GET(apiRequest("/api/v1/openapi.json"), routeContext());
    expect(response.status).toBe(200);
    const document = JSON.parse(await response.text());
    expect(document.openapi).toBe("3.1.0");

    const operations = Object.entries(
      document.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route,
        method,
        operation: operation as {
          operationId: string;
          parameters: { name: string; in: string }[];
          "x-permission": string | null;
          "x-required-role": string | null;
        },
      })),
    );
    expect(operations).toHaveLength(API_CONTRACTS.length);
    expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
    for (const { route, operation } of operations) {
      // Each {param} of the path is a path parameter, and the other way round.
      const templated = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(
        operation.parameters
          .filter((parameter) => parameter.in === "path")
          .map((parameter) => parameter.name)
          .sort(),
        route,
      ).toEqual(templated);
      expect(operation["x-required-role"]).toBe(
        operation["x-permission"] ? leastRoleFor(operation["x-permission"] as never) : null,
      );
    }
    for (const ref of JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g))
      expect(document.components.schemas[ref[1]]).toBeDefined();

    const feed = document.paths["/api/v1/activity/feed"].get;
    expect(feed["x-required-role"]).toBe("reader");
    expect(feed.description).toContain("nextStartTime");
    expect(feed.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      "contentType",
      "startTime",
      "endTime",
      "page",
      "pageSize",
    ]);
    expect(feed.responses["200"].content["application/json"].schema.properties).toHaveProperty("settledUntil");
    expect(feed.responses["400"]).toBeDefined();

    const createWebhook = document.paths["/api/v1/webhooks"].post;
    expect(createWebhook["x-required-role"]).toBe("admin");
    expect(createWebhook.requestBody.content["application/json"].schema.required).toEqual(["name", "url"]);
    expect(createWebhook.responses).toHaveProperty("201");
    expect(document.paths["/api/v1/actions/{id}/approve"].post.requestBody.required).toBe(false);
    expect(Object.keys(document.paths["/api/v1/ingest/email-events"].post.requestBody.content)).toEqual([
      "application/json",
      "application/x-ndjson",
    ]);
    expect(document.paths["/api/health"].get.security).toEqual([]);
  });
});
