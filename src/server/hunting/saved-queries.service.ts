import "server-only";
import { AppError, conflict, notFound } from "@/server/http/app-error";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import type { TSavedQueryBody } from "./saved-queries.schemas";

export type TSavedQuery = { id: string; name: string; query: string; createdAt: Date; updatedAt: Date };

const SELECT = { id: true, name: true, query: true, createdAt: true, updatedAt: true } as const;

// A saved query belongs to a person; an API token stands for no one, so it has none to list or keep.
function ownerId(principal: TPrincipal): string {
  if (principal.kind !== "user" || !principal.id)
    throw new AppError("FORBIDDEN", "Saved queries belong to a signed-in user; API tokens have none");
  return principal.id;
}

function isDuplicateName(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

const duplicate = (name: string) => conflict(`You already have a saved query named "${name}"`);

/** The caller's saved queries, by name. */
export function listSavedQueries(principal: TPrincipal): Promise<TSavedQuery[]> {
  return prisma.savedQuery.findMany({
    where: { userId: ownerId(principal) },
    select: SELECT,
    orderBy: { name: "asc" },
  });
}

export async function createSavedQuery(input: TSavedQueryBody, principal: TPrincipal): Promise<TSavedQuery> {
  try {
    return await prisma.savedQuery.create({ data: { ...input, userId: ownerId(principal) }, select: SELECT });
  } catch (error) {
    throw isDuplicateName(error) ? duplicate(input.name) : error;
  }
}

// The owner is in the where: another user's query is simply not found (404), never "forbidden".
export async function updateSavedQuery(
  id: string,
  input: TSavedQueryBody,
  principal: TPrincipal,
): Promise<TSavedQuery> {
  const userId = ownerId(principal);
  try {
    const { count } = await prisma.savedQuery.updateMany({ where: { id, userId }, data: input });
    if (count === 0) throw notFound("The saved query");
  } catch (error) {
    throw isDuplicateName(error) ? duplicate(input.name) : error;
  }
  return prisma.savedQuery.findUniqueOrThrow({ where: { id }, select: SELECT });
}

export async function deleteSavedQuery(id: string, principal: TPrincipal): Promise<{ id: string }> {
  const { count } = await prisma.savedQuery.deleteMany({ where: { id, userId: ownerId(principal) } });
  if (count === 0) throw notFound("The saved query");
  return { id };
}
