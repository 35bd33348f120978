import { beforeAll, describe, expect, it, vi } from "vitest";
import { PUT as putRoute } from "@/app/api/v1/me/table-columns/[table]/route";
import { GET as listRoute } from "@/app/api/v1/me/table-columns/route";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { apiRequest, makeToken, makeUser, routeContext } from "../factories/users";

// Column choices belong to signed-in people: the session is stood in for by whoever `signedIn` names (bearer tokens go the real way).
let signedIn: TPrincipal | null = null;
vi.mock("@/server/auth/current-principal", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/auth/current-principal")>();
  return {
    ...original,
    requestPrincipal: (request: Request) =>
      request.headers.has("authorization") ? original.requestPrincipal(request) : Promise.resolve(signedIn),
  };
});

type TUser = Awaited<ReturnType<typeof makeUser>>;
let reader: TUser;
let other: TUser;

const as = (user: TUser): TPrincipal => ({
  kind: "user",
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
});

async function answer(response: Response) {
  return { status: response.status, body: await response.json() };
}

const list = async (user: TUser) => {
  signedIn = as(user);
  return answer(await listRoute(apiRequest("/api/v1/me/table-columns"), routeContext()));
};
const save = async (user: TUser, table: string, body: unknown) => {
  signedIn = as(user);
  return answer(
    await putRoute(apiRequest(`/api/v1/me/table-columns/${table}`, { method: "PUT", body }), routeContext({ table })),
  );
};

beforeAll(async () => {
  [reader, other] = await Promise.all([makeUser("reader"), makeUser("reader")]);
});

describe("/api/v1/me/table-columns", () => {
  it("keeps each table's column choice for its user, replacing the previous one", async () => {
    expect(await save(reader, "alerts", { columns: { policyName: true, eventCount: false } })).toEqual({
      status: 200,
      body: { table: "alerts", columns: { policyName: true, eventCount: false } },
    });
    await save(reader, "action-history", { columns: { source: true } });
    expect(await list(reader)).toEqual({
      status: 200,
      body: { alerts: { policyName: true, eventCount: false }, "action-history": { source: true } },
    });

    await save(reader, "alerts", { columns: {} });
    expect((await list(reader)).body.alerts).toEqual({});
  });

  it("keeps one user's choices from another", async () => {
    await save(reader, "email", { columns: { bcl: true } });
    expect((await list(other)).body).toEqual({});
  });

  it("answers 400 naming the field for a bad table id or column", async () => {
    expect(await save(reader, "Alerts!", { columns: {} })).toMatchObject({
      status: 400,
      body: { error: { issues: [{ path: "params.table" }] } },
    });
    expect(await save(reader, "alerts", { columns: { policyName: "yes" } })).toMatchObject({
      status: 400,
      body: { error: { issues: [{ path: "body.columns.policyName" }] } },
    });
    expect(await save(reader, "alerts", { columns: { "bad column": true } })).toMatchObject({ status: 400 });
    expect(await save(reader, "alerts", {})).toMatchObject({
      status: 400,
      body: { error: { issues: [{ path: "body.columns" }] } },
    });
  });

  it("answers 401 to nobody and 403 to an API token, which stands for no user", async () => {
    signedIn = null;
    expect((await listRoute(apiRequest("/api/v1/me/table-columns"), routeContext())).status).toBe(401);
    const token = await makeToken("admin");
    expect((await listRoute(apiRequest("/api/v1/me/table-columns", { token }), routeContext())).status).toBe(403);
  });

  it("goes with its user when the user is deleted", async () => {
    const leaver = await makeUser("operator");
    await save(leaver, "alerts", { columns: { policyName: true } });
    await prisma.user.delete({ where: { id: leaver.id } });
    expect(await prisma.userPreference.count({ where: { userId: leaver.id } })).toBe(0);
  });
});
