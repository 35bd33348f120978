import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as rejectRoute } from "@/app/api/v1/actions/[id]/reject/route";
import { POST as releaseRoute } from "@/app/api/v1/restricted-users/[id]/release/route";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { makeAction, makeRestrictedUser } from "../factories/console";
import { makeToken, makeUser, routeContext } from "../factories/users";

// A browser session stands in as a signed-in operator (a session needs Next's request scope); bearer tokens go the real way.
let signedIn: TPrincipal | null = null;
vi.mock("@/server/auth/current-principal", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/auth/current-principal")>();
  return {
    ...original,
    requestPrincipal: (request: Request) =>
      request.headers.has("authorization") ? original.requestPrincipal(request) : Promise.resolve(signedIn),
  };
});

const CONSOLE = "http://localhost:3000";
const COOKIE = { cookie: "next-auth.session-token=the-operators-session" };

function post(path: string, headers: Record<string, string>, body = "{}") {
  return new Request(`${CONSOLE}${path}`, {
    method: "POST",
    headers: { host: "localhost:3000", "content-length": String(body.length), ...headers },
    body,
  });
}

async function reject(headers: Record<string, string>, body?: string) {
  const action = await makeAction();
  const response = await rejectRoute(
    post(`/api/v1/actions/${action.id}/reject`, headers, body),
    routeContext({ id: String(action.id) }),
  );
  const after = await prisma.action.findUniqueOrThrow({ where: { id: action.id } });
  const audit = await prisma.auditLog.findFirst({ where: { action: "action.reject", targetId: String(action.id) } });
  return {
    status: response.status,
    body: await response.json(),
    actionStatus: after.status,
    auditedAs: audit?.actorName ?? null,
  };
}

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_URL", CONSOLE);
  const operator = await makeUser("operator");
  signedIn = { kind: "user", id: operator.id, name: operator.name, email: operator.email, role: operator.role };
});

describe("CSRF: a signed-in operator's browser, driven by another page", () => {
  it("refuses a rejection posted from another origin (another port of the same host) with 403, and changes nothing", async () => {
    const answer = await reject({
      ...COOKIE,
      "content-type": "application/json",
      origin: "http://localhost:8080",
      "sec-fetch-site": "same-site",
    });
    expect(answer).toMatchObject({
      status: 403,
      actionStatus: "Pending",
      auditedAs: null,
      body: { error: { code: "CROSS_ORIGIN" } },
    });
    expect(answer.body.error.message).toContain("same-site");
  });

  it("refuses a cookie call with neither Origin nor Sec-Fetch-Site", async () => {
    expect(await reject({ ...COOKIE, "content-type": "application/json" })).toMatchObject({
      status: 403,
      actionStatus: "Pending",
    });
  });

  it("refuses a text/plain body (what a form or a no-cors fetch sends) even from the console's own origin", async () => {
    const answer = await reject({ ...COOKIE, "content-type": "text/plain", origin: CONSOLE }, '{"comment":"x"}');
    expect(answer).toMatchObject({
      status: 415,
      actionStatus: "Pending",
      body: { error: { code: "UNSUPPORTED_MEDIA_TYPE" } },
    });
  });

  it("carries out the same call from the console's own page, audited as the operator", async () => {
    const answer = await reject(
      { ...COOKIE, "content-type": "application/json", origin: CONSOLE, "sec-fetch-site": "same-origin" },
      '{"comment":"not malicious"}',
    );
    expect(answer).toMatchObject({ status: 200, actionStatus: "Rejected", auditedAs: signedIn!.name });
  });

  it("refuses a release from another origin, and lets the console's own page release", async () => {
    const restricted = await makeRestrictedUser();
    const release = (headers: Record<string, string>) =>
      releaseRoute(
        post(`/api/v1/restricted-users/${restricted.id}/release`, {
          ...COOKIE,
          "content-type": "application/json",
          ...headers,
        }),
        routeContext({ id: String(restricted.id) }),
      );
    expect((await release({ origin: "http://evil.example" })).status).toBe(403);
    expect((await prisma.restrictedUser.findUniqueOrThrow({ where: { id: restricted.id } })).releasedAt).toBeNull();
    expect((await release({ origin: CONSOLE })).status).toBe(200);
    expect((await prisma.restrictedUser.findUniqueOrThrow({ where: { id: restricted.id } })).releasedAt).not.toBeNull();
  });

  it("lets a script with a bearer token call without any Origin", async () => {
    const token = await makeToken("operator");
    const answer = await reject({ authorization: `Bearer ${token}`, "content-type": "application/json" });
    expect(answer).toMatchObject({ status: 200, actionStatus: "Rejected" });
  });
});
