import { expect, it } from "vitest";
import { apiRequest, routeContext } from "../factories/users";

type TRoute = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the body shape it expects
// biome-ignore lint/suspicious/noExplicitAny: a route's JSON answer, read field by field by the tests
export type TListCall = (query: string, bearer?: string) => Promise<{ status: number; body: any }>;

/** Calls a list route as a script would, with the file's token unless another is given: `list("severity=High")`. */
export function listCaller(route: TRoute, path: string, token: () => string): TListCall {
  return async (query, bearer = token()) => {
    const response = await route(apiRequest(`${path}?${query}`, { token: bearer }), routeContext());
    return { status: response.status, body: await response.json() };
  };
}

export const ids = (body: { items: { id: number }[] }) => body.items.map((item) => item.id);

/** The contract every list route keeps: a bad query parameter is a 400 naming it, a bad token a 401. */
export function itRejectsBadListQueries(list: TListCall, cases: [query: string, path: string][]) {
  it.each(cases)("answers 400 naming the field for %s", async (query, path) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.issues[0].path).toBe(path);
  });

  it("answers 401 with a bad token", async () => {
    expect((await list("", "bw_not-a-token")).status).toBe(401);
  });
}
