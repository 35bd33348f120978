import "server-only";
import { randomUUID } from "node:crypto";
import { writeAudit } from "@/server/audit/write-audit";
import { prisma } from "@/server/db";
import { hashPassword, verifyPassword } from "./password";
import type { TRole } from "./permissions";
import {
  accountDelayMs,
  accountFailures,
  clearFailures,
  lockedUntil,
  recordFailure,
  throttleKeys,
} from "./sign-in-throttle";

export type TSignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: TRole; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "locked"; retryAfter?: Date };

// A hash to compare against when the email is unknown, so that a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(randomUUID()));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `ip`: the client's address as client-ip.ts finds it, or null when it cannot be known. */
export async function signInWithPassword(email: string, password: string, ip: string | null): Promise<TSignInResult> {
  const keys = throttleKeys(email, ip);
  const locked = await lockedUntil(keys);
  if (locked) return { ok: false, reason: "locked", retryAfter: locked };
  // An account under attack from many places answers slowly to everyone, rather than locking its owner out.
  const delay = accountDelayMs(await accountFailures(keys));
  if (delay) await sleep(delay);

  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() } });
  const isValid = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !isValid || user.isDisabled) {
    await recordFailure(keys);
    await writeAudit({
      actor: { kind: "user", id: user?.id ?? null, name: email, role: "reader" },
      action: "auth.signInFailed",
      targetType: "user",
      targetId: user?.id,
      after: { email, reason: user?.isDisabled ? "disabled" : "bad credentials" },
      ip,
    });
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(keys);
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await writeAudit({
    actor: { kind: "user", id: user.id, name: user.name, role: user.role },
    action: "auth.signIn",
    targetType: "user",
    targetId: user.id,
    ip,
  });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}
