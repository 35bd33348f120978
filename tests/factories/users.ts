import { randomUUID } from "node:crypto";
import type { TRole } from "@/lib/roles";
import { hashPassword } from "@/server/auth/password";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { createToken } from "@/server/tokens/tokens.service";

export async function makeUser(role: TRole, password = `pw-${randomUUID()}`) {
  const user = await prisma.user.create({
    data: {
      email: `${role}-${randomUUID().slice(0, 8)}@factory.test`,
      name: `Factory ${role}`,
      role,
      passwordHash: await hashPassword(password),
    },
  });
  return { ...user, password };
}

export async function makeToken(role: TRole) {
  const token = await createToken({ name: `factory ${role}`, role }, SYSTEM);
  return token.secret;
}

export function apiRequest(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  return new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

export const routeContext = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
