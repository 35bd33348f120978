// The browser's way to call the console's own API: JSON in, JSON out, and the API's error shape as an Error.
// A hunting query's 400 also says where in the query the problem is. callApi takes its types from the route's
// contract (src/server/<domain>/<domain>.contracts.ts), so the answer's type is the one the server promises.
import type { TCallInput, TResponseOf } from "@/server/http/contract";
import type { TApiContracts } from "@/server/openapi/routes";

export type TApiRouteKey = keyof TApiContracts;
/** What a route answers, as its contract's response schema says: `TApiAnswer<"GET /api/v1/webhooks">`. */
export type TApiAnswer<TKey extends TApiRouteKey> = TResponseOf<TApiContracts[TKey]>;
export type TApiInput<TKey extends TApiRouteKey> = TCallInput<TApiContracts[TKey]>;
/** The input argument, optional when the route needs none. */
export type TInputArgument<TKey extends TApiRouteKey> =
  object extends TApiInput<TKey> ? [input?: TApiInput<TKey>] : [input: TApiInput<TKey>];

export type ApiIssue = { path: string; message: string; line?: number; column?: number };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

/** "GET /api/v1/webhooks/{id}/deliveries" with { params: { id }, query: { page: 2 } } → its URL. */
export function apiUrl<TKey extends TApiRouteKey>(route: TKey, ...[input]: TInputArgument<TKey>): string {
  const { params = {}, query = {} } = (input ?? {}) as {
    params?: Record<string, string | number>;
    query?: Record<string, unknown>;
  };
  const path = route
    .slice(route.indexOf(" ") + 1)
    .replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  return search.size ? `${path}?${search}` : path;
}

/** Calls a route by its contract's name: `callApi("PATCH /api/v1/webhooks/{id}", { params: { id }, body })`. */
export async function callApi<TKey extends TApiRouteKey>(
  route: TKey,
  ...[input]: TInputArgument<TKey>
): Promise<TApiAnswer<TKey>> {
  const method = route.slice(0, route.indexOf(" ")) as THttpMethod;
  const url = apiUrl(route, ...([input] as TInputArgument<TKey>));
  return apiRequest<TApiAnswer<TKey>>(method, url, (input as { body?: unknown } | undefined)?.body);
}

type THttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export async function apiRequest<T>(method: THttpMethod, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error;
    throw new ApiError(response.status, error?.message ?? `Request failed (${response.status})`, error?.issues ?? []);
  }
  return payload as T;
}

/** What to tell the person after a failed request: the first invalid field when the API named one. */
export function apiErrorMessage(caught: unknown, fallback: string): string {
  const issue = caught instanceof ApiError ? caught.issues[0] : undefined;
  if (issue) return `${issue.path.replace(/^body\./, "")}: ${issue.message}`;
  return caught instanceof Error ? caught.message : fallback;
}
