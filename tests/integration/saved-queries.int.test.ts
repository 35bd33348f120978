import { beforeAll, describe, expect, it, vi } from "vitest";
import { SAMPLE_QUERIES } from "@/app/(console)/hunting/sample-queries";
import { DELETE as deleteRoute, PUT as putRoute } from "@/app/api/v1/hunting/saved-queries/[id]/route";
import { GET as listRoute, POST as postRoute } from "@/app/api/v1/hunting/saved-queries/route";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { apiRequest, makeToken, makeUser, routeContext } from "../factories/users";

// Saved queries belong to signed-in people: the session is stood in for by whoever `signedIn` names (bearer tokens still go the real way).
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
  return answer(await listRoute(apiRequest("/api/v1/hunting/saved-queries"), routeContext()));
};
const create = async (user: TUser, body: unknown) => {
  signedIn = as(user);
  return answer(await postRoute(apiRequest("/api/v1/hunting/saved-queries", { method: "POST", body }), routeContext()));
};
const update = async (user: TUser, id: string, body: unknown) => {
  signedIn = as(user);
  return answer(
    await putRoute(apiRequest(`/api/v1/hunting/saved-queries/${id}`, { method: "PUT", body }), routeContext({ id })),
  );
};
const remove = async (user: TUser, id: string) => {
  signedIn = as(user);
  return answer(
    await deleteRoute(apiRequest(`/api/v1/hunting/saved-queries/${id}`, { method: "DELETE" }), routeContext({ id })),
  );
};

const SEED_004 =
  'EmailPostDeliveryEvents | where ActionType == "Automated Remediation" and ActionTrigger == "Automation"';

beforeAll(async () => {
  [reader, other] = await Promise.all([makeUser("reader"), makeUser("reader")]);
});

describe("/api/v1/hunting/saved-queries", () => {
  it("lets a reader save, list, rename and delete their own queries", async () => {
    const created = await create(reader, { name: " Automated remediation ", query: SEED_004 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: "Automated remediation",
      query: SEED_004,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    await create(reader, { name: "All clicks", query: "UrlClickEvents | take 10" });

    expect((await list(reader)).body.map((saved: { name: string }) => saved.name)).toEqual([
      "All clicks",
      "Automated remediation",
    ]);

    const renamed = await update(reader, created.body.id, { name: "seeds/004", query: `${SEED_004} | take 5` });
    expect(renamed).toMatchObject({
      status: 200,
      body: { id: created.body.id, name: "seeds/004", query: `${SEED_004} | take 5` },
    });

    expect(await remove(reader, created.body.id)).toEqual({ status: 200, body: { id: created.body.id } });
    expect((await list(reader)).body.map((saved: { name: string }) => saved.name)).toEqual(["All clicks"]);
  });

  it("keeps each user's queries to themselves: another's is not listed and not found (404)", async () => {
    const { body: mine } = await create(reader, { name: "Mine", query: "EmailEvents | count" });
    expect((await list(other)).body).toEqual([]);
    expect(await update(other, mine.id, { name: "Taken over", query: "EmailEvents" })).toMatchObject({ status: 404 });
    expect(await remove(other, mine.id)).toMatchObject({ status: 404 });
    expect(await prisma.savedQuery.findUnique({ where: { id: mine.id } })).toMatchObject({
      name: "Mine",
      query: "EmailEvents | count",
    });
    // The same name is free for someone else.
    expect(await create(other, { name: "Mine", query: "EmailEvents" })).toMatchObject({ status: 201 });
  });

  it("refuses a name the user already has (409), on create and on rename", async () => {
    const { body: first } = await create(reader, { name: "Duplicate", query: "EmailEvents" });
    expect(await create(reader, { name: "Duplicate", query: "EmailUrlInfo" })).toMatchObject({
      status: 409,
      body: { error: { code: "CONFLICT", message: 'You already have a saved query named "Duplicate"' } },
    });
    const { body: second } = await create(reader, { name: "Second", query: "EmailUrlInfo" });
    expect(await update(reader, second.id, { name: "Duplicate", query: "EmailUrlInfo" })).toMatchObject({
      status: 409,
    });
    expect(await prisma.savedQuery.findUnique({ where: { id: first.id } })).toMatchObject({ query: "EmailEvents" });
  });

  it("answers 400 naming the field for a bad body or id", async () => {
    expect(await create(reader, { name: "  ", query: "EmailEvents" })).toMatchObject({
      status: 400,
      body: { error: { issues: [{ path: "body.name" }] } },
    });
    expect(await create(reader, { name: "No query", query: " " })).toMatchObject({
      status: 400,
      body: { error: { issues: [{ path: "body.query" }] } },
    });
    expect(await create(reader, { name: "Too long", query: "x".repeat(20_001) })).toMatchObject({
      status: 400,
      body: { error: { issues: [{ path: "body.query" }] } },
    });
    expect(await remove(reader, "not-a-uuid")).toMatchObject({
      status: 400,
      body: { error: { issues: [{ path: "params.id" }] } },
    });
  });

  it("answers 401 to nobody and 403 to an API token, which stands for no user", async () => {
    signedIn = null;
    expect((await listRoute(apiRequest("/api/v1/hunting/saved-queries"), routeContext())).status).toBe(401);
    const token = await makeToken("admin");
    const response = await postRoute(
      apiRequest("/api/v1/hunting/saved-queries", { method: "POST", token, body: { name: "x", query: "EmailEvents" } }),
      routeContext(),
    );
    expect(response.status).toBe(403);
  });

  it("goes with its user when the user is deleted", async () => {
    const leaver = await makeUser("operator");
    await create(leaver, { name: "Leaving", query: "EmailEvents" });
    await prisma.user.delete({ where: { id: leaver.id } });
    expect(await prisma.savedQuery.count({ where: { userId: leaver.id } })).toBe(0);
  });
});

describe("the Advanced hunting page's sample queries", () => {
  it.each(SAMPLE_QUERIES.map((sample) => [sample.name, sample.query]))("%s runs as written", async (_name, query) => {
    await expect(runHuntingQuery(query)).resolves.toMatchObject({
      columns: expect.any(Array),
      rows: expect.any(Array),
    });
  });
});
