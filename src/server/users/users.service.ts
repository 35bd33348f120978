import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import { hashPassword } from "@/server/auth/password";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { AppError, conflict, notFound } from "@/server/http/app-error";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import type { TCreateUser, TUpdateUser, TUserListQuery } from "./users.schemas";

const PUBLIC_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  isDisabled: true,
  createdAt: true,
  lastSignInAt: true,
} as const;
export type TUserView = Prisma.UserGetPayload<{ select: typeof PUBLIC_FIELDS }>;

export async function listUsers(query: TUserListQuery): Promise<TPage<TUserView>> {
  const where: Prisma.UserWhereInput = {
    ...(query.role ? { role: query.role } : {}),
    ...(query.q
      ? {
          OR: [
            { email: { contains: query.q, mode: "insensitive" } },
            { name: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const [items, total] = await Promise.all([
    prisma.user.findMany({
      where,
      select: PUBLIC_FIELDS,
      orderBy: [{ [field]: field === "lastSignInAt" ? { sort: direction, nulls: "last" } : direction }, { id: "asc" }],
      ...skipTake(query),
    }),
    prisma.user.count({ where }),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function createUser(input: TCreateUser, actor: TPrincipal): Promise<TUserView> {
  const existing = await prisma.user.findUnique({ where: { email: input.email } });
  if (existing) throw conflict(`A user with the email ${input.email} already exists`);
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: PUBLIC_FIELDS,
    });
    await writeAudit({ actor, action: "user.create", targetType: "user", targetId: user.id, after: user }, tx);
    return user;
  });
}

export async function updateUser(id: string, input: TUpdateUser, actor: TPrincipal): Promise<TUserView> {
  const before = await prisma.user.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  if (!before) throw notFound("The user");
  const isLosingAdmin =
    before.role === "admin" && ((input.role && input.role !== "admin") || input.isDisabled === true);
  if (isLosingAdmin && actor.id === id)
    throw new AppError("CONFLICT", "You cannot demote or disable your own administrator account");
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return prisma.$transaction(async (tx) => {
    // Locking the admins makes "never remove the last active administrator" hold when two admins act at once.
    if (isLosingAdmin) {
      const admins = await tx.$queryRaw<
        { id: string }[]
      >`select id from "User" where role = 'admin' and not "isDisabled" for update`;
      if (admins.length <= 1) throw conflict("This is the last active administrator");
    }
    const user = await tx.user.update({
      where: { id },
      // A new password ends every session of the user: whoever had the old one is signed out.
      data: {
        name: input.name,
        role: input.role,
        isDisabled: input.isDisabled,
        ...(passwordHash ? { passwordHash, sessionVersion: { increment: 1 } } : {}),
      },
      select: PUBLIC_FIELDS,
    });
    const after = { ...user, ...(passwordHash ? { passwordChanged: true } : {}) };
    await writeAudit({ actor, action: "user.update", targetType: "user", targetId: id, before, after }, tx);
    return user;
  });
}
