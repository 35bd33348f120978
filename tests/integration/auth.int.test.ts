import { describe, expect, it } from "vitest";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/v1/users/route";
import { PATCH as updateUserRoute } from "@/app/api/v1/users/[id]/route";
import { GET as auditRoute } from "@/app/api/v1/audit/route";
import { DELETE as revokeTokenRoute } from "@/app/api/v1/tokens/[id]/route";
import { authOptions } from "@/server/auth/auth-options";
import { principalFromSession } from "@/server/auth/current-principal";
import { signInWithPassword } from "@/server/auth/sign-in";
import { MAX_FAILURES, MAX_FAILURES_PER_IP } from "@/server/auth/sign-in-throttle";
import { PEER_HEADER } from "@/server/http/socket-peer";
import { prisma } from "@/server/db";
import { apiRequest, makeToken, makeUser, routeContext } from "../factories/users";

describe("sign-in", () => {
  it("accepts the right password and records the sign-in", async () => {
    const user = await makeUser("operator");
    const result = await signInWithPassword(user.email, user.password, "203.0.113.5");
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "operator" } });
    expect(await prisma.auditLog.count({ where: { action: "auth.signIn", targetId: user.id } })).toBe(1);
  });

  it("refuses a wrong password, audits it, and locks the account after repeated failures", async () => {
    const user = await makeUser("reader");
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      expect(await signInWithPassword(user.email, "wrong-password", null)).toEqual({ ok: false, reason: "invalid" });
    }
    // Now even the right password is refused until the lock expires.
    expect(await signInWithPassword(user.email, user.password, null)).toMatchObject({ ok: false, reason: "locked" });
    expect(await prisma.auditLog.count({ where: { action: "auth.signInFailed", targetId: user.id } })).toBe(
      MAX_FAILURES,
    );
  });

  it("refuses a disabled user", async () => {
    const user = await makeUser("admin");
    await prisma.user.update({ where: { id: user.id }, data: { isDisabled: true } });
    expect(await signInWithPassword(user.email, user.password, null)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("sign-in throttling that strangers cannot turn against an account", () => {
  type TAuthorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  // The credentials provider's own authorize, as next-auth calls it with the request's headers.
  const authorize = (authOptions.providers[0] as unknown as { options: { authorize: TAuthorize } }).options.authorize;
  const attempt = (email: string, password: string, headers: Record<string, string>) =>
    authorize({ email, password }, { headers }).then(
      (user) => (user ? "ok" : "invalid"),
      (error: Error) => error.message,
    );

  it("throttles 40 sprayed emails from one address, whatever X-Forwarded-For it forges", async () => {
    const outcomes: string[] = [];
    for (let index = 0; index < 40; index++) {
      outcomes.push(
        await attempt(`sprayed-${index}@victims.test`, "Winter2026!", {
          [PEER_HEADER]: "198.51.100.40",
          "x-forwarded-for": `203.0.113.${index}`,
        }),
      );
    }
    expect(outcomes.slice(0, MAX_FAILURES_PER_IP)).toEqual(Array(MAX_FAILURES_PER_IP).fill("invalid"));
    expect(outcomes.slice(MAX_FAILURES_PER_IP)).toEqual(Array(40 - MAX_FAILURES_PER_IP).fill("locked"));
    // The lock is the address's, not the forged one's: another address still signs in.
    const user = await makeUser("reader");
    expect(
      await attempt(user.email, user.password, { [PEER_HEADER]: "198.51.100.41", "x-forwarded-for": "198.51.100.40" }),
    ).toBe("ok");
    // Twenty bcrypt comparisons: seconds each on a busy CI machine.
  }, 180_000);

  it("does not let a stranger lock an administrator out: the admin signs in from elsewhere", async () => {
    const admin = await makeUser("admin");
    const stranger = { [PEER_HEADER]: "203.0.113.66" };
    for (let index = 0; index < MAX_FAILURES; index++)
      expect(await attempt(admin.email, "guess", stranger)).toBe("invalid");
    // The stranger's pair is locked, even with the right password...
    expect(await attempt(admin.email, admin.password, stranger)).toBe("locked");
    // ...and the admin, from their own address, signs in (after a short delay, the account being under attack).
    const started = Date.now();
    expect(await attempt(admin.email, admin.password, { [PEER_HEADER]: "198.51.100.10" })).toBe("ok");
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it("locks an (account, address) pair, not the address for other accounts nor the account elsewhere", async () => {
    const [target, neighbour] = [await makeUser("operator"), await makeUser("reader")];
    const shared = { [PEER_HEADER]: "192.0.2.50" };
    for (let index = 0; index < MAX_FAILURES; index++) await attempt(target.email, "guess", shared);
    expect(await attempt(target.email, target.password, shared)).toBe("locked");
    expect(await attempt(neighbour.email, neighbour.password, shared)).toBe("ok");
    expect(await attempt(target.email, target.password, { [PEER_HEADER]: "192.0.2.51" })).toBe("ok");
  });

  it("never locks out everyone whose address is unknown", async () => {
    for (let index = 0; index < MAX_FAILURES_PER_IP + 2; index++)
      expect(await attempt(`nobody-${index}@unknown.test`, "guess", {})).toBe("invalid");
    const user = await makeUser("reader");
    expect(await attempt(user.email, user.password, { "x-forwarded-for": "203.0.113.7" })).toBe("ok");
  }, 180_000);
});

describe("route authorisation", () => {
  it("answers 401 without valid credentials", async () => {
    const response = await listUsersRoute(apiRequest("/api/v1/users", { token: "bw_not-a-token" }), routeContext());
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHORIZED");
  });

  it.each([
    ["reader", 403],
    ["operator", 403],
    ["admin", 200],
  ] as const)("lets a %s token list users: %i", async (role, status) => {
    const response = await listUsersRoute(
      apiRequest("/api/v1/users", { token: await makeToken(role) }),
      routeContext(),
    );
    expect(response.status).toBe(status);
  });

  it("lets a reader read the audit log", async () => {
    const response = await auditRoute(
      apiRequest("/api/v1/audit?pageSize=5", { token: await makeToken("reader") }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ page: 1, pageSize: 5 });
  });

  it("stops accepting a revoked token", async () => {
    const admin = await makeToken("admin");
    const reader = await makeToken("reader");
    const token = await prisma.apiToken.findFirstOrThrow({ where: { role: "reader" }, orderBy: { createdAt: "desc" } });
    const revoked = await revokeTokenRoute(
      apiRequest(`/api/v1/tokens/${token.id}`, { method: "DELETE", token: admin }),
      routeContext({ id: token.id }),
    );
    expect(revoked.status).toBe(200);
    const response = await auditRoute(apiRequest("/api/v1/audit", { token: reader }), routeContext());
    expect(response.status).toBe(401);
  });
});

describe("users API", () => {
  it("answers 400 naming the field for bad input", async () => {
    const token = await makeToken("admin");
    const cases: [unknown, string][] = [
      [{ email: "nope", name: "A", role: "reader", password: "long-enough-pass" }, "body.email"],
      [{ email: "a@b.test", name: "A", role: "boss", password: "long-enough-pass" }, "body.role"],
      [{ email: "a@b.test", name: "A", role: "reader", password: "short" }, "body.password"],
    ];
    for (const [body, path] of cases) {
      const response = await createUserRoute(
        apiRequest("/api/v1/users", { method: "POST", token, body }),
        routeContext(),
      );
      expect(response.status).toBe(400);
      expect((await response.json()).error.issues[0].path).toBe(path);
    }
    const notJson = await createUserRoute(
      apiRequest("/api/v1/users", { method: "POST", token, body: "{oops" }),
      routeContext(),
    );
    expect(notJson.status).toBe(400);
    const badSort = await listUsersRoute(apiRequest("/api/v1/users?sort=passwordHash", { token }), routeContext());
    expect(badSort.status).toBe(400);
    expect((await badSort.json()).error.issues[0].path).toBe("query.sort");
  });

  it("creates a user once (409 for the same email) and audits it", async () => {
    const token = await makeToken("admin");
    const body = {
      email: "New.Analyst@Example.test",
      name: "New Analyst",
      role: "operator",
      password: "a-long-password-1",
    };
    const created = await createUserRoute(apiRequest("/api/v1/users", { method: "POST", token, body }), routeContext());
    expect(created.status).toBe(201);
    const user = await created.json();
    expect(user).toMatchObject({ email: "new.analyst@example.test", role: "operator" });
    expect(user.passwordHash).toBeUndefined();
    const again = await createUserRoute(apiRequest("/api/v1/users", { method: "POST", token, body }), routeContext());
    expect(again.status).toBe(409);
    expect(await prisma.auditLog.count({ where: { action: "user.create", targetId: user.id } })).toBe(1);
  });

  it("never demotes the last active administrator, and 404s an unknown id", async () => {
    const admins = await prisma.user.findMany({ where: { role: "admin", isDisabled: false } });
    await prisma.user.updateMany({
      where: { id: { in: admins.map((admin) => admin.id) } },
      data: { isDisabled: true },
    });
    const lastAdmin = await makeUser("admin");
    const token = await makeToken("admin");
    const demote = await updateUserRoute(
      apiRequest(`/api/v1/users/${lastAdmin.id}`, { method: "PATCH", token, body: { role: "reader" } }),
      routeContext({ id: lastAdmin.id }),
    );
    expect(demote.status).toBe(409);
    const unknown = "00000000-0000-4000-8000-000000000000";
    const missing = await updateUserRoute(
      apiRequest(`/api/v1/users/${unknown}`, { method: "PATCH", token, body: { role: "reader" } }),
      routeContext({ id: unknown }),
    );
    expect(missing.status).toBe(404);
  });
});

describe("sessions end on sign-out and on a password change", () => {
  type TToken = { sub?: string; sv?: number };
  /** What next-auth does with a successful sign-in: the token it signs into the cookie, and the session it reads back. */
  async function signInSession(user: { email: string; password: string }) {
    const result = await signInWithPassword(user.email, user.password, "203.0.113.9");
    if (!result.ok) throw new Error("sign-in failed");
    const callbacks = authOptions.callbacks!;
    const token = (await callbacks.jwt!({
      token: { sub: undefined },
      user: { ...result.user },
      account: null,
      trigger: "signIn",
    } as never)) as TToken;
    const session = await callbacks.session!({ session: { user: {}, expires: "" }, token, user: undefined } as never);
    return { token, session: session as { user?: unknown } };
  }

  it("a session copied before sign-out is refused after it, on every device", async () => {
    const user = await makeUser("admin");
    const laptop = await signInSession(user);
    const phone = await signInSession(user);
    expect(await principalFromSession(laptop.session)).toMatchObject({ id: user.id, role: "admin" });
    await authOptions.events!.signOut!({ token: laptop.token, session: laptop.session } as never);
    expect(await principalFromSession(laptop.session)).toBeNull();
    expect(await principalFromSession(phone.session)).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "auth.signOut", targetId: user.id } })).toBe(1);
    // Replaying the stale cookie's sign-out ends nothing more; a new sign-in works.
    await authOptions.events!.signOut!({ token: laptop.token, session: laptop.session } as never);
    const again = await signInSession(user);
    expect(await principalFromSession(again.session)).toMatchObject({ id: user.id });
  });

  it("an admin's password reset ends the user's sessions; changing only the name does not", async () => {
    const user = await makeUser("operator");
    const before = await signInSession(user);
    const token = await makeToken("admin");
    const patch = (body: unknown) =>
      updateUserRoute(
        apiRequest(`/api/v1/users/${user.id}`, { method: "PATCH", token, body }),
        routeContext({ id: user.id }),
      );
    expect((await patch({ name: "Renamed" })).status).toBe(200);
    expect(await principalFromSession(before.session)).toMatchObject({ id: user.id });
    expect((await patch({ password: "a-brand-new-password-1" })).status).toBe(200);
    expect(await principalFromSession(before.session)).toBeNull();
    const after = await signInSession({ email: user.email, password: "a-brand-new-password-1" });
    expect(await principalFromSession(after.session)).toMatchObject({ id: user.id });
  });
});
